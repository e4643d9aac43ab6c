import BoxOfficeCore
import Foundation
import Synchronization

/// The one place every write for one event goes through, in order: it applies the
/// write to the store and then to the event's in-memory seat map, so the map is exact
/// after every committed write. Different events have different desks and never wait
/// on each other.
package actor EventDesk {
    package let eventID: UUID
    private let store: any Store
    private let clock: any BookingClock
    private var snapshot: SeatMapSnapshot?
    /// The last version a dropped map reached; a reload continues after it.
    private var lastVersion = 0
    private var view: (version: Int, validUntil: Date, etag: String)?
    /// Holds waiting for the next group commit, with their callers.
    private var pendingHolds: [(command: HoldCommand, reply: CheckedContinuation<Result<HoldOutcome, any Error>, Never>)] = []
    private var committingHolds = false
    /// The most holds one transaction takes.
    static let maxBatch = 256
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(eventID: UUID, store: any Store, clock: any BookingClock) {
        self.eventID = eventID
        self.store = store
        self.clock = clock
    }

    /// The current seat map, loaded from the store on first use.
    package func seatMap() async throws -> SeatMapSnapshot {
        if let snapshot { return snapshot }
        return try await serially { try await self.loadedSnapshot() }
    }

    /// Holds places through group commit: holds that arrive while a commit is in flight
    /// wait and are committed together in the next transaction, each answered with its
    /// own outcome. Success is reported only after the batch committed.
    func hold(_ command: HoldCommand) async throws -> HoldOutcome {
        let result = await withCheckedContinuation { reply in
            pendingHolds.append((command, reply))
            if !committingHolds {
                committingHolds = true
                Task { await self.commitPendingHolds() }
            }
        }
        return try result.get()
    }

    private func commitPendingHolds() async {
        while !pendingHolds.isEmpty {
            let batch = Array(pendingHolds.prefix(Self.maxBatch))
            pendingHolds.removeFirst(batch.count)
            let results: [Result<HoldOutcome, any Error>]
            do {
                results = try await write {
                    try await store.holdBatch(batch.map(\.command)).map { $0.mapError { $0 as any Error } }
                } apply: { map, results, now in
                    for case let .success(.created(reservation)) in results { map.applyHeld(reservation, at: now) }
                }
            } catch {
                results = Array(repeating: .failure(error), count: batch.count)
            }
            for (pending, result) in zip(batch, results) { pending.reply.resume(returning: result) }
        }
        committingHolds = false
    }

    /// The event (with its sections), without copying the seat map out of the desk:
    /// a copy held by a caller would make the next write copy every seat.
    package func event() async throws -> Event {
        if let snapshot { return snapshot.event }
        return try await seatMap().event
    }

    /// The event with places available and sold per section, computed inside the desk so
    /// that browsing during a sale never copies the seat map.
    package func listing() async throws -> EventListing {
        if snapshot == nil { _ = try await seatMap() }
        guard let map = snapshot else { throw BookingError.eventNotFound }
        return EventListing(event: map.event, available: map.availability(at: clock.now()),
                            sold: Dictionary(uniqueKeysWithValues: map.event.sections.map { ($0.id, map.sold(in: $0)) }))
    }

    /// The ETag of what a reader sees now. Recomputed only when a write happened or a
    /// hold lapsed since the last call, so a revalidation costs no scan and no copy.
    package func currentETag() async throws -> String {
        if snapshot == nil { _ = try await seatMap() }
        let now = clock.now()
        guard let map = snapshot else { throw BookingError.eventNotFound }
        if let view, view.version == map.version, now < view.validUntil { return view.etag }
        let nextLapse = map.nextLapse(after: now)
        let etag = map.etag(nextLapse: nextLapse)
        view = (map.version, nextLapse ?? .distantFuture, etag)
        return etag
    }

    /// Live holds and available places, if the map is loaded (never loads it).
    func gauges() -> (eventID: UUID, liveHolds: Int, available: Int)? {
        guard let snapshot else { return nil }
        let now = clock.now()
        return (eventID, snapshot.liveHoldCount(at: now), snapshot.availability(at: now).values.reduce(0, +))
    }

    /// Runs a store write and applies its result to the seat map, one at a time.
    func write<T: Sendable>(
        _ operation: @Sendable () async throws -> T,
        apply: @Sendable (inout SeatMapSnapshot, T, Date) -> Void
    ) async throws -> T {
        try await serially {
            let result = try await operation()
            if self.snapshot != nil { apply(&self.snapshot!, result, self.clock.now()) }
            return result
        }
    }

    /// Drops the seat map so the next read reloads it from the store.
    package func invalidate() async {
        await acquire()
        if let snapshot { lastVersion = snapshot.version }
        snapshot = nil
        release()
    }

    private func loadedSnapshot() async throws -> SeatMapSnapshot {
        if let snapshot { return snapshot }
        guard let record = try await store.inventory(eventID: eventID) else { throw BookingError.eventNotFound }
        let loaded = SeatMapSnapshot(record, loadedAt: clock.now(), version: lastVersion + 1)
        snapshot = loaded
        return loaded
    }

    private func serially<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}

/// The desks of all events, created on first use.
package final class EventDesks: Sendable {
    private let store: any Store
    private let clock: any BookingClock
    private let desks = Mutex<[UUID: EventDesk]>([:])

    package init(store: any Store, clock: any BookingClock) {
        self.store = store
        self.clock = clock
    }

    package subscript(eventID: UUID) -> EventDesk {
        desks.withLock { desks in
            if let desk = desks[eventID] { return desk }
            let desk = EventDesk(eventID: eventID, store: store, clock: clock)
            desks[eventID] = desk
            return desk
        }
    }

    /// Live holds and available places of every event whose map is in memory.
    package func gauges() async -> [(eventID: UUID, liveHolds: Int, available: Int)] {
        var gauges: [(eventID: UUID, liveHolds: Int, available: Int)] = []
        for desk in desks.withLock({ Array($0.values) }) {
            if let gauge = await desk.gauges() { gauges.append(gauge) }
        }
        return gauges
    }

    /// Drops the desk of an event that does not exist, so unknown ids leave nothing behind.
    package func forget(_ eventID: UUID) {
        _ = desks.withLock { $0.removeValue(forKey: eventID) }
    }
}
