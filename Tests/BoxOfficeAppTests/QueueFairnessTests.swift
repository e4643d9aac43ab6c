import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeHTTP
import BoxOfficeServer
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Logging
import Testing

/// Fairness and cost of the waiting room: the draw favours no arrival position, polling
/// costs no database call, and a queued flash sale sells exactly its seats in queue order.
@Suite struct QueueFairnessTests {
    /// Chi-square over an arrival × position table of `size`×`size` with fixed margins:
    /// (size-1)² degrees of freedom.
    static func chiSquare(_ table: [[Int]], trials: Int) -> Double {
        let expected = Double(trials) / Double(table.count)
        return table.flatMap { $0 }.reduce(0) { $0 + pow(Double($1) - expected, 2) / expected }
    }

    /// A group commit of joins answers exactly what the same joins one by one answer:
    /// early joiners drawn, the draw sealed by the first join after the boundary, a buyer
    /// twice in one batch given one place, the rate clock advanced in order.
    @Test(arguments: Engine.available)
    func aBatchOfJoinsAnswersAsTheSameJoinsOneByOne(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let store = harness.system.store
        let start = harness.clock.now()
        let users = (0..<6).map { _ in UUID() }
        func joins(event: UUID) -> [[QueueJoin]] {
            func join(_ user: Int, at seconds: TimeInterval, draw: Int64) -> QueueJoin {
                QueueJoin(eventID: event, userID: users[user], now: start.addingTimeInterval(seconds),
                          drawBoundary: start.addingTimeInterval(60), draw: draw, expiredThrough: 0,
                          expiredIfAdmittedBefore: .distantPast, admittedThrough: seconds > 60 ? 4 : 0, spacing: 5, burst: 10)
            }
            return [
                [join(0, at: 1, draw: 900), join(1, at: 2, draw: 100), join(0, at: 3, draw: 500)],
                [join(2, at: 61, draw: 0), join(3, at: 61, draw: 0), join(2, at: 62, draw: 0), join(4, at: 62, draw: 0),
                 join(5, at: 63, draw: 0)],
            ]
        }
        func describe(_ answers: [(entry: QueueEntry, counts: QueueCounts)]) -> [String] {
            answers.map { "\($0.entry.userID) \($0.entry.position ?? -1) \($0.entry.draw ?? -1) \($0.entry.admitAt?.epochMilliseconds ?? -1) "
                + "\($0.counts.sealed) \($0.counts.earlyCount) \($0.counts.lastPosition)" }
        }
        let batched = UUID()
        let single = UUID()
        var fromBatches: [String] = []
        for batch in joins(event: batched) { fromBatches += describe(try await store.joinQueue(batch: batch)) }
        var oneByOne: [String] = []
        for batch in joins(event: single) {
            for join in batch { oneByOne += describe([try await store.joinQueue(join)]) }
        }
        #expect(fromBatches.count == 8)
        #expect(fromBatches == oneByOne)
        #expect(fromBatches[2].split(separator: " ").prefix(4) == fromBatches[0].split(separator: " ").prefix(4),
                "a buyer twice in a batch keeps one place (and draw)")
        #expect(fromBatches[3].contains(" 3 "), "the first late joiner comes after the two drawn early joiners")
    }

    @Test(arguments: Engine.available)
    func theDrawFavoursNoArrivalPosition(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let store = harness.system.store
        let start = harness.clock.now()
        let size = 4
        let trials = 320
        var byDraw = Array(repeating: Array(repeating: 0, count: size), count: size)
        var byArrival = byDraw
        for _ in 0..<trials {
            let eventID = UUID()
            var draws: [Int64] = []
            for arrival in 0..<size {
                let (entry, _) = try await store.joinQueue(QueueJoin(
                    eventID: eventID, userID: UUID(), now: start.addingTimeInterval(Double(arrival)),
                    drawBoundary: start.addingTimeInterval(60), draw: QueueJoin.randomDraw(), expiredThrough: 0,
                    expiredIfAdmittedBefore: .distantPast, spacing: 0))
                #expect(entry.position == nil, "an early joiner has no position before the draw")
                draws.append(try #require(entry.draw))
            }
            let (late, counts) = try await store.joinQueue(QueueJoin(
                eventID: eventID, userID: UUID(), now: start.addingTimeInterval(61), drawBoundary: start.addingTimeInterval(60),
                draw: QueueJoin.randomDraw(), expiredThrough: 0,
                    expiredIfAdmittedBefore: .distantPast, spacing: 0))
            #expect(late.position == size + 1 && counts.sealed)
            let ordered = try await store.earlyDraws(eventID: eventID)
            #expect(ordered.sorted() == draws.sorted(), "every early joiner is drawn exactly once")
            for (arrival, draw) in draws.enumerated() {
                byDraw[arrival][try #require(ordered.firstIndex(of: draw))] += 1
            }
            // The control: ordering by the sequence part alone is arrival order, which the test must catch.
            let bySequence = draws.sorted { ($0 & ((1 << QueueJoin.sequenceBits) - 1)) < ($1 & ((1 << QueueJoin.sequenceBits) - 1)) }
            for (arrival, draw) in draws.enumerated() { byArrival[arrival][bySequence.firstIndex(of: draw)!] += 1 }
        }
        // 9 degrees of freedom: 33.7 is the p = 0.0001 critical value, so a fair draw fails 1 run in 10,000.
        let fair = Self.chiSquare(byDraw, trials: trials)
        #expect(fair < 33.7, "positions by arrival: \(byDraw), chi-square \(fair)")
        #expect(Self.chiSquare(byArrival, trials: trials) > 100, "the test detects an order that follows arrival")
    }

    @Test(arguments: Engine.available)
    func pollingTheQueueStatusDoesNotTouchTheStore(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let counting = CountingStore(harness.system.store)
        let queue = QueueService(store: counting, events: EventDesks(store: counting, clock: harness.clock), clock: harness.clock,
                                 signer: harness.system.queueTokens)
        let organizer = try await harness.account(.organizer)
        let saleStart = harness.clock.now().addingTimeInterval(600)
        let (lateID, earlyID) = try await harness.withClient { client in
            let late = try #require(try await client.createEvent(token: organizer.token, extra: Engine.twoPerBatchQueue).string("event_id"))
            let early = try #require(try await client.createEvent(
                token: organizer.token, saleStartsAt: saleStart.formatted(.iso8601),
                extra: ["queue": ["enabled": true, "admit_per_minute": 12, "admit_interval_seconds": 10]]).string("event_id"))
            return (try #require(UUID(uuidString: late)), try #require(UUID(uuidString: early)))
        }
        let viewers = (0..<40).map { _ in Viewer(userID: UUID(), role: .customer) }
        var lateTokens: [String] = []
        var earlyTokens: [String] = []
        for viewer in viewers {
            lateTokens.append(try await queue.join(eventID: lateID, viewer: viewer).queueToken)
            earlyTokens.append(try await queue.join(eventID: earlyID, viewer: viewer).queueToken)
        }

        counting.reset()
        for _ in 0..<25 {
            for (viewer, token) in zip(viewers, lateTokens) {
                _ = try await queue.status(eventID: lateID, token: token, viewer: viewer)
            }
        }
        #expect(counting.total == 0, "1,000 polls within a second: \(counting.counts)")

        harness.clock.advance(by: 10)
        var admitted = 0
        for _ in 0..<10 {
            for (viewer, token) in zip(viewers, lateTokens) {
                if try await queue.status(eventID: lateID, token: token, viewer: viewer).standing.state == .admitted { admitted += 1 }
            }
        }
        #expect(admitted == 40, "four positions a buyer sees admitted after one batch, ten polls each")
        #expect(counting.counts == ["queueState(eventID:)": 1], "one refresh for the second that passed")

        harness.clock.set(saleStart.addingTimeInterval(1))
        counting.reset()
        var positions: [Int] = []
        for (viewer, token) in zip(viewers, earlyTokens) {
            positions.append(try await queue.status(eventID: earlyID, token: token, viewer: viewer).standing.position)
        }
        #expect(positions.sorted() == Array(1...40))
        #expect(counting.counts == ["queueState(eventID:)": 1, "sealQueue(eventID:)": 1, "earlyDraws(eventID:)": 1],
                "the draw is loaded once per node: \(counting.counts)")
        counting.reset()
        for (viewer, token) in zip(viewers, earlyTokens) { _ = try await queue.status(eventID: earlyID, token: token, viewer: viewer) }
        #expect(counting.total == 0)
    }

    @Test(arguments: Engine.available)
    func aQueuedFlashSaleSellsExactlyItsSeatsToAdmittedBuyersInQueueOrder(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyerCount = 2_000
        let buyers = try await withThrowingTaskGroup(of: [(id: UUID, token: String)].self) { group in
            for _ in 0..<8 {
                group.addTask { var made: [(id: UUID, token: String)] = []
                    for _ in 0..<(buyerCount / 8) { made.append(try await harness.account()) }
                    return made
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        try await harness.withClient { client in
            // 300 a minute in 10-second batches: 50 buyers a batch for 200 seats of 20 rows.
            let event = try await client.createEvent(
                token: organizer.token, seatedRows: (0..<10).map { ("R\($0)", 20) }, maxTicketsPerUser: 2,
                extra: ["queue": ["enabled": true, "admit_per_minute": 300, "admit_interval_seconds": 10]])
            let id = try #require(event.string("event_id"))

            var queueTokens = [String](repeating: "", count: buyerCount)
            var positions = [Int](repeating: 0, count: buyerCount)
            try await Self.forEach(0..<buyerCount) { index in
                let joined = try await client.call(.post, "/api/v1/events/\(id)/queue", token: buyers[index].token)
                return (index, joined.string("queue_token") ?? "", joined.int("position") ?? 0)
            } collect: { joined in
                queueTokens[joined.0] = joined.1
                positions[joined.0] = joined.2
            }
            let tokens = queueTokens
            #expect(Set(positions) == Set(1...buyerCount), "2,000 distinct places")

            var admittedRound: [Int: Int] = [:]
            var refusedWithoutAdmission = 0
            var round = 0
            while round < 40 {
                round += 1
                let waiting = (0..<buyerCount).filter { admittedRound[$0] == nil }
                var admittedNow: [(index: Int, admission: String)] = []
                try await Self.forEach(waiting) { index in
                    let status = try await client.call(.get, "/api/v1/events/\(id)/queue/status", token: buyers[index].token,
                                                       headers: ["X-Queue-Token": tokens[index]])
                    return (index, status.string("admission_token"))
                } collect: { polled in
                    if let admission = polled.1 { admittedNow.append((polled.0, admission)) }
                }
                for entry in admittedNow { admittedRound[entry.index] = round }
                // Some still waiting try to buy anyway: always refused.
                for index in waiting.filter({ admittedRound[$0] == nil }).prefix(5) {
                    let seats = try await client.seatIDs(event: id, status: "AVAILABLE")
                    guard let seat = seats.first else { break }
                    let attempt = try await client.call(.post, "/api/v1/reservations", token: buyers[index].token,
                                                        body: ["event_id": id, "seat_ids": [seat]],
                                                        headers: ["X-Queue-Token": tokens[index]])
                    #expect(attempt.error == "QUEUE_TOKEN_INVALID")
                    refusedWithoutAdmission += 1
                }
                let available = try await client.seatIDs(event: id, status: "AVAILABLE").shuffled()
                let buying = admittedNow
                try await Self.forEach(buying.indices) { order in
                    let (index, admission) = buying[order]
                    guard index % 10 != 0 else { return false }  // one in ten abandons
                    let wanted = min(1 + index % 2, available.count)
                    // A few tries at different places of the shuffled list, as a buyer picks again after a conflict.
                    for attempt in 0..<4 where wanted > 0 {
                        let start = order * 2 + attempt * 7
                        let seats = (0..<wanted).map { available[(start + $0) % available.count] }
                        let held = try await client.call(.post, "/api/v1/reservations", token: buyers[index].token,
                                                         body: ["event_id": id, "seat_ids": seats], headers: ["X-Queue-Token": admission])
                        #expect(held.status == .created || held.error == "SEATS_UNAVAILABLE", "hold: \(held.text)")
                        if let reservation = held.string("reservation_id") {
                            let confirmed = try await client.confirm(reservation, token: buyers[index].token)
                            #expect(confirmed.status == .ok, "confirm: \(confirmed.text)")
                            return confirmed.status == .ok
                        }
                    }
                    return false
                } collect: { _ in }
                if try await client.seatIDs(event: id, status: "AVAILABLE").isEmpty { break }
                harness.clock.advance(by: 10)
            }

            let eventID = try #require(UUID(uuidString: id))
            let record = try #require(try await harness.system.store.auditRecord(eventID: eventID))
            let signer = harness.system.signer
            #expect(InventoryAudit.violations(of: record, publicKeys: [signer.keyID: signer.publicKey], now: harness.clock.now()).isEmpty)
            #expect(record.confirmed.reduce(0) { $0 + $1.quantity } == 200, "exactly 200 seats sold")
            #expect(record.tickets.count == 200)
            let admittedIDs = Set(admittedRound.keys.map { buyers[$0].id })
            #expect(record.confirmed.allSatisfy { admittedIDs.contains($0.userID) }, "nobody bought without admission")
            #expect(refusedWithoutAdmission > 0)
            let byRound = Dictionary(grouping: admittedRound, by: \.value).mapValues { $0.map { positions[$0.key] } }
            let rounds = byRound.keys.sorted()
            #expect(rounds.count >= 3, "admitted in batches: \(rounds.count)")
            for (earlier, later) in zip(rounds, rounds.dropFirst()) {
                #expect(byRound[earlier]!.max()! < byRound[later]!.min()!, "batch \(earlier) is all ahead of batch \(later)")
            }
            #expect(Set(admittedRound.keys.map { positions[$0] }) == Set(1...admittedRound.count),
                    "the admitted are exactly the first places of the queue")
        }
    }

    /// Runs `body` over `items` with 32 requests in flight, handing each result to `collect` in turn.
    static func forEach<Items: Collection, T: Sendable>(
        _ items: Items, _ body: @escaping @Sendable (Items.Element) async throws -> T, collect: (T) -> Void
    ) async throws where Items.Element: Sendable {
        try await withThrowingTaskGroup(of: T.self) { group in
            var iterator = items.makeIterator()
            for _ in 0..<32 { if let item = iterator.next() { group.addTask { try await body(item) } } }
            while let result = try await group.next() {
                collect(result)
                if let item = iterator.next() { group.addTask { try await body(item) } }
            }
        }
    }
}
