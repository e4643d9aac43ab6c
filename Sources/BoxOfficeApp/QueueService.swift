import BoxOfficeCore
import Foundation
import Synchronization

/// What a buyer in the queue is handed: their standing, the token that carries their
/// place, and, once admitted, the admission token for reservations.
package struct QueueTicket: Sendable, Equatable {
    package var standing: QueueStanding
    package var queueToken: String
    package var admissionToken: String?
    /// How many hold a place in the queue (as of the node's last refresh).
    package var queueLength: Int
}

/// An on-sale's waiting room at a glance.
package struct QueueOverview: Sendable, Equatable {
    package var settings: QueueSettings
    /// Everyone who holds a place.
    package var joined: Int
    /// Let in so far (the admission watermark, capped at `joined`).
    package var admitted: Int
    package var waiting: Int
}

/// The virtual waiting room: joining (one database write) and asking where one stands
/// (no database read: the place is in the signed token and the admission schedule is
/// cached per event, refreshed from the store at most once a second).
package struct QueueService: Sendable {
    let events: EventDesks
    let clock: any BookingClock
    let signer: QueueTokenSigner
    let metrics: BookingMetrics
    let desks: QueueDesks

    /// - Parameters:
    ///   - store: places in the queue and its counts.
    ///   - events: the events' rules, as their desks hold them.
    ///   - signer: signs queue and admission tokens (the key the booking service checks them with).
    package init(store: any QueueStore, events: EventDesks, clock: any BookingClock, signer: QueueTokenSigner,
                 metrics: BookingMetrics = .disabled) {
        self.events = events
        self.clock = clock
        self.signer = signer
        self.metrics = metrics
        self.desks = QueueDesks(store: store)
    }

    /// Gives the viewer a place in the event's queue, or the place they already have (a
    /// buyer whose session ended goes to the back).
    package func join(eventID: UUID, viewer: Viewer) async throws -> QueueTicket {
        let event = try await events.event(id: eventID)
        guard !event.isCancelled else { throw BookingError.eventCancelled }
        let desk = desks[eventID]
        let now = clock.now()
        guard let queue = try await desk.state(now: now).queue, queue.enabled else { throw BookingError.queueDisabled }
        guard now < event.startsAt else { throw BookingError.salesClosed }
        guard now >= queue.opensAt else { throw BookingError.queueNotOpen(queue.opensAt) }
        let (entry, counts) = try await desk.joins.submit(QueueJoin(
            eventID: eventID, userID: viewer.userID, now: now, drawBoundary: queue.saleStartsAt,
            draw: QueueJoin.randomDraw(), expiredThrough: queue.expiredThrough(at: now),
            expiredIfAdmittedBefore: now.addingTimeInterval(-queue.sessionLength),
            admittedThrough: queue.watermark(at: now), spacing: queue.admitPerMinute > 0 ? 60 / Double(queue.admitPerMinute) : 0,
            burst: TimeInterval(queue.admitIntervalSeconds)))
        await desk.note(counts)
        metrics.queueJoins.increment()
        if let position = entry.position {
            let pass = QueuePass(kind: .place, eventID: eventID, userID: viewer.userID, position: position, admitAt: entry.admitAt)
            return ticket(queue.standing(position: position, admitAt: entry.admitAt, now: now), pass: pass, queue: queue,
                          length: counts.joined)
        }
        let provisional = QueueEntry.provisionalPosition(draw: entry.draw ?? 0, earlyCount: counts.earlyCount)
        let pass = QueuePass(kind: .place, eventID: eventID, userID: viewer.userID, position: nil, draw: entry.draw,
                             provisionalPosition: provisional)
        return ticket(queue.provisionalStanding(position: provisional, now: now), pass: pass, queue: queue, length: counts.joined)
    }

    /// Where the holder of `token` stands now. `viewer`, when the request is signed in,
    /// must be the token's buyer.
    package func status(eventID: UUID, token: String, viewer: Viewer?) async throws -> QueueTicket {
        guard let pass = signer.verify(token) else {
            throw BookingError.queueTokenInvalid("the queue token is not one this server issued")
        }
        guard pass.eventID == eventID else { throw BookingError.queueTokenInvalid("the queue token is for another event") }
        if let viewer, viewer.userID != pass.userID {
            throw BookingError.queueTokenInvalid("the queue token belongs to another account")
        }
        let desk = desks[eventID]
        let now = clock.now()
        let (settings, counts): (QueueSettings?, QueueCounts)
        do {
            (settings, counts) = try await desk.state(now: now)
        } catch BookingError.eventNotFound {
            desks.forget(eventID)
            throw BookingError.eventNotFound
        }
        guard let queue = settings else { throw BookingError.queueDisabled }
        var place = pass
        place.kind = .place
        place.expiresAt = nil
        if place.position == nil, let draw = pass.draw, now >= queue.saleStartsAt {
            place.position = try await desk.position(ofDraw: draw)
        }
        guard let position = place.position else {
            let provisional = pass.provisionalPosition ?? 1
            return ticket(queue.provisionalStanding(position: provisional, now: now), pass: place, queue: queue, length: counts.joined)
        }
        return ticket(queue.standing(position: position, admitAt: place.admitAt, now: now), pass: place, queue: queue,
                      length: counts.joined)
    }

    private func ticket(_ standing: QueueStanding, pass: QueuePass, queue: QueueSettings, length: Int) -> QueueTicket {
        var admission: String?
        if standing.state == .admitted, let ends = standing.sessionEndsAt {
            admission = signer.sign(QueuePass(kind: .admission, eventID: pass.eventID, userID: pass.userID,
                                              position: pass.position, expiresAt: ends))
        }
        return QueueTicket(standing: standing, queueToken: signer.sign(pass), admissionToken: admission, queueLength: length)
    }

    /// Drops this node's cached queue state of an event (after its rules changed here).
    func forget(eventID: UUID) {
        desks.forget(eventID)
    }

    /// The on-sale's queue as its organizer sees it (nil when the event has no waiting
    /// room; a switched-off one keeps its counts): how many wait and how many were let in,
    /// at the node's last refresh.
    package func overview(eventID: UUID) async throws -> QueueOverview? {
        let now = clock.now()
        let (queue, counts) = try await desks[eventID].state(now: now)
        guard let queue else { return nil }
        let admitted = min(queue.watermark(at: now), counts.joined)
        return QueueOverview(settings: queue, joined: counts.joined, admitted: admitted, waiting: counts.joined - admitted)
    }

    /// Sets the queue gauges (waiting and admitted per event) from the cached state.
    package func recordGauges() async {
        let now = clock.now()
        for (eventID, queue, counts) in await desks.cached() {
            guard let queue, queue.enabled else { continue }
            let admitted = min(queue.watermark(at: now), counts.joined)
            metrics.recordQueue(eventID: eventID, waiting: counts.joined - admitted, admitted: admitted)
        }
    }
}

/// One event's queue state on this node: the schedule and counts (refreshed from the
/// store at most once a second of the injected clock) and, after the draw, the early
/// joiners' draws in order (8 bytes each, loaded once) to turn a draw into a position.
package actor QueueDesk {
    static let refreshInterval: TimeInterval = 1

    private let eventID: UUID
    private let store: any QueueStore
    /// Joins are group-committed: those that arrive while one batch is written go in the
    /// next, in one transaction (one fsync) for all, in arrival order.
    nonisolated let joins: GroupCommit<QueueJoin, (entry: QueueEntry, counts: QueueCounts)>
    private var queue: QueueSettings?
    private var counts = QueueCounts.empty
    private var refreshedAt: Date?
    private var refreshing: Task<(QueueSettings?, QueueCounts), any Error>?
    private var draws: [Int64]?

    init(eventID: UUID, store: any QueueStore) {
        self.eventID = eventID
        self.store = store
        joins = GroupCommit(maxBatch: 512) { try await store.joinQueue(batch: $0) }
    }

    /// The queue rules and counts, from memory unless a second has passed.
    func state(now: Date) async throws -> (queue: QueueSettings?, counts: QueueCounts) {
        if let refreshedAt, now >= refreshedAt, now.timeIntervalSince(refreshedAt) < Self.refreshInterval {
            return (queue, counts)
        }
        if let refreshing { return try await refreshing.value }
        let task = Task { [store, eventID] () throws -> (QueueSettings?, QueueCounts) in
            guard let state = try await store.queueState(eventID: eventID) else { throw BookingError.eventNotFound }
            return (state.queue, state.counts)
        }
        refreshing = task
        defer { refreshing = nil }
        let (queue, counts) = try await task.value
        self.queue = queue
        self.counts = counts
        refreshedAt = now
        return (queue, counts)
    }

    /// Counts just returned by a join on this node.
    func note(_ counts: QueueCounts) {
        if counts.sealed || !self.counts.sealed { self.counts = counts }
    }

    /// The final position of an early joiner's draw; draws (sealing first) on first use.
    func position(ofDraw draw: Int64) async throws -> Int {
        let draws = try await loadedDraws()
        var low = 0
        var high = draws.count
        while low < high {
            let middle = (low + high) / 2
            if draws[middle] < draw { low = middle + 1 } else { high = middle }
        }
        guard low < draws.count, draws[low] == draw else {
            throw BookingError.queueTokenInvalid("no place in this queue carries that draw")
        }
        return low + 1
    }

    private func loadedDraws() async throws -> [Int64] {
        if let draws { return draws }
        if !counts.sealed { counts = try await store.sealQueue(eventID: eventID) }
        let loaded = try await store.earlyDraws(eventID: eventID)
        draws = loaded
        return loaded
    }

    func cached() -> (QueueSettings?, QueueCounts) { (queue, counts) }
}

/// The queue desks of all events, created on first use.
package final class QueueDesks: Sendable {
    private let store: any QueueStore
    private let desks = Mutex<[UUID: QueueDesk]>([:])

    init(store: any QueueStore) {
        self.store = store
    }

    subscript(eventID: UUID) -> QueueDesk {
        desks.withLock { desks in
            if let desk = desks[eventID] { return desk }
            let desk = QueueDesk(eventID: eventID, store: store)
            desks[eventID] = desk
            return desk
        }
    }

    func forget(_ eventID: UUID) {
        _ = desks.withLock { $0.removeValue(forKey: eventID) }
    }

    func cached() async -> [(UUID, QueueSettings?, QueueCounts)] {
        var states: [(UUID, QueueSettings?, QueueCounts)] = []
        for (eventID, desk) in desks.withLock({ Array($0) }) {
            let (queue, counts) = await desk.cached()
            states.append((eventID, queue, counts))
        }
        return states
    }
}
