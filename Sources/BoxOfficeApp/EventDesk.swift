import BoxOfficeCore
import Foundation
import Synchronization

/// The one place every write for one event goes through: it applies the write to the
/// store and then to the event's in-memory seat map, so the map is exact after every
/// committed write. Different events have different desks and never wait on each other.
package actor EventDesk {
    package let eventID: UUID
    private let store: any BookingStore
    private let clock: any BookingClock
    private var snapshot: SeatMapSnapshot? {
        // Any change to the map (a write, a load, a drop) withdraws the published ETag.
        didSet { publishedETag.withLock { $0 = nil } }
    }
    /// The ETag of the current map and until when it holds (the next lapse), readable
    /// without entering the actor: a seat-map revalidation, the commonest request in a
    /// sale, answers from it. Set only inside the actor, from the map it describes.
    private let publishedETag = Mutex<(etag: String, validUntil: Date)?>(nil)
    /// The last version a dropped map reached; a reload continues after it.
    private var lastVersion = 0
    /// Holds waiting for the next group commit, with their callers. The store takes
    /// them on its own writer's thread (see `Store.holdBatch(taking:)`), hence the lock.
    private let pendingHolds = PendingHolds()
    /// Holds committed while the seat map was loading: the load may have read the store
    /// before they committed, so they are applied to the loaded map too.
    private var heldDuringLoad: [Reservation]?
    /// Changes from the change stream that arrived while the map was loading, applied to
    /// the loaded map too (applying one the load already saw changes nothing).
    private var noticedDuringLoad: [InventoryChange]?
    /// How many times the map was read from the store (tests check that another node's
    /// change is applied, not reloaded).
    package private(set) var loadCount = 0
    /// The loaded map's event, readable without entering the actor; nil when no map is loaded.
    private let loadedEvent = Mutex<Event?>(nil)
    /// The most holds one transaction takes.
    static let maxBatch = 256
    /// A map load (or drop) runs alone; writes run side by side, but never during a load,
    /// so a write's result is either in what the load reads or applied to what it loaded.
    private var busy = false
    private var activeWrites = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var writeWaiters: [CheckedContinuation<Void, Never>] = []
    /// Live watchers of this event's map (`LiveSeatMaps`): while any, the map records what
    /// writes change, and `liveChanges()` reports it.
    private var live = LiveState()

    init(eventID: UUID, store: any BookingStore, clock: any BookingClock) {
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
    ///
    /// The desk keeps up to `store.holdPipelineDepth` batches in the store at once, and
    /// the store takes a batch's holds only when its writer is free, so the writer goes
    /// from one commit straight to the next with everything that arrived meanwhile.
    /// Holds are not serialised with the desk's other writes: the store decides every
    /// hold, and applying a committed hold to the map commutes with the other writes
    /// (no other write can touch a reservation before its holder is answered).
    ///
    /// Queuing a hold does not enter the actor (the queue has its own lock); only applying
    /// a committed batch to the map does.
    nonisolated func hold(_ command: HoldCommand) async throws -> HoldOutcome {
        let result = await withCheckedContinuation { reply in
            if pendingHolds.append(PendingHold(command: command, reply: reply), startingABatchBelow: store.holdPipelineDepth) {
                Task { await self.commitPendingHolds() }
            }
        }
        return try result.get()
    }

    private func commitPendingHolds() async {
        while !pendingHolds.finishBatchIfEmpty() {
            let taken = PendingHolds()
            let results: [Result<HoldOutcome, any Error>]
            do {
                results = try await store.holdBatch(taking: { [pendingHolds] in
                    let batch = pendingHolds.take(upTo: Self.maxBatch)
                    taken.append(contentsOf: batch)
                    return batch.map(\.command)
                }).map { $0.mapError { $0 as any Error } }
            } catch {
                results = Array(repeating: .failure(error), count: taken.count)
            }
            let now = clock.now()
            for case let .success(.created(reservation)) in results { applyHeld(reservation, at: now) }
            for (pending, result) in zip(taken.take(upTo: .max), results) { pending.reply.resume(returning: result) }
        }
    }

    private func applyHeld(_ reservation: Reservation, at now: Date) {
        if snapshot != nil { snapshot!.applyHeld(reservation, at: now) }
        heldDuringLoad?.append(reservation)
    }

    /// The event (with its sections), without copying the seat map out of the desk:
    /// a copy held by a caller would make the next write copy every seat. Once the map
    /// is loaded this does not enter the actor (every hold reads the event).
    package nonisolated func event() async throws -> Event {
        if let event = loadedEvent.withLock({ $0 }) { return event }
        return try await eventFromMap()
    }

    private func eventFromMap() async throws -> Event {
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
    /// hold lapsed since the last call, so a revalidation costs no scan and no copy, and
    /// while neither happened it does not enter the actor.
    package nonisolated func currentETag() async throws -> String {
        let now = clock.now()
        if let published = publishedETag.withLock({ $0 }), now < published.validUntil { return published.etag }
        return try await computedETag()
    }

    private func computedETag() async throws -> String {
        if snapshot == nil { _ = try await seatMap() }
        let now = clock.now()
        guard let map = snapshot else { throw BookingError.eventNotFound }
        // Another reader may have published it while this one waited for the actor.
        if let published = publishedETag.withLock({ $0 }), now < published.validUntil { return published.etag }
        let nextLapse = map.nextLapse(after: now)
        let etag = map.etag(nextLapse: nextLapse)
        publishedETag.withLock { $0 = (etag, nextLapse ?? .distantFuture) }
        return etag
    }

    /// Live holds and available places, if the map is loaded (never loads it).
    func gauges() -> (eventID: UUID, liveHolds: Int, available: Int)? {
        guard let snapshot else { return nil }
        let now = clock.now()
        return (eventID, snapshot.liveHoldCount(at: now), snapshot.availability(at: now).values.reduce(0, +))
    }

    /// Runs a store write and applies its result to the seat map. Writes for different
    /// reservations run side by side (a PostgreSQL confirm is several round trips, and a
    /// sale's confirms queued behind each other for seconds): the store decides each, and
    /// their results commute on the map (each touches its own reservation's places; a
    /// release frees only places still held by its reservation). Two writes to the same
    /// reservation cannot both succeed unless they follow each other (pay, then confirm).
    func write<T: Sendable>(
        _ operation: @Sendable () async throws -> T,
        apply: @Sendable (inout SeatMapSnapshot, T, Date) -> Void
    ) async throws -> T {
        await acquireForWrite()
        defer { releaseWrite() }
        let result = try await operation()
        if snapshot != nil { apply(&snapshot!, result, clock.now()) }
        return result
    }

    // MARK: Live watchers

    /// Registers a live watcher and returns the map's version now (the map is loaded and
    /// records changes from here on).
    package func watchLive() async throws -> Int {
        if snapshot == nil { _ = try await seatMap() }
        guard snapshot != nil else { return try await watchLive() }
        live.watchers += 1
        if live.watchers == 1 {
            let now = clock.now()
            snapshot!.watchChanges()
            live = LiveState(watchers: 1, reportedVersion: snapshot!.version, lapsesReportedUntil: now,
                             nextLapse: snapshot!.nextLapse(after: now))
        }
        return snapshot!.version
    }

    /// Removes a live watcher; with none left the map stops recording changes.
    package func unwatchLive() {
        live.watchers = max(0, live.watchers - 1)
        if live.watchers == 0, snapshot != nil { snapshot!.unwatchChanges() }
    }

    /// What watchers have not been told yet: the seats and sections changed since the last
    /// report (with their states now, lapsed holds included), a resync when the map was
    /// reloaded (its changes are unknown), or nil when nothing changed.
    package func liveChanges() async throws -> LiveSeatChange? {
        guard live.watchers > 0 else { return nil }
        if snapshot == nil {
            _ = try await seatMap()
            // Another call may have reported the reload while this one waited.
            guard snapshot != nil, live.reloaded else { return nil }
        }
        let now = clock.now()
        if live.reloaded {
            live.reloaded = false
            _ = snapshot!.takeChanges(lapsedAfter: nil, now: now)
            live.reportedVersion = snapshot!.version
            live.lapsesReportedUntil = now
            live.nextLapse = snapshot!.nextLapse(after: now)
            return .resync(version: live.reportedVersion)
        }
        let lapseDue = live.nextLapse.map { $0 <= now } ?? false
        guard snapshot!.version != live.reportedVersion || lapseDue else { return nil }
        let taken = snapshot!.takeChanges(lapsedAfter: lapseDue ? live.lapsesReportedUntil : nil, now: now)
        if lapseDue { live.lapsesReportedUntil = now }
        let from = live.reportedVersion
        live.reportedVersion = snapshot!.version
        live.nextLapse = snapshot!.nextLapse(after: now)
        guard !taken.seats.isEmpty || !taken.sections.isEmpty else { return nil }
        let available = snapshot!.availability(at: now)
        return .changes(LiveSeatChanges(
            from: from, version: live.reportedVersion,
            seats: taken.seats.map { ($0.seat.id, SeatMapSnapshot.visibleStatus($0, at: now)) },
            sections: snapshot!.event.sections.filter { taken.sections.contains($0.id) }.map { ($0.id, available[$0.id] ?? 0) }))
    }

    /// Applies changes from the change stream (every node's commits, this one's included, in
    /// commit order; see `InventoryNotice`) to the map, if it is loaded or loading.
    package func apply(_ changes: [InventoryChange]) {
        let now = clock.now()
        if snapshot != nil {
            for change in changes { snapshot!.apply(change, at: now) }
        }
        noticedDuringLoad?.append(contentsOf: changes)
    }

    /// Drops the seat map so the next read reloads it from the store.
    package func invalidate() async {
        await acquire()
        if let snapshot { lastVersion = snapshot.version }
        snapshot = nil
        loadedEvent.withLock { $0 = nil }
        release()
    }

    private func loadedSnapshot() async throws -> SeatMapSnapshot {
        if let snapshot { return snapshot }
        heldDuringLoad = []
        noticedDuringLoad = []
        defer { heldDuringLoad = nil; noticedDuringLoad = nil }
        loadCount += 1
        guard let record = try await store.inventory(eventID: eventID) else { throw BookingError.eventNotFound }
        let now = clock.now()
        var loaded = SeatMapSnapshot(record, loadedAt: now, version: lastVersion + 1)
        // Applying a hold the load already saw changes nothing.
        for reservation in heldDuringLoad ?? [] { loaded.applyHeld(reservation, at: now) }
        for change in noticedDuringLoad ?? [] { loaded.apply(change, at: now) }
        if live.watchers > 0 {
            // The changes since the last report are unknown: watchers must re-read the map.
            loaded.watchChanges()
            live.reloaded = true
        }
        snapshot = loaded
        loadedEvent.withLock { $0 = loaded.event }
        return loaded
    }

    private func serially<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    /// Exclusive: waits for running writes to finish; later writes wait for it.
    private func acquire() async {
        if !busy && activeWrites == 0 && waiters.isEmpty {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        busy = false
        handOver()
    }

    private func acquireForWrite() async {
        if !busy && waiters.isEmpty {
            activeWrites += 1
            return
        }
        await withCheckedContinuation { writeWaiters.append($0) }
    }

    private func releaseWrite() {
        activeWrites -= 1
        if activeWrites == 0 { handOver() }
    }

    /// Admits the next load once no write runs, or else every waiting write.
    private func handOver() {
        guard !busy else { return }
        if !waiters.isEmpty {
            guard activeWrites == 0 else { return }
            busy = true
            waiters.removeFirst().resume()
            return
        }
        let admitted = writeWaiters
        writeWaiters = []
        activeWrites += admitted.count
        for waiter in admitted { waiter.resume() }
    }
}

/// A desk's live watchers and what they have been told.
private struct LiveState {
    var watchers = 0
    /// The version up to which changes have been reported.
    var reportedVersion = 0
    /// Lapsed holds up to this instant have been reported.
    var lapsesReportedUntil: Date?
    /// The next instant a hold lapses, when watchers must be told without a write.
    var nextLapse: Date?
    /// The map was reloaded while watched: the next report is a resync.
    var reloaded = false
}

/// What changed on a watched seat map since the last report.
package enum LiveSeatChange: Sendable, Equatable {
    case changes(LiveSeatChanges)
    /// The map was reloaded (its changes are unknown): watchers re-read it.
    case resync(version: Int)
}

/// The seats (with their status now) and sections (with their available places now)
/// that changed between two versions of a seat map.
package struct LiveSeatChanges: Sendable, Equatable {
    package var from: Int
    package var version: Int
    package var seats: [(id: UUID, status: SeatStatus)]
    package var sections: [(id: UUID, available: Int)]

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.from == rhs.from && lhs.version == rhs.version && lhs.seats.elementsEqual(rhs.seats, by: { $0 == $1 })
            && lhs.sections.elementsEqual(rhs.sections, by: { $0 == $1 })
    }
}

/// A hold waiting for its batch, with its caller.
struct PendingHold: Sendable {
    let command: HoldCommand
    let reply: CheckedContinuation<Result<HoldOutcome, any Error>, Never>
}

/// Holds waiting for a batch, shared between a desk, its callers and the store's
/// writer, with the number of batch loops running (counted under the same lock, so a
/// hold is never left waiting with no loop to take it).
final class PendingHolds: Sendable {
    private let state = Mutex<(holds: [PendingHold], loops: Int)>(([], 0))

    var count: Int { state.withLock { $0.holds.count } }

    /// Queues a hold; true if the caller must start a batch loop (fewer than `limit` run).
    func append(_ hold: PendingHold, startingABatchBelow limit: Int) -> Bool {
        state.withLock { state in
            state.holds.append(hold)
            guard state.loops < limit else { return false }
            state.loops += 1
            return true
        }
    }

    func append(contentsOf more: [PendingHold]) { state.withLock { $0.holds.append(contentsOf: more) } }

    /// Ends the calling batch loop if no hold waits; false (keep going) otherwise.
    func finishBatchIfEmpty() -> Bool {
        state.withLock { state in
            guard state.holds.isEmpty else { return false }
            state.loops -= 1
            return true
        }
    }

    /// Removes and returns the oldest `limit` holds.
    func take(upTo limit: Int) -> [PendingHold] {
        state.withLock { state in
            let batch = Array(state.holds.prefix(limit))
            state.holds.removeFirst(batch.count)
            return batch
        }
    }
}

/// The desks of all events, created on first use.
package final class EventDesks: Sendable {
    private let store: any BookingStore
    private let clock: any BookingClock
    private let desks = Mutex<[UUID: EventDesk]>([:])

    package init(store: any BookingStore, clock: any BookingClock) {
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

    /// The desk of an event, if this node has one (a change notice for an event nobody here
    /// has read needs no desk).
    package func existing(_ eventID: UUID) -> EventDesk? {
        desks.withLock { $0[eventID] }
    }

    /// Every desk, for a reload of every map.
    package var all: [EventDesk] { desks.withLock { Array($0.values) } }

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

    /// The event with its sections, from its desk (an unknown id leaves no desk behind).
    package func event(id eventID: UUID) async throws -> Event {
        try await reading(eventID) { try await $0.event() }
    }

    /// The event's current seat map.
    package func seatMap(eventID: UUID) async throws -> SeatMapSnapshot {
        try await reading(eventID) { try await $0.seatMap() }
    }

    /// The event with live availability per section, from its seat map.
    package func listing(eventID: UUID) async throws -> EventListing {
        try await reading(eventID) { try await $0.listing() }
    }

    private func reading<T: Sendable>(_ eventID: UUID, _ body: (EventDesk) async throws -> T) async throws -> T {
        do {
            return try await body(self[eventID])
        } catch BookingError.eventNotFound {
            forget(eventID)
            throw BookingError.eventNotFound
        }
    }
}
