import BoxOfficeCore
import Foundation
import Synchronization

/// A store that counts every call it forwards, to prove which paths never reach the database.
final class CountingStore: Store {
    let inner: any Store
    private let calls = Mutex<[String: Int]>([:])

    init(_ inner: any Store) { self.inner = inner }

    /// Calls so far, by method.
    var counts: [String: Int] { calls.withLock { $0 } }
    var total: Int { counts.values.reduce(0, +) }
    func reset() { calls.withLock { $0 = [:] } }

    private func count(_ name: String = #function) { calls.withLock { $0[name, default: 0] += 1 } }

    func createUser(_ user: User) async throws { count(); try await inner.createUser(user) }
    func user(email: String) async throws -> User? { count(); return try await inner.user(email: email) }
    func user(id: UUID) async throws -> User? { count(); return try await inner.user(id: id) }
    func scanners(of organizerID: UUID?) async throws -> [User] { count(); return try await inner.scanners(of: organizerID) }
    func disableUser(id: UUID, at: Date) async throws -> Bool { count(); return try await inner.disableUser(id: id, at: at) }
    func createEvent(_ event: Event, seats: [Seat]) async throws { count(); try await inner.createEvent(event, seats: seats) }
    func event(id: UUID) async throws -> Event? { count(); return try await inner.event(id: id) }
    func events(matching query: EventQuery) async throws -> [Event] { count(); return try await inner.events(matching: query) }
    func eventCount() async throws -> Int { count(); return try await inner.eventCount() }
    func inventory(eventID: UUID) async throws -> InventoryRecord? { count(); return try await inner.inventory(eventID: eventID) }
    func holdBatch(_ commands: [HoldCommand]) async throws -> [Result<HoldOutcome, BookingError>] {
        count(); return try await inner.holdBatch(commands)
    }
    func reservation(id: UUID) async throws -> Reservation? { count(); return try await inner.reservation(id: id) }
    func beginPayment(reservationID: UUID, paymentMethodID: String, confirmKey: String?, now: Date) async throws -> Reservation {
        count(); return try await inner.beginPayment(reservationID: reservationID, paymentMethodID: paymentMethodID, confirmKey: confirmKey, now: now)
    }
    func confirm(reservationID: UUID, paymentID: String, tickets: [Ticket], now: Date) async throws -> Reservation {
        count(); return try await inner.confirm(reservationID: reservationID, paymentID: paymentID, tickets: tickets, now: now)
    }
    func release(reservationID: UUID, as status: ReservationStatus, now: Date) async throws -> Reservation? {
        count(); return try await inner.release(reservationID: reservationID, as: status, now: now)
    }
    func lapsedReservations(now: Date, limit: Int) async throws -> [(reservationID: UUID, eventID: UUID)] {
        count(); return try await inner.lapsedReservations(now: now, limit: limit)
    }

    func unsettledPayments(startedBefore: Date, limit: Int) async throws -> [(reservationID: UUID, paymentMethodID: String)] {
        count(); return try await inner.unsettledPayments(startedBefore: startedBefore, limit: limit)
    }
    func tickets(ownerID: UUID) async throws -> [Ticket] { count(); return try await inner.tickets(ownerID: ownerID) }
    func ticket(id: UUID) async throws -> Ticket? { count(); return try await inner.ticket(id: id) }
    func tickets(reservationID: UUID) async throws -> [Ticket] { count(); return try await inner.tickets(reservationID: reservationID) }
    func auditRecord(eventID: UUID) async throws -> AuditRecord? { count(); return try await inner.auditRecord(eventID: eventID) }
    func inventoryChanges() -> AsyncStream<UUID> { count(); return inner.inventoryChanges() }
    func ping() async throws { count(); try await inner.ping() }
    func ticketChanges(eventID: UUID, since: Date?) async throws -> [Ticket] {
        count(); return try await inner.ticketChanges(eventID: eventID, since: since)
    }
    func checkIn(ticketID: UUID, scannerID: UUID, at: Date) async throws -> (ticket: Ticket, marked: Bool)? {
        count(); return try await inner.checkIn(ticketID: ticketID, scannerID: scannerID, at: at)
    }
    func updateEventRules(_ event: Event, replacing previous: Event) async throws -> Bool {
        count(); return try await inner.updateEventRules(event, replacing: previous)
    }
    func joinQueue(_ join: QueueJoin) async throws -> (entry: QueueEntry, counts: QueueCounts) {
        count(); return try await inner.joinQueue(join)
    }
    func queueState(eventID: UUID) async throws -> (queue: QueueSettings?, counts: QueueCounts)? {
        count(); return try await inner.queueState(eventID: eventID)
    }
    func sealQueue(eventID: UUID) async throws -> QueueCounts { count(); return try await inner.sealQueue(eventID: eventID) }
    func earlyDraws(eventID: UUID) async throws -> [Int64] { count(); return try await inner.earlyDraws(eventID: eventID) }
    func claimPresaleCode(eventID: UUID, code: String, userID: UUID, at: Date) async throws -> Bool {
        count(); return try await inner.claimPresaleCode(eventID: eventID, code: code, userID: userID, at: at)
    }
    func setting(_ name: String) async throws -> String? { count(); return try await inner.setting(name) }
    func setSetting(_ name: String, value: String) async throws { count(); try await inner.setSetting(name, value: value) }
    func setSettingIfAbsent(_ name: String, value: String) async throws -> String {
        count(); return try await inner.setSettingIfAbsent(name, value: value)
    }
}
