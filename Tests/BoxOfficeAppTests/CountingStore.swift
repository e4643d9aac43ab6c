import BoxOfficeCore
import BoxOfficeTestSupport
import Foundation
import Synchronization

/// The waiting room's and the event desks' ports, counting every call they forward, to
/// prove which paths never reach the database.
final class CountingStore: QueueStore, BookingStore {
    let inner: any Store
    private let calls = Mutex<[String: Int]>([:])

    init(_ inner: any Store) { self.inner = inner }

    /// Calls so far, by method.
    var counts: [String: Int] { calls.withLock { $0 } }
    var total: Int { counts.values.reduce(0, +) }
    func reset() { calls.withLock { $0 = [:] } }

    private func count(_ name: String = #function) { calls.withLock { $0[name, default: 0] += 1 } }

    // MARK: QueueStore

    func joinQueue(_ join: QueueJoin) async throws -> (entry: QueueEntry, counts: QueueCounts) {
        count(); return try await inner.joinQueue(join)
    }
    func joinQueue(batch joins: [QueueJoin]) async throws -> [(entry: QueueEntry, counts: QueueCounts)] {
        count(); return try await inner.joinQueue(batch: joins)
    }
    func queueState(eventID: UUID) async throws -> (queue: QueueSettings?, counts: QueueCounts)? {
        count(); return try await inner.queueState(eventID: eventID)
    }
    func sealQueue(eventID: UUID) async throws -> QueueCounts { count(); return try await inner.sealQueue(eventID: eventID) }
    func earlyDraws(eventID: UUID) async throws -> [Int64] { count(); return try await inner.earlyDraws(eventID: eventID) }

    // MARK: BookingStore

    func inventory(eventID: UUID) async throws -> InventoryRecord? { count(); return try await inner.inventory(eventID: eventID) }
    func holdBatch(_ commands: [HoldCommand]) async throws -> [Result<HoldOutcome, BookingError>] {
        count(); return try await inner.holdBatch(commands)
    }
    func reservation(id: UUID) async throws -> Reservation? { count(); return try await inner.reservation(id: id) }
    func beginPayment(reservationID: UUID, paymentMethodID: String, paymentID: String?, confirmKey: String?, now: Date) async throws -> Reservation {
        count(); return try await inner.beginPayment(reservationID: reservationID, paymentMethodID: paymentMethodID, paymentID: paymentID,
                                                     confirmKey: confirmKey, now: now)
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
    func claimPresaleCode(eventID: UUID, code: String, userID: UUID, at: Date) async throws -> Bool {
        count(); return try await inner.claimPresaleCode(eventID: eventID, code: code, userID: userID, at: at)
    }
}
