import BoxOfficeCore
import CoreMetrics
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Turns the outbox's messages into webhook deliveries and buyers' emails, and sends them:
/// at least once, webhooks in order per event and webhook, retried on `RetrySchedule`,
/// never letting one slow or failing receiver hold up another's deliveries (nor webhooks
/// and mail each other). One node dispatches at a time (a lease in the store); a crash
/// loses nothing, because every step is read back from the store.
package final class OutboxDispatcher: Service, Sendable {
    package struct Settings: Sendable {
        /// This node's name on the dispatcher's lease.
        package var nodeID: String
        /// How long dispatched messages and finished deliveries are kept.
        package var retention: TimeInterval
        /// How often the outbox is read when there was nothing to do.
        package var pollInterval: Duration
        /// How long a receiver has to answer.
        package var timeout: Duration
        /// Requests in flight to one webhook at once (each to another event's lane).
        package var lanesPerWebhook: Int

        package init(nodeID: String = UUID.random().text, retention: TimeInterval = 30 * 86_400, pollInterval: Duration = .milliseconds(200),
                     timeout: Duration = .seconds(10), lanesPerWebhook: Int = 4) {
            self.nodeID = nodeID
            self.retention = retention
            self.pollInterval = pollInterval
            self.timeout = timeout
            self.lanesPerWebhook = lanesPerWebhook
        }
    }

    /// One webhook's deliveries of one event: sent one at a time, in order.
    struct Lane: Hashable, Sendable {
        var webhookID: UUID
        var eventID: UUID
    }

    let outbox: any OutboxStore
    let webhooks: any WebhookStore
    let reservations: any BookingStore
    let catalog: any CatalogStore
    let transport: any WebhookTransport
    /// Email: off (nil) only where a test or tool wires no mail at all.
    let mail: MailRoom?
    let clock: any BookingClock
    let settings: Settings
    let metrics: OutboxMetrics
    let faults: FaultPoints
    let logger: Logger
    /// Lanes with a delivery in flight, and lanes waiting for their head's next attempt.
    private let lanes = Mutex<(running: Set<Lane>, blocked: [Lane: Date])>(([], [:]))
    /// Each event's organizer (it never changes), for matching webhooks.
    private let organizers = Mutex<[UUID: UUID]>([:])
    private let housekeeping = Mutex<(lease: Date?, pruned: Date?, measured: Date?)>((nil, nil, nil))
    /// The webhooks lanes are started for, read again at most once a second (dispatching
    /// reads them afresh, so no message misses a webhook made a moment before it).
    private let activeWebhooks = Mutex<(webhooks: [Webhook], readAt: ContinuousClock.Instant)?>(nil)
    /// Emails being sent now, and how many connections are sending them.
    let sendingEmails = Mutex<(ids: Set<UUID>, connections: Int)>(([], 0))

    package init(outbox: any OutboxStore, webhooks: any WebhookStore, reservations: any BookingStore, catalog: any CatalogStore,
                 transport: any WebhookTransport, mail: MailRoom? = nil, clock: any BookingClock, settings: Settings = Settings(),
                 metrics: OutboxMetrics, faults: FaultPoints = .none, logger: Logger) {
        self.outbox = outbox
        self.mail = mail
        self.webhooks = webhooks
        self.reservations = reservations
        self.catalog = catalog
        self.transport = transport
        self.clock = clock
        self.settings = settings
        self.metrics = metrics
        self.faults = faults
        self.logger = logger
    }

    package func run() async throws {
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                // Read again at once only after a full page: every read and write of the
                // dispatcher waits in line with the holds on an SQLite writer, and polling
                // a busy outbox every few milliseconds cost holds a tenth of their rate.
                var fullPage = false
                do {
                    if try await holdsLease() {
                        fullPage = try await dispatchPending(limit: Self.pageSize) == Self.pageSize
                        for (lane, deliveries) in try await lanesToStart() {
                            group.addTask { await self.run(lane, deliveries) }
                        }
                        for batch in try await emailsToSend() {
                            group.addTask { await self.send(batch) }
                        }
                        try await tidy()
                    }
                } catch {
                    logger.error("outbox dispatch failed", metadata: ["error": "\(error)"])
                }
                let pause = fullPage ? .zero : settings.pollInterval
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
            }
        }
    }

    /// Messages read per dispatch.
    static let pageSize = 1_000

    /// One pass, waiting for every delivery it starts: what the tests call instead of `run`.
    package func runOnce() async throws {
        activeWebhooks.withLock { $0 = nil }
        _ = try await dispatchPending()
        let started = try await lanesToStart()
        let emails = try await emailsToSend()
        await withTaskGroup(of: Void.self) { group in
            for (lane, deliveries) in started { group.addTask { await self.run(lane, deliveries) } }
            for batch in emails { group.addTask { await self.send(batch) } }
        }
    }

    /// Takes or renews the lease every few seconds; false while another node holds it.
    private func holdsLease() async throws -> Bool {
        let now = clock.now()
        if let renewed = housekeeping.withLock({ $0.lease }), now.timeIntervalSince(renewed) < 5 { return true }
        guard try await outbox.claimLease("outbox-dispatcher", holder: settings.nodeID, until: now.addingTimeInterval(15), now: now) else {
            housekeeping.withLock { $0.lease = nil }
            return false
        }
        housekeeping.withLock { $0.lease = now }
        return true
    }

    // MARK: Dispatch: messages into deliveries

    /// Reads undispatched messages, records a delivery for each webhook that wants one,
    /// then marks them dispatched. Repeating it after a crash adds no delivery twice.
    @discardableResult
    package func dispatchPending(limit: Int = 500) async throws -> Int {
        let messages = try await outbox.undispatchedMessages(limit: limit)
        guard !messages.isEmpty else { return 0 }
        let active = try await webhooks.webhooks(ownerID: nil).filter { $0.disabledAt == nil }
        let now = clock.now()
        var deliveries: [WebhookDelivery] = []
        for row in messages {
            let wanting = try await subscribers(of: row, among: active)
            guard !wanting.isEmpty else { continue }
            for (message, data) in try await contents(of: row) {
                let body = message.body(data: data)
                // Made when the change was: the give-up window and the lag count from the change.
                deliveries += wanting.map { webhook in
                    WebhookDelivery(webhookID: webhook.id, messageID: message.entry.id, type: message.entry.type,
                                    eventID: message.entry.eventID, body: body, nextAttemptAt: now, createdAt: message.entry.createdAt)
                }
            }
        }
        try await webhooks.addDeliveries(deliveries)
        let emails = try await self.emails(for: messages, now: now)
        if let mail { try await mail.store.addEmails(emails) }
        try await outbox.markDispatched(messages)
        if !deliveries.isEmpty || !emails.isEmpty { faults.reach(FaultPoints.webhookDispatched) }
        return messages.count
    }

    private func subscribers(of message: OutboxMessage, among active: [Webhook]) async throws -> [Webhook] {
        let candidates = active.filter { $0.subscribes(to: message.entry.type) && ($0.eventID == nil || $0.eventID == message.entry.eventID) }
        guard candidates.contains(where: { $0.eventID == nil }) else { return candidates }
        let organizer = try await organizer(of: message.entry.eventID)
        return candidates.filter { $0.eventID != nil || $0.ownerID == organizer }
    }

    private func organizer(of eventID: UUID) async throws -> UUID? {
        if let known = organizers.withLock({ $0[eventID] }) { return known }
        guard let event = try await catalog.event(id: eventID) else { return nil }
        organizers.withLock { $0[eventID] = event.organizerID }
        return event.organizerID
    }

    /// The messages a row stands for, with their `data`: itself as written, or for a hold
    /// batch's row one message per hold, made from its reservation (none for a hold that
    /// was never made: a batch's guess refused in the same transaction).
    private func contents(of row: OutboxMessage) async throws -> [(OutboxMessage, String)] {
        if let data = row.entry.data { return [(row, data)] }
        guard row.entry.type == .reservationHeld else { return [] }
        var messages: [(OutboxMessage, String)] = []
        for id in row.entry.subjectIDs {
            guard var reservation = try await reservations.reservation(id: id) else { continue }
            reservation.status = .held
            let entry = OutboxEntry(id: OutboxEntry.heldMessageID(id), type: .reservationHeld, eventID: row.entry.eventID,
                                    createdAt: reservation.createdAt, data: nil, subjectIDs: [id])
            messages.append((OutboxMessage(sequence: row.sequence, entry: entry), OutboxData.reservation(reservation)))
        }
        return messages
    }

    // MARK: Delivery

    /// The lanes that may send now, each with its deliveries in order: not already sending,
    /// not waiting for a retry, at most `lanesPerWebhook` per webhook.
    private func lanesToStart() async throws -> [(Lane, [WebhookDelivery])] {
        let now = clock.now()
        var started: [(Lane, [WebhookDelivery])] = []
        for webhook in try await sendingWebhooks() {
            let (busy, skipping) = lanes.withLock { state -> (Int, Set<UUID>) in
                state.blocked = state.blocked.filter { $0.value > now }
                let running = state.running.filter { $0.webhookID == webhook.id }.map(\.eventID)
                let waiting = state.blocked.keys.filter { $0.webhookID == webhook.id }.map(\.eventID)
                return (running.count, Set(running).union(waiting))
            }
            guard busy < settings.lanesPerWebhook else { continue }
            let pending = try await webhooks.pendingDeliveries(webhookID: webhook.id, skipping: skipping, limit: 200)
            var order: [UUID] = []
            var byEvent: [UUID: [WebhookDelivery]] = [:]
            for delivery in pending {
                if byEvent[delivery.eventID] == nil { order.append(delivery.eventID) }
                byEvent[delivery.eventID, default: []].append(delivery)
            }
            var room = settings.lanesPerWebhook - busy
            for eventID in order where room > 0 {
                let lane = Lane(webhookID: webhook.id, eventID: eventID)
                let deliveries = byEvent[eventID]!
                if deliveries[0].nextAttemptAt > now {
                    lanes.withLock { $0.blocked[lane] = deliveries[0].nextAttemptAt }
                    continue
                }
                let claimed = lanes.withLock { $0.running.insert(lane).inserted }
                guard claimed else { continue }
                started.append((lane, deliveries))
                room -= 1
            }
        }
        return started
    }

    private func sendingWebhooks() async throws -> [Webhook] {
        if let (cached, readAt) = activeWebhooks.withLock({ $0 }), ContinuousClock.now - readAt < .seconds(1) { return cached }
        let active = try await webhooks.webhooks(ownerID: nil).filter { $0.disabledAt == nil }
        activeWebhooks.withLock { $0 = (active, ContinuousClock.now) }
        return active
    }

    /// Sends a lane's deliveries one after another until one fails (it waits for its
    /// retry, and the rest behind it) or the webhook is gone; records them in batches.
    private func run(_ lane: Lane, _ deliveries: [WebhookDelivery]) async {
        defer { lanes.withLock { _ = $0.running.remove(lane) } }
        guard let webhook = try? await webhooks.webhook(id: lane.webhookID), webhook.disabledAt == nil else { return }
        var results: [DeliveryResult] = []
        func flush() async {
            guard !results.isEmpty else { return }
            do { try await webhooks.recordDeliveryResults(results) } catch {
                logger.error("recording webhook deliveries failed", metadata: ["error": "\(error)"])
            }
            results.removeAll(keepingCapacity: true)
        }
        for delivery in deliveries {
            let now = clock.now()
            guard delivery.nextAttemptAt <= now, !Task.isCancelled else { break }
            let response = await send(delivery, to: webhook)
            let attempt = DeliveryAttempt(deliveryID: delivery.id, attemptedAt: now, statusCode: response.statusCode,
                                          durationMilliseconds: response.durationMilliseconds, error: response.error)
            if attempt.succeeded {
                faults.reach(FaultPoints.webhookSent)
                metrics.delivered(lag: clock.now().timeIntervalSince(delivery.createdAt))
                results.append(DeliveryResult(attempt: attempt, status: .delivered, nextAttemptAt: nil))
                if results.count >= 50 { await flush() }
                continue
            }
            if response.statusCode == 410 {
                metrics.outcome("gone")
                results.append(DeliveryResult(attempt: attempt, status: .failed, nextAttemptAt: nil))
                await flush()
                try? await webhooks.disableWebhook(id: webhook.id, reason: "the receiver answered 410 Gone", at: now)
                logger.notice("webhook disabled: its receiver answered 410 Gone", metadata: ["webhook_id": "\(webhook.id.text)"])
                return
            }
            if let next = RetrySchedule.nextAttempt(afterFailed: delivery.attempts + 1, createdAt: delivery.createdAt, now: now) {
                metrics.outcome("retrying")
                results.append(DeliveryResult(attempt: attempt, status: .pending, nextAttemptAt: next))
                lanes.withLock { $0.blocked[lane] = next }
                break
            }
            // Given up after about three days: the lane goes on with the next message.
            metrics.outcome("failed")
            results.append(DeliveryResult(attempt: attempt, status: .failed, nextAttemptAt: nil))
        }
        await flush()
    }

    /// One signed POST of the delivery's body.
    private func send(_ delivery: WebhookDelivery, to webhook: Webhook) async -> WebhookResponse {
        let body = Array(delivery.body.utf8)
        // Signed with the wall clock: receivers compare `t` with theirs.
        let signature = WebhookSignature.sign(body: body, secret: webhook.secret, timestamp: Int(Date().timeIntervalSince1970))
        return await transport.post(url: webhook.url, headers: [
            ("Content-Type", "application/json"),
            ("User-Agent", "BoxOffice-Webhooks/1"),
            ("BoxOffice-Event-Id", delivery.messageID.text),
            ("BoxOffice-Event-Type", delivery.type.rawValue),
            ("BoxOffice-Delivery-Id", delivery.id.text),
            ("BoxOffice-Delivery-Attempt", String(delivery.attempts + 1)),
            // When the change was committed, in Unix milliseconds (the body's times are whole seconds).
            ("BoxOffice-Event-Created", String(delivery.createdAt.epochMilliseconds)),
            (WebhookSignature.header, signature),
        ], body: body, timeout: settings.timeout)
    }

    // MARK: Housekeeping

    /// Every few seconds the backlog gauges; every hour, pruning past the retention.
    private func tidy() async throws {
        let now = clock.now()
        let (measure, prune) = housekeeping.withLock { state -> (Bool, Bool) in
            let measure = state.measured.map { now.timeIntervalSince($0) >= 5 } ?? true
            let prune = state.pruned.map { now.timeIntervalSince($0) >= 3_600 } ?? true
            if measure { state.measured = now }
            if prune { state.pruned = now }
            return (measure, prune)
        }
        if measure { try await measureBacklog() }
        if prune {
            let before = now.addingTimeInterval(-settings.retention)
            let messages = try await outbox.pruneOutbox(before: before)
            let deliveries = try await webhooks.pruneDeliveries(before: before)
            let emails = try await mail?.store.pruneEmails(before: before) ?? 0
            if messages + deliveries + emails > 0 {
                logger.info("pruned the outbox", metadata: ["messages": "\(messages)", "deliveries": "\(deliveries)", "emails": "\(emails)"])
            }
        }
    }

    /// Sets the backlog gauges from the store.
    package func measureBacklog() async throws {
        let now = clock.now()
        let (messages, oldestMessage) = try await outbox.outboxBacklog()
        let (deliveries, oldestDelivery) = try await webhooks.deliveryBacklog()
        let (emails, oldestEmail) = try await mail?.store.emailBacklog() ?? (0, nil)
        let oldest = [oldestMessage, oldestDelivery, oldestEmail].compactMap { $0 }.min()
        metrics.backlog(messages: messages, deliveries: deliveries, emails: emails,
                        oldestAge: oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0)
    }
}

/// The outbox's gauges and counters on `/metrics`.
package struct OutboxMetrics: Sendable {
    let factory: any MetricsFactory
    let backlogMessages: Gauge
    let backlogDeliveries: Gauge
    let backlogEmails: Gauge
    let oldestUndelivered: Gauge
    let deliveryLag: CoreMetrics.Timer

    package init(factory: any MetricsFactory) {
        self.factory = factory
        backlogMessages = Gauge(label: "boxoffice_outbox_backlog", dimensions: [("stage", "undispatched")], factory: factory)
        backlogDeliveries = Gauge(label: "boxoffice_outbox_backlog", dimensions: [("stage", "webhook_pending")], factory: factory)
        backlogEmails = Gauge(label: "boxoffice_outbox_backlog", dimensions: [("stage", "email_pending")], factory: factory)
        oldestUndelivered = Gauge(label: "boxoffice_outbox_oldest_undelivered_seconds", factory: factory)
        deliveryLag = CoreMetrics.Timer(label: "boxoffice_webhook_delivery_lag_seconds", factory: factory)
    }

    package static let disabled = OutboxMetrics(factory: NOOPMetricsHandler.instance)

    func outcome(_ outcome: String) {
        Counter(label: "boxoffice_webhook_deliveries_total", dimensions: [("outcome", outcome)], factory: factory).increment()
    }

    func delivered(lag: TimeInterval) {
        outcome("delivered")
        deliveryLag.recordNanoseconds(Int64(max(0, lag) * 1e9))
    }

    /// `sent`, `retrying` (a temporary failure) or `failed` (refused for good, or given up).
    func email(_ outcome: String) {
        Counter(label: "boxoffice_emails_total", dimensions: [("outcome", outcome)], factory: factory).increment()
    }

    func backlog(messages: Int, deliveries: Int, emails: Int, oldestAge: TimeInterval) {
        backlogMessages.record(messages)
        backlogDeliveries.record(deliveries)
        backlogEmails.record(emails)
        oldestUndelivered.record(oldestAge)
    }
}
