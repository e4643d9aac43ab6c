import ArgumentParser
import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeServer
import BoxOfficeStore
import Foundation

/// `boxoffice queue-bench`: measures the waiting room in process — joins per second,
/// status polls per second, and the server memory each queued buyer costs.
struct QueueBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue-bench",
        abstract: "Measure the virtual queue in process: joins/s, status polls/s and resident memory per queued buyer.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Buyers who join the queue.") var buyers = 500_000
    @Option(help: "Joins and polls in flight at once.") var concurrency = 16

    func validate() throws {
        guard buyers > 0, (1...1_000).contains(concurrency) else { throw ValidationError("need --buyers > 0 and --concurrency 1...1000") }
    }

    func run() async throws {
        var configuration = BoxOfficeConfiguration()
        try database.apply(to: &configuration)
        let clock = ManualClock(Date())
        configuration.clock = clock
        configuration.bcryptCost = 4
        configuration.logLevel = .error
        let system = try await BoxOffice.open(configuration)
        let saleStart = clock.now().addingTimeInterval(600)
        let organizer = try await system.accounts.register(
            email: "queue-bench-\(UUID().text.prefix(8))@boxoffice.test", password: "queue-bench-pass", name: "Queue bench",
            role: .organizer)
        let event = try await system.catalog.create(EventDraft(
            title: "Queue bench", artist: "Bench", category: "concert", venue: Venue(name: "Bench Arena", city: "Benchville"),
            startsAt: saleStart.addingTimeInterval(86_400), saleStartsAt: saleStart,
            sections: [SectionDraft(name: "Floor", kind: .generalAdmission, priceCents: 5_000, capacity: 50_000)],
            queue: QueueDraft(enabled: true)), by: Viewer(userID: organizer.id, role: .organizer))

        // What this command itself keeps per buyer (an id and a draw) is allocated before the baseline.
        var userIDs = [UUID](repeating: UUID(), count: buyers)
        var draws = [Int64](repeating: 0, count: buyers)
        for index in 0..<buyers { userIDs[index] = UUID() }
        let baseline = Self.residentBytes()

        let joinStarted = ContinuousClock.now
        let ids = userIDs
        try await Self.inParallel(buyers, concurrency: concurrency) { index in
            let ticket = try await system.queue.join(eventID: event.id, viewer: Viewer(userID: ids[index], role: .customer))
            return (index, system.queueTokens.verify(ticket.queueToken)?.draw ?? 0)
        } collect: { draws[$0.0] = $0.1 }
        let joinSeconds = (ContinuousClock.now - joinStarted).seconds
        let afterJoins = Self.residentBytes()

        clock.set(saleStart.addingTimeInterval(1))
        let signer = system.queueTokens
        let pollStarted = ContinuousClock.now
        let finalDraws = draws
        var admitted = 0
        try await Self.inParallel(buyers, concurrency: concurrency) { index in
            let token = signer.sign(QueuePass(kind: .place, eventID: event.id, userID: ids[index], position: nil, draw: finalDraws[index]))
            return try await system.queue.status(eventID: event.id, token: token, viewer: nil).standing.state == .admitted
        } collect: { if $0 { admitted += 1 } }
        let pollSeconds = (ContinuousClock.now - pollStarted).seconds
        let afterPolls = Self.residentBytes()

        func perBuyer(_ bytes: Int) -> String { String(format: "%.0f", Double(bytes) / Double(buyers)) }
        print("""
            queue-bench: \(buyers) buyers, concurrency \(concurrency), \(system.store is SQLiteStore ? "SQLite" : "PostgreSQL")
              joins:  \(String(format: "%.0f", Double(buyers) / joinSeconds))/s (\(String(format: "%.1f", joinSeconds)) s), durable, group-committed
              polls after the draw: \(String(format: "%.0f", Double(buyers) / pollSeconds))/s (\(String(format: "%.1f", pollSeconds)) s), \
            \(admitted) admitted in the first batch
              resident memory: \(baseline / 1_048_576) MiB before, +\((afterJoins - baseline) / 1_048_576) MiB after the joins, \
            +\((afterPolls - baseline) / 1_048_576) MiB after every buyer polled once
              per queued buyer: \(perBuyer(afterJoins - baseline)) B after joining, \(perBuyer(afterPolls - baseline)) B after polling \
            (by design: 8 B per early joiner for its draw, plus bounded caches and allocator slack)
            """)
    }

    /// Resident set size of this process, from /proc (Linux).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static func inParallel<T: Sendable>(
        _ count: Int, concurrency: Int, _ body: @escaping @Sendable (Int) async throws -> T, collect: (T) -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: T.self) { group in
            var next = 0
            while next < min(concurrency, count) {
                let index = next
                group.addTask { try await body(index) }
                next += 1
            }
            while let result = try await group.next() {
                collect(result)
                if next < count {
                    let index = next
                    group.addTask { try await body(index) }
                    next += 1
                }
            }
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
