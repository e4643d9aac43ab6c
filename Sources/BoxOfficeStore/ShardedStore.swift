import BoxOfficeCore
import Foundation
import Logging
import Synchronization

/// Events spread over several PostgreSQL clusters. Every row of one event (sections,
/// seats, reservations, tickets) lives on the event's shard, chosen at creation by a
/// stable function of the event id and recorded in the directory, so a booking never
/// spans shards. Accounts and settings live on the directory (the first database).
/// Reads that span events (browsing, a buyer's tickets, lapsed holds) ask every shard
/// and merge.
package final class ShardedStore: Store, StoreTestHooks {
    package let shards: [PostgresStore]
    /// The first database: accounts, settings and where each event lives.
    package var directory: PostgresStore { shards[0] }
    /// Event -> shard index; placements never change, so they are cached forever.
    private let placements = Mutex<[UUID: Int]>([:])
    /// Reservation -> shard index, learnt on first lookup (bounded).
    private let reservationShards = Mutex<[UUID: Int]>([:])

    private init(shards: [PostgresStore]) {
        self.shards = shards
    }

    /// Checks that every database (the first is the directory) can be reached.
    package static func connect(urls: [String], logger: Logger) async throws -> ShardedStore {
        var shards: [PostgresStore] = []
        for url in urls { shards.append(try await PostgresStore.connect(url: url, logger: logger)) }
        return ShardedStore(shards: shards)
    }

    /// Checks every shard's schema (see `PostgresStore.prepare(migrate:)`), with their pools running.
    package func prepare(migrate: Bool) async throws {
        for shard in shards { try await shard.prepare(migrate: migrate) }
    }

    /// The shard a new event goes to: FNV-1a of its id, modulo the number of shards.
    package static func placement(of eventID: UUID, shards: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in eventID.text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return Int(hash % UInt64(shards))
    }

    /// The shard holding an event, from the cache or the directory.
    package func shardIndex(of eventID: UUID) async throws -> Int? {
        if let index = placements.withLock({ $0[eventID] }) { return index }
        guard let row = try await directory.rows("SELECT shard FROM event_shards WHERE event_id = \(eventID.text)").first else { return nil }
        let index = try row.decode(Int.self)
        guard shards.indices.contains(index) else { return nil }
        placements.withLock { $0[eventID] = index }
        return index
    }

    private func shard(of eventID: UUID) async throws -> PostgresStore? {
        try await shardIndex(of: eventID).map { shards[$0] }
    }

    private func shard(ofReservation id: UUID) async throws -> PostgresStore? {
        if let index = reservationShards.withLock({ $0[id] }) { return shards[index] }
        for (index, shard) in shards.enumerated() where try await shard.reservation(id: id) != nil {
            reservationShards.withLock { map in
                if map.count > 100_000 { map.removeAll(keepingCapacity: true) }
                map[id] = index
            }
            return shard
        }
        return nil
    }

    /// Runs `body` on every shard at once and returns the results in shard order.
    private func everyShard<T: Sendable>(_ body: @escaping @Sendable (PostgresStore) async throws -> T) async throws -> [T] {
        try await withThrowingTaskGroup(of: (Int, T).self) { group in
            for (index, shard) in shards.enumerated() { group.addTask { (index, try await body(shard)) } }
            var results: [Int: T] = [:]
            for try await (index, result) in group { results[index] = result }
            return shards.indices.map { results[$0]! }
        }
    }

    // MARK: Directory

    package func createUser(_ user: User) async throws { try await directory.createUser(user) }
    package func scanners(of organizerID: UUID?) async throws -> [User] { try await directory.scanners(of: organizerID) }
    package func disableUser(id: UUID, at: Date) async throws -> Bool { try await directory.disableUser(id: id, at: at) }
    package func user(email: String) async throws -> User? { try await directory.user(email: email) }
    package func user(id: UUID) async throws -> User? { try await directory.user(id: id) }
    package func setting(_ name: String) async throws -> String? { try await directory.setting(name) }
    package func setSetting(_ name: String, value: String) async throws { try await directory.setSetting(name, value: value) }
    package func setSettingIfAbsent(_ name: String, value: String) async throws -> String {
        try await directory.setSettingIfAbsent(name, value: value)
    }

    // MARK: Events

    package func createEvent(_ event: Event, seats: [Seat]) async throws {
        let index = Self.placement(of: event.id, shards: shards.count)
        try await directory.client.query("INSERT INTO event_shards (event_id, shard) VALUES (\(event.id.text), \(index))",
                                         logger: directory.logger)
        do {
            try await shards[index].createEvent(event, seats: seats)
        } catch {
            _ = try? await directory.client.query("DELETE FROM event_shards WHERE event_id = \(event.id.text)", logger: directory.logger)
            throw error
        }
        placements.withLock { $0[event.id] = index }
    }

    package func event(id: UUID) async throws -> Event? {
        try await shard(of: id)?.event(id: id)
    }

    /// Each shard's first page, merged in catalogue order: the merged first `limit` are
    /// exactly the first `limit` overall, so cursors page correctly across shards.
    package func events(matching query: EventQuery) async throws -> [Event] {
        let pages = try await everyShard { try await $0.events(matching: query) }
        let merged = pages.flatMap { $0 }.sorted { ($0.startsAt, $0.id.text) < ($1.startsAt, $1.id.text) }
        return Array(merged.prefix(query.limit))
    }

    package func eventCount() async throws -> Int {
        try await everyShard { try await $0.eventCount() }.reduce(0, +)
    }

    package func inventory(eventID: UUID) async throws -> InventoryRecord? {
        try await shard(of: eventID)?.inventory(eventID: eventID)
    }

    package func auditRecord(eventID: UUID) async throws -> AuditRecord? {
        try await shard(of: eventID)?.auditRecord(eventID: eventID)
    }

    // MARK: Booking

    package func holdBatch(_ commands: [HoldCommand]) async throws -> [Result<HoldOutcome, BookingError>] {
        // Batches come from one event's desk; group by shard anyway to stay correct.
        var results = [Result<HoldOutcome, BookingError>?](repeating: nil, count: commands.count)
        let byEvent = Dictionary(grouping: commands.indices, by: { commands[$0].event.id })
        for (eventID, indices) in byEvent {
            guard let shard = try await shard(of: eventID) else {
                for index in indices { results[index] = .failure(.eventNotFound) }
                continue
            }
            let outcomes = try await shard.holdBatch(indices.map { commands[$0] })
            for (index, outcome) in zip(indices, outcomes) {
                results[index] = outcome
                if case let .success(.created(reservation)) = outcome, let shardIndex = shards.firstIndex(where: { $0 === shard }) {
                    reservationShards.withLock { $0[reservation.id] = shardIndex }
                }
            }
        }
        return results.map { $0! }
    }

    package func reservation(id: UUID) async throws -> Reservation? {
        try await shard(ofReservation: id)?.reservation(id: id)
    }

    package func beginPayment(reservationID: UUID, paymentMethodID: String, paymentID: String?, confirmKey: String?,
                              now: Date) async throws -> Reservation {
        guard let shard = try await shard(ofReservation: reservationID) else { throw BookingError.reservationNotFound }
        return try await shard.beginPayment(reservationID: reservationID, paymentMethodID: paymentMethodID, paymentID: paymentID,
                                            confirmKey: confirmKey, now: now)
    }

    package func confirm(reservationID: UUID, paymentID: String, tickets: [Ticket], now: Date) async throws -> Reservation {
        guard let shard = try await shard(ofReservation: reservationID) else { throw BookingError.reservationNotFound }
        return try await shard.confirm(reservationID: reservationID, paymentID: paymentID, tickets: tickets, now: now)
    }

    package func release(reservationID: UUID, as status: ReservationStatus, now: Date) async throws -> Reservation? {
        try await shard(ofReservation: reservationID)?.release(reservationID: reservationID, as: status, now: now)
    }

    package func lapsedReservations(now: Date, limit: Int) async throws -> [(reservationID: UUID, eventID: UUID)] {
        try await everyShard { shard in
            try await shard.lapsedReservations(now: now, limit: limit).map { [$0.reservationID, $0.eventID] }
        }.flatMap { $0 }.prefix(limit).map { (reservationID: $0[0], eventID: $0[1]) }
    }

    package func unsettledPayments(startedBefore: Date, limit: Int) async throws -> [(reservationID: UUID, paymentMethodID: String)] {
        try await everyShard { shard in
            try await shard.unsettledPayments(startedBefore: startedBefore, limit: limit).map { [$0.reservationID.text, $0.paymentMethodID] }
        }.flatMap { $0 }.prefix(limit).map { (reservationID: UUID(text: $0[0])!, paymentMethodID: $0[1]) }
    }

    // MARK: Queue and presale (on the event's shard)

    package func updateEventRules(_ event: Event, replacing previous: Event, at now: Date) async throws -> Bool {
        guard let shard = try await shard(of: event.id) else { throw BookingError.eventNotFound }
        return try await shard.updateEventRules(event, replacing: previous, at: now)
    }

    package func joinQueue(batch joins: [QueueJoin]) async throws -> [(entry: QueueEntry, counts: QueueCounts)] {
        guard let first = joins.first, joins.allSatisfy({ $0.eventID == first.eventID }) else {
            var answers: [(entry: QueueEntry, counts: QueueCounts)] = []
            for join in joins { answers.append(try await joinQueue(join)) }
            return answers
        }
        guard let shard = try await shard(of: first.eventID) else { throw BookingError.eventNotFound }
        return try await shard.joinQueue(batch: joins)
    }

    package func joinQueue(_ join: QueueJoin) async throws -> (entry: QueueEntry, counts: QueueCounts) {
        guard let shard = try await shard(of: join.eventID) else { throw BookingError.eventNotFound }
        return try await shard.joinQueue(join)
    }

    package func queueState(eventID: UUID) async throws -> (queue: QueueSettings?, counts: QueueCounts)? {
        try await shard(of: eventID)?.queueState(eventID: eventID)
    }

    package func sealQueue(eventID: UUID) async throws -> QueueCounts {
        guard let shard = try await shard(of: eventID) else { throw BookingError.eventNotFound }
        return try await shard.sealQueue(eventID: eventID)
    }

    package func earlyDraws(eventID: UUID) async throws -> [Int64] {
        try await shard(of: eventID)?.earlyDraws(eventID: eventID) ?? []
    }

    package func claimPresaleCode(eventID: UUID, code: String, userID: UUID, at: Date) async throws -> Bool {
        guard let shard = try await shard(of: eventID) else { throw BookingError.eventNotFound }
        return try await shard.claimPresaleCode(eventID: eventID, code: code, userID: userID, at: at)
    }

    // MARK: Tickets

    package func tickets(ownerID: UUID) async throws -> [Ticket] {
        try await everyShard { try await $0.tickets(ownerID: ownerID) }.flatMap { $0 }
            .sorted { ($0.issuedAt, $1.id.text) > ($1.issuedAt, $0.id.text) }
    }

    package func ticket(id: UUID) async throws -> Ticket? {
        try await everyShard { try await $0.ticket(id: id) }.compactMap { $0 }.first
    }

    package func ticketChanges(eventID: UUID, since: Date?) async throws -> [Ticket] {
        try await shard(of: eventID)?.ticketChanges(eventID: eventID, since: since) ?? []
    }

    package func checkIn(ticketID: UUID, scannerID: UUID, at: Date) async throws -> (ticket: Ticket, marked: Bool)? {
        for shard in shards {
            if let outcome = try await shard.checkIn(ticketID: ticketID, scannerID: scannerID, at: at) { return outcome }
        }
        return nil
    }

    package func tickets(reservationID: UUID) async throws -> [Ticket] {
        try await shard(ofReservation: reservationID)?.tickets(reservationID: reservationID) ?? []
    }

    // MARK: Operations

    package func inventoryChanges() -> AsyncStream<InventoryFeedItem> {
        let streams = shards.map { $0.inventoryChanges() }
        return AsyncStream { continuation in
            let task = Task {
                await withTaskGroup(of: Void.self) { group in
                    for stream in streams {
                        group.addTask { for await item in stream { continuation.yield(item) } }
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    package func ping() async throws {
        _ = try await everyShard { try await $0.ping() }
    }

    package func disableAvailabilityGuardForTesting() { shards.forEach { $0.disableAvailabilityGuardForTesting() } }
    package func disableRefundGuardForTesting() { shards.forEach { $0.disableRefundGuardForTesting() } }
    package func failNextHoldBatchForTesting() { shards.forEach { $0.failNextHoldBatchForTesting() } }
    package func executeForTesting(_ sql: String) async throws {
        _ = try await everyShard { try await $0.executeForTesting(sql) }
    }
}

// A refund lives in the shard of its reservation, written in one transaction with the
// reservation's tickets and seats.
extension ShardedStore {
    package func recordRefund(_ refund: Refund, returnToSale: Bool, now: Date) async throws -> RefundRecording {
        guard let shard = try await shard(of: refund.eventID) else { throw BookingError.reservationNotFound }
        return try await shard.recordRefund(refund, returnToSale: returnToSale, now: now)
    }

    package func refund(id: UUID) async throws -> Refund? {
        try await everyShard { try await $0.refund(id: id) }.compactMap { $0 }.first
    }

    package func refunds(reservationID: UUID) async throws -> [Refund] {
        try await shard(ofReservation: reservationID)?.refunds(reservationID: reservationID) ?? []
    }

    package func refunds(eventID: UUID) async throws -> [Refund] {
        try await shard(of: eventID)?.refunds(eventID: eventID) ?? []
    }

    package func finishRefund(id: UUID, status: RefundStatus, providerRefundID: String?, failureMessage: String?,
                              now: Date) async throws -> Refund? {
        try await everyShard {
            try await $0.finishRefund(id: id, status: status, providerRefundID: providerRefundID, failureMessage: failureMessage, now: now)
        }.compactMap { $0 }.first
    }

    package func unsettledRefunds(updatedBefore: Date, limit: Int) async throws -> [Refund] {
        try await everyShard { try await $0.unsettledRefunds(updatedBefore: updatedBefore, limit: limit) }
            .flatMap { $0 }.sorted { $0.updatedAt < $1.updatedAt }.prefix(limit).map { $0 }
    }

    package func cancelEvent(eventID: UUID, reason: String?, at: Date) async throws -> Bool {
        guard let shard = try await shard(of: eventID) else { throw BookingError.eventNotFound }
        return try await shard.cancelEvent(eventID: eventID, reason: reason, at: at)
    }

    package func ordersToRefund(limit: Int) async throws -> [(eventID: UUID, reservationIDs: [UUID])] {
        try await everyShard { shard in
            try await shard.ordersToRefund(limit: limit).map { [$0.eventID] + $0.reservationIDs }
        }.flatMap { $0 }.map { (eventID: $0[0], reservationIDs: Array($0.dropFirst())) }
    }
}

// Each shard's outbox holds its events' messages (written with their changes); webhooks,
// their deliveries and the dispatcher's lease live on the directory.
extension ShardedStore {
    package func undispatchedMessages(limit: Int) async throws -> [OutboxMessage] {
        try await everyShard { try await $0.undispatchedMessages(limit: limit) }.flatMap { $0 }
    }

    package func markDispatched(_ messages: [OutboxMessage]) async throws {
        var byShard: [Int: [OutboxMessage]] = [:]
        for message in messages {
            guard let index = try await shardIndex(of: message.entry.eventID) else { continue }
            byShard[index, default: []].append(message)
        }
        for (index, batch) in byShard { try await shards[index].markDispatched(batch) }
    }

    package func pruneOutbox(before: Date) async throws -> Int {
        try await everyShard { try await $0.pruneOutbox(before: before) }.reduce(0, +)
    }

    package func outboxBacklog() async throws -> (count: Int, oldest: Date?) {
        let backlogs = try await everyShard { shard -> [Double] in
            let (count, oldest) = try await shard.outboxBacklog()
            return [Double(count), oldest?.timeIntervalSince1970 ?? .infinity]
        }
        let oldest = backlogs.map { $0[1] }.min() ?? .infinity
        return (backlogs.reduce(0) { $0 + Int($1[0]) }, oldest.isFinite ? Date(timeIntervalSince1970: oldest) : nil)
    }

    package func outboxMessages(eventID: UUID) async throws -> [OutboxMessage] {
        try await shard(of: eventID)?.outboxMessages(eventID: eventID) ?? []
    }

    package func claimLease(_ name: String, holder: String, until: Date, now: Date) async throws -> Bool {
        try await directory.claimLease(name, holder: holder, until: until, now: now)
    }

    package func createWebhook(_ webhook: Webhook) async throws { try await directory.createWebhook(webhook) }
    package func webhooks(ownerID: UUID?) async throws -> [Webhook] { try await directory.webhooks(ownerID: ownerID) }
    package func webhook(id: UUID) async throws -> Webhook? { try await directory.webhook(id: id) }
    package func deleteWebhook(id: UUID) async throws -> Bool { try await directory.deleteWebhook(id: id) }
    package func disableWebhook(id: UUID, reason: String, at: Date) async throws {
        try await directory.disableWebhook(id: id, reason: reason, at: at)
    }
    package func addDeliveries(_ deliveries: [WebhookDelivery]) async throws { try await directory.addDeliveries(deliveries) }
    package func pendingDeliveries(webhookID: UUID, skipping: Set<UUID>, limit: Int) async throws -> [WebhookDelivery] {
        try await directory.pendingDeliveries(webhookID: webhookID, skipping: skipping, limit: limit)
    }
    package func recordDeliveryResults(_ results: [DeliveryResult]) async throws { try await directory.recordDeliveryResults(results) }
    package func deliveries(webhookID: UUID, before cursor: Int64?, limit: Int) async throws -> [WebhookDelivery] {
        try await directory.deliveries(webhookID: webhookID, before: cursor, limit: limit)
    }
    package func delivery(id: UUID) async throws -> WebhookDelivery? { try await directory.delivery(id: id) }
    package func deliveryAttempts(deliveryID: UUID) async throws -> [DeliveryAttempt] {
        try await directory.deliveryAttempts(deliveryID: deliveryID)
    }
    package func redeliver(deliveryID: UUID, at: Date) async throws -> WebhookDelivery? {
        try await directory.redeliver(deliveryID: deliveryID, at: at)
    }
    package func deliveryBacklog() async throws -> (count: Int, oldest: Date?) { try await directory.deliveryBacklog() }
    package func pruneDeliveries(before: Date) async throws -> Int { try await directory.pruneDeliveries(before: before) }
}

// Emails live on the directory with the webhooks' deliveries.
extension ShardedStore {
    package func addEmails(_ emails: [EmailDelivery]) async throws { try await directory.addEmails(emails) }
    package func pendingEmails(dueBy now: Date, limit: Int) async throws -> [EmailDelivery] {
        try await directory.pendingEmails(dueBy: now, limit: limit)
    }
    package func recordEmailResults(_ results: [EmailResult]) async throws { try await directory.recordEmailResults(results) }
    package func emails(reservationID: UUID) async throws -> [EmailDelivery] { try await directory.emails(reservationID: reservationID) }
    package func emailBacklog() async throws -> (count: Int, oldest: Date?) { try await directory.emailBacklog() }
    package func pruneEmails(before: Date) async throws -> Int { try await directory.pruneEmails(before: before) }
}
