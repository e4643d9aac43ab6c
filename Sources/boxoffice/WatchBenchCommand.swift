import ArgumentParser
import AsyncHTTPClient
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// `boxoffice watch-bench`: opens many live seat-map sockets on a running server and
/// measures the fan-out: every `--probe-interval` it holds one probe seat and times how
/// long the change takes to reach the watchers (the median watcher and the last one).
/// Run it beside a hold load (scripts/bench/watchers.sh) to see what watchers cost holds.
struct WatchBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch-bench",
        abstract: "Open many live seat-map WebSockets on a running server and time a hold's fan-out to them.")

    @Option(help: "The server's base URL.") var url = "http://127.0.0.1:8080"
    @Option(help: "The event to watch.") var event: String
    @Option(help: "A file of seat ids (one per line) in the event to hold as probes, one at a time.") var probeSeats: String
    @Option(help: "A bearer token of a buyer who may hold the probe seats.") var token: String
    @Option(help: "WebSocket clients to open.") var watchers = 10_000
    @Option(help: "Seconds to keep watching once every socket is open.") var duration = 20.0
    @Option(help: "Seconds between probe holds.") var probeInterval = 0.5

    func run() async throws {
        let seats = try String(contentsOfFile: probeSeats, encoding: .utf8).split(separator: "\n").map(String.init)
        guard !seats.isEmpty else { throw ValidationError("no probe seats in \(probeSeats)") }
        let tally = WatchTally(watchers: watchers)
        let socketURL = url.replacingOccurrences(of: "http://", with: "ws://") + "/api/v1/events/\(event)/seats/live"
        let group = MultiThreadedEventLoopGroup.singleton
        var logger = Logger(label: "watch-bench")
        logger.logLevel = .critical
        let quiet = logger
        let clock = ContinuousClock()
        let started = clock.now
        let stop = Stopper()
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for index in 0..<watchers {
                tasks.addTask {
                    do {
                        try await WebSocketClient.connect(url: socketURL, eventLoopGroup: group, logger: quiet) { inbound, outbound, _ in
                            for try await message in inbound.messages(maxSize: 1 << 24) {
                                guard case let .text(text) = message else { continue }
                                tally.received(text, watcher: index, at: clock.now)
                                if stop.stopped { break }
                            }
                            try? await outbound.close(.normalClosure, reason: nil)
                        }
                    } catch {
                        tally.failed()
                    }
                }
                // Opening 10,000 sockets at once floods the listen backlog: a few hundred at a time.
                if index % 200 == 199 { try await Task.sleep(for: .milliseconds(20)) }
            }
            tasks.addTask {
                while tally.connected + tally.failures < watchers, clock.now - started < .seconds(120) {
                    try await Task.sleep(for: .milliseconds(200))
                }
                let opened = clock.now - started
                print("watchers: \(tally.connected) connected (\(tally.failures) failed) in \(opened)")
                let http = HTTPClient(eventLoopGroup: group)
                defer { _ = http.shutdown() }
                let end = clock.now + .seconds(duration)
                var probe = 0
                while clock.now < end, probe < seats.count {
                    var request = HTTPClientRequest(url: url + "/api/v1/reservations")
                    request.method = .POST
                    request.headers.add(name: "Authorization", value: "Bearer \(token)")
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.body = .bytes(ByteBuffer(string: "{\"event_id\":\"\(event)\",\"seat_ids\":[\"\(seats[probe])\"]}"))
                    let response = try await http.execute(request, timeout: .seconds(10))
                    _ = try await response.body.collect(upTo: 1 << 20)
                    if response.status == .created { tally.probed(seats[probe], at: clock.now) }
                    probe += 1
                    try await Task.sleep(for: .seconds(probeInterval))
                }
                try await Task.sleep(for: .seconds(2))
                stop.stop()
                print(tally.report())
                throw CancellationError()
            }
            do { try await tasks.waitForAll() } catch is CancellationError {}
        }
    }
}

final class Stopper: Sendable {
    private let flag = Atomic<Bool>(false)
    var stopped: Bool { flag.load(ordering: .relaxed) }
    func stop() { flag.store(true, ordering: .relaxed) }
}

/// What the watchers saw: per probe seat, when it was held and when each watcher heard.
final class WatchTally: Sendable {
    private struct Probe {
        var heldAt: ContinuousClock.Instant
        var arrivals: [Duration] = []
    }

    private struct State {
        var hellos = Set<Int>()
        var failures = 0
        var messages = 0
        var resyncs = 0
        var probes: [String: Probe] = [:]
        /// Probe seats being waited for, so a watcher scans a message only for those.
        var pending: [String] = []
    }

    private let state = Mutex(State())
    let watchers: Int

    init(watchers: Int) {
        self.watchers = watchers
    }

    var connected: Int { state.withLock { $0.hellos.count } }
    var failures: Int { state.withLock { $0.failures } }
    func failed() { state.withLock { $0.failures += 1 } }

    func probed(_ seat: String, at instant: ContinuousClock.Instant) {
        state.withLock { state in
            state.probes[seat] = Probe(heldAt: instant)
            state.pending.append(seat)
            if state.pending.count > 8 { state.pending.removeFirst() }
        }
    }

    func received(_ text: String, watcher: Int, at instant: ContinuousClock.Instant) {
        // The cheap checks first: most messages carry only section counts.
        let isHello = text.hasPrefix("{\"type\":\"hello\"")
        let isResync = !isHello && text.hasPrefix("{\"type\":\"resync\"")
        let pending = state.withLock { state -> [String] in
            state.messages += 1
            if isHello { state.hellos.insert(watcher) }
            if isResync { state.resyncs += 1 }
            return state.pending
        }
        guard !isHello, !pending.isEmpty, text.contains("\"seat_id\"") else { return }
        let found = pending.filter { text.contains($0) }
        guard !found.isEmpty else { return }
        state.withLock { state in
            for seat in found { if let held = state.probes[seat]?.heldAt { state.probes[seat]!.arrivals.append(instant - held) } }
        }
    }

    func report() -> String {
        state.withLock { state in
            func ms(_ duration: Duration) -> Double { Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15 }
            let probes = state.probes.values.filter { !$0.arrivals.isEmpty }
            let lastClient = probes.map { ms($0.arrivals.max()!) }.sorted()
            let medianClient = probes.map { probe in ms(probe.arrivals.sorted()[probe.arrivals.count / 2]) }.sorted()
            let reached = probes.map(\.arrivals.count)
            func pct(_ values: [Double], _ p: Double) -> String {
                values.isEmpty ? "-" : String(format: "%.0f", values[min(values.count - 1, Int(Double(values.count) * p))])
            }
            return """
                probes held: \(state.probes.count), seen by watchers: \(probes.count); watchers reached per probe: min \(reached.min() ?? 0), max \(reached.max() ?? 0)
                hold answered -> median watcher: p50 \(pct(medianClient, 0.5)) ms, p99 \(pct(medianClient, 0.99)) ms
                hold answered -> last watcher:   p50 \(pct(lastClient, 0.5)) ms, p99 \(pct(lastClient, 0.99)) ms
                messages received: \(state.messages), resyncs: \(state.resyncs), failed sockets: \(state.failures)
                """
        }
    }
}
