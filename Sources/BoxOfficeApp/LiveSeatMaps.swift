import BoxOfficeCore
import CoreMetrics
import Foundation
import Synchronization

/// Pushes seat-map changes to live watchers (the seat map's WebSocket): one feed per
/// watched event, which every interval asks the event's desk what changed and sends
/// the same encoded message to every watcher, so however many holds commit, a watcher
/// gets at most one message per interval per event.
///
/// The interval is `interval` (100 ms) while the node has few watchers, and grows with
/// them so that the node sends at most `framesPerSecond` messages a second in all (each
/// message costs the node a write per watcher whatever it says): with the default 40,000,
/// 4,000 watchers get a message every 100 ms and 10,000 every 250 ms. It never passes
/// `longestInterval` (500 ms), so a seat taken shows on every open map within a second.
///
/// The protocol, as a watcher sees it:
/// - `{"type":"hello","event_id","version":V,"interval_ms"}` first: V is the version of the
///   seat map `GET /api/v1/events/{id}/seats` returns now (its body's `version`), and
///   `interval_ms` the interval between messages then.
/// - `{"type":"changes","event_id","from_version":V1,"version":V2,"seats":[{"seat_id","status"}],
///   "sections":[{"section_id","available_count"}]}`: the seats and sections that changed
///   since V1, with their state at V2. A message with `from_version` equal to `version`
///   reports holds that lapsed (lapses change what a reader sees without a write). A
///   watcher whose map is at version M applies a message when `from_version <= M` (the
///   states are current, so applying one it already has is harmless) and re-reads the map
///   when `from_version > M` (it missed one).
/// - `{"type":"resync","event_id","version":V,"reason"}`: re-read the map. Sent when the
///   node reloaded the map (its changes are unknown) or when the watcher fell behind: a
///   watcher's queue holds at most `queueLimit` messages; a watcher that cannot keep up
///   loses its queue and gets one resync instead, so a slow client never grows the
///   server's memory.
package final class LiveSeatMaps: Sendable {
    package let desks: EventDesks
    let interval: Duration
    let longestInterval: Duration
    let framesPerSecond: Int
    let queueLimit: Int
    private let feeds = Mutex<[UUID: LiveFeed]>([:])
    private let nextWatcher = Atomic<Int>(0)
    /// Watchers of every event on this node.
    private let watchers = Atomic<Int>(0)
    let metrics: LiveMetrics

    package init(desks: EventDesks, interval: Duration = .milliseconds(100), longestInterval: Duration = .milliseconds(500),
                 framesPerSecond: Int = 40_000, queueLimit: Int = 16,
                 metrics factory: any MetricsFactory = NOOPMetricsHandler.instance) {
        self.desks = desks
        self.interval = interval
        self.longestInterval = max(interval, longestInterval)
        self.framesPerSecond = max(1, framesPerSecond)
        self.queueLimit = queueLimit
        metrics = LiveMetrics(factory: factory)
    }

    /// The interval between an event's messages now: `interval`, or longer when the node's
    /// watchers would otherwise get more than `framesPerSecond` messages a second.
    package var currentInterval: Duration {
        let spread = Duration.milliseconds(watchers.load(ordering: .relaxed) * 1000 / framesPerSecond)
        return min(longestInterval, max(interval, spread))
    }

    /// Starts watching an event's seat map: the hello message to send first and the
    /// watcher's queue. The caller must end it with `leave(_:)`.
    package func watch(eventID: UUID) async throws -> LiveWatcher {
        let event = try await desks.event(id: eventID)
        let desk = desks[eventID]
        let version = try await desk.watchLive()
        let mailbox = LiveMailbox(limit: queueLimit, eventID: eventID, metrics: metrics)
        let id = nextWatcher.wrappingAdd(1, ordering: .relaxed).newValue
        let startFeed: LiveFeed? = feeds.withLock { feeds in
            if let feed = feeds[eventID] {
                feed.add(id, mailbox)
                return nil
            }
            let feed = LiveFeed(eventID: eventID)
            feed.add(id, mailbox)
            feeds[eventID] = feed
            return feed
        }
        if let startFeed { Task { await self.run(startFeed, desk: desk) } }
        watchers.add(1, ordering: .relaxed)
        metrics.watchers.increment()
        let hello = "{\"type\":\"hello\",\"event_id\":\"\(event.id.text)\",\"version\":\(version),\"interval_ms\":\(currentInterval.milliseconds)}"
        return LiveWatcher(id: id, eventID: eventID, hello: hello, mailbox: mailbox)
    }

    /// Ends a watch: the watcher's queue closes and the desk stops recording for it.
    package func leave(_ watcher: LiveWatcher) async {
        watcher.mailbox.close()
        feeds.withLock { feeds in feeds[watcher.eventID]?.remove(watcher.id) }
        watchers.subtract(1, ordering: .relaxed)
        metrics.watchers.decrement()
        await desks[watcher.eventID].unwatchLive()
    }

    /// Watchers of every event on this node.
    package var watcherCount: Int { watchers.load(ordering: .relaxed) }

    /// The feed's loop: every interval, what changed goes to every watcher; ends (and the
    /// feed is dropped) when the last watcher has left.
    private func run(_ feed: LiveFeed, desk: EventDesk) async {
        while true {
            try? await Task.sleep(for: currentInterval)
            let ended = feeds.withLock { feeds in
                guard feed.count == 0 else { return false }
                if feeds[feed.eventID] === feed { feeds[feed.eventID] = nil }
                return true
            }
            if ended { return }
            let change: LiveSeatChange?
            do {
                change = try await desk.liveChanges()
            } catch {
                // The event is gone (or the store failed): tell watchers to re-read, which
                // shows them the error; keep going in case it was passing.
                change = nil
            }
            guard let change else { continue }
            let message = LiveMessage(Self.encode(change, eventID: feed.eventID))
            switch change {
            case .changes(let changes):
                metrics.changes.increment()
                feed.broadcast(message, version: changes.version)
            case .resync(let version):
                metrics.resyncs(reason: "reloaded").increment()
                feed.broadcast(message, version: version)
            }
        }
    }

    static func encode(_ change: LiveSeatChange, eventID: UUID) -> String {
        switch change {
        case .resync(let version):
            return LiveMailbox.resync(eventID: eventID, version: version, reason: "reloaded")
        case .changes(let changes):
            var out = "{\"type\":\"changes\",\"event_id\":\"\(eventID.text)\",\"from_version\":\(changes.from),\"version\":\(changes.version),\"seats\":["
            out.reserveCapacity(64 * changes.seats.count + 64 * changes.sections.count + 128)
            for (index, seat) in changes.seats.enumerated() {
                if index > 0 { out += "," }
                out += "{\"seat_id\":\"\(seat.id.text)\",\"status\":\"\(seat.status.rawValue)\"}"
            }
            out += "],\"sections\":["
            for (index, section) in changes.sections.enumerated() {
                if index > 0 { out += "," }
                out += "{\"section_id\":\"\(section.id.text)\",\"available_count\":\(section.available)}"
            }
            out += "]}"
            return out
        }
    }
}

/// One live watcher: the hello to send first, then the queue's messages.
package struct LiveWatcher: Sendable {
    let id: Int
    package let eventID: UUID
    package let hello: String
    package let mailbox: LiveMailbox
}

/// The watchers of one event.
private final class LiveFeed: Sendable {
    let eventID: UUID
    private let watchers = Mutex<[Int: LiveMailbox]>([:])

    init(eventID: UUID) {
        self.eventID = eventID
    }

    var count: Int { watchers.withLock { $0.count } }
    func add(_ id: Int, _ mailbox: LiveMailbox) { watchers.withLock { $0[id] = mailbox } }
    func remove(_ id: Int) { _ = watchers.withLock { $0.removeValue(forKey: id) } }

    func broadcast(_ message: LiveMessage, version: Int) {
        for mailbox in watchers.withLock({ Array($0.values) }) { mailbox.push(message, version: version) }
    }
}

/// A watcher's outgoing messages: at most `limit` queued. One that overflows is emptied
/// and answers a resync next, so memory per watcher is bounded however slow it reads.
package final class LiveMailbox: Sendable {
    private struct State {
        var queue: [LiveMessage] = []
        var resyncVersion: Int?
        var waiter: CheckedContinuation<LiveMessage?, Never>?
        var closed = false
    }

    private let state = Mutex(State())
    let limit: Int
    let eventID: UUID
    let metrics: LiveMetrics

    package init(limit: Int, eventID: UUID, metrics: LiveMetrics = LiveMetrics(factory: NOOPMetricsHandler.instance)) {
        self.limit = limit
        self.eventID = eventID
        self.metrics = metrics
    }

    static func resync(eventID: UUID, version: Int, reason: String) -> String {
        "{\"type\":\"resync\",\"event_id\":\"\(eventID.text)\",\"version\":\(version),\"reason\":\"\(reason)\"}"
    }

    package func push(_ message: String, version: Int) {
        push(LiveMessage(message), version: version)
    }

    package func push(_ message: LiveMessage, version: Int) {
        let (waiter, overflowed): (CheckedContinuation<LiveMessage?, Never>?, Bool) = state.withLock { state in
            guard !state.closed else { return (nil, false) }
            if let waiter = state.waiter {
                state.waiter = nil
                return (waiter, false)
            }
            guard state.queue.count < limit else {
                state.queue.removeAll()
                let first = state.resyncVersion == nil
                state.resyncVersion = version
                return (nil, first)
            }
            if state.resyncVersion != nil {
                // Behind already: the resync covers this version too.
                state.resyncVersion = version
                return (nil, false)
            }
            state.queue.append(message)
            return (nil, false)
        }
        if overflowed { metrics.resyncs(reason: "slow_client").increment() }
        waiter?.resume(returning: message)
    }

    /// The next message's text, waiting for one; nil once closed (or cancelled).
    package func next() async -> String? {
        await nextMessage()?.text
    }

    /// The next message to send, waiting for one; nil once closed (or cancelled).
    package func nextMessage() async -> LiveMessage? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<LiveMessage?, Never>) in
                let ready: LiveMessage?? = state.withLock { state in
                    if state.closed { return .some(nil) }
                    if let version = state.resyncVersion {
                        state.resyncVersion = nil
                        return .some(LiveMessage(Self.resync(eventID: eventID, version: version, reason: "slow_client")))
                    }
                    if !state.queue.isEmpty { return .some(state.queue.removeFirst()) }
                    state.waiter = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            close()
        }
    }

    /// Messages waiting to be sent.
    package var queued: Int { state.withLock { $0.queue.count } }

    func close() {
        let waiter = state.withLock { state in
            state.closed = true
            state.queue.removeAll()
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }
}

/// A message for watchers: its text, and the text in the form a transport writes (a
/// WebSocket frame's buffer), made by the first watcher's writer and shared by the rest,
/// so one message sent to 10,000 watchers is encoded once.
package final class LiveMessage: Sendable {
    package let text: String
    private let encoded = Mutex<(any Sendable)?>(nil)

    package init(_ text: String) {
        self.text = text
    }

    /// The message as `make` encodes it, made once.
    package func encoded<Encoded: Sendable>(_ make: (String) -> Encoded) -> Encoded {
        encoded.withLock { cached in
            if let value = cached as? Encoded { return value }
            let value = make(text)
            cached = value
            return value
        }
    }
}

/// The live seat map's gauges and counters.
package struct LiveMetrics: Sendable {
    let factory: any MetricsFactory
    let watchers: Meter
    let changes: Counter

    package init(factory: any MetricsFactory) {
        self.factory = factory
        watchers = Meter(label: "boxoffice_live_watchers", factory: factory)
        changes = Counter(label: "boxoffice_live_broadcasts_total", factory: factory)
    }

    func resyncs(reason: String) -> Counter {
        Counter(label: "boxoffice_live_resyncs_total", dimensions: [("reason", reason)], factory: factory)
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
