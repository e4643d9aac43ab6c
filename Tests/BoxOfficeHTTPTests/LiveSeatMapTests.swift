import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeServer
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import NIOCore
import Synchronization
import Testing

/// The live seat map: what the desk reports, the feed's fan-out and back-pressure, and
/// the WebSocket itself on a running server.
@Suite struct LiveSeatMapTests {
    /// A message from the socket, decoded.
    struct Message: @unchecked Sendable {
        // @unchecked: the JSON tree is built once and only read.
        let json: [String: Any]
        init(_ text: String) throws { json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) }
        var type: String? { json["type"] as? String }
        var version: Int? { json["version"] as? Int }
        var fromVersion: Int? { json["from_version"] as? Int }
        var seats: [String: String] {
            Dictionary((json["seats"] as? [[String: Any]] ?? []).map { ($0["seat_id"] as! String, $0["status"] as! String) }, uniquingKeysWith: { $1 })
        }
        var sections: [String: Int] {
            Dictionary((json["sections"] as? [[String: Any]] ?? []).map { ($0["section_id"] as! String, $0["available_count"] as! Int) },
                       uniquingKeysWith: { $1 })
        }
    }

    /// Messages seen by a socket's handler.
    final class Seen: Sendable {
        let messages = Mutex<[Message]>([])
        func append(_ message: Message) { messages.withLock { $0.append(message) } }
        var all: [Message] { messages.withLock { $0 } }
    }

    /// When something happened, set from a socket's handler.
    final class Moment: Sendable {
        private let instant = Mutex<ContinuousClock.Instant?>(nil)
        func mark(_ now: ContinuousClock.Instant) { instant.withLock { $0 = now } }
        var value: ContinuousClock.Instant? { instant.withLock { $0 } }
    }

    /// A text noted in a socket's handler.
    final class Noted: Sendable {
        private let text = Mutex<String?>(nil)
        func note(_ value: String?) { text.withLock { $0 = value } }
        var value: String? { text.withLock { $0 } }
    }

    /// Reads the watcher's messages until `done` says so (or fails after `seconds`).
    static func read(_ mailbox: LiveMailbox, seconds: Double = 5, until done: @escaping @Sendable ([Message]) -> Bool) async throws -> [Message] {
        try await withThrowingTaskGroup(of: [Message]?.self) { group in
            group.addTask {
                var messages: [Message] = []
                while !done(messages), let text = await mailbox.next() { messages.append(try Message(text)) }
                return messages
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = try await group.next()!
            group.cancelAll()
            return try #require(first, "the expected messages did not arrive within \(seconds) s")
        }
    }

    @Test(arguments: Engine.available)
    func manyHoldsBetweenTwoReportsComeAsOneChangeWithTheSectionCount(engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyers = try await harness.buyers(10)
        try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token)
            let eventID = try #require(event.string("event_id"))
            let seats = try await client.seatIDs(event: eventID)
            let desk = harness.system.desks[UUID(uuidString: eventID)!]
            let start = try await desk.watchLive()
            #expect(try await client.call(.get, "/api/v1/events/\(eventID)/seats").int("version") == start,
                    "the seat map's body names the version a watcher starts from")
            #expect(try await desk.liveChanges() == nil, "nothing changed yet")

            for (index, buyer) in buyers.enumerated() {
                #expect(try await client.hold([seats[index]], event: eventID, token: buyer.token).status == .created)
            }
            guard case let .changes(changes) = try #require(try await desk.liveChanges()) else {
                Issue.record("ten holds should be reported as changes")
                return
            }
            #expect(changes.from == start)
            #expect(changes.version == start + 10, "one version per committed hold")
            #expect(Set(changes.seats.map(\.id.text)) == Set(seats.prefix(10)), "one report carries every seat the ten holds took")
            #expect(changes.seats.allSatisfy { $0.status == .held })
            #expect(changes.sections.map(\.available) == [10], "and the section's count after them")
            #expect(try await desk.liveChanges() == nil, "reported once")
            await desk.unwatchLive()
        }
    }

    @Test func aLapsedHoldIsReportedAvailableWithoutANewVersion() async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let (eventID, seats, _) = try await client.heldSeats(2, organizer: organizer.token, buyer: buyer.token)
            let desk = harness.system.desks[UUID(uuidString: eventID)!]
            let version = try await desk.watchLive()
            #expect(try await desk.liveChanges() == nil)
            harness.clock.advance(by: 3600)
            guard case let .changes(changes) = try #require(try await desk.liveChanges()) else {
                Issue.record("a lapse should be reported as changes")
                return
            }
            #expect(changes.from == version && changes.version == version, "a lapse is not a write")
            #expect(Set(changes.seats.map(\.id.text)) == Set(seats))
            #expect(changes.seats.allSatisfy { $0.status == .available })
            #expect(changes.sections.map(\.available) == [20])
            #expect(try await desk.liveChanges() == nil, "reported once")
        }
    }

    @Test func aReloadedMapTellsWatchersToReadItAgain() async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let desk = harness.system.desks[UUID(uuidString: eventID)!]
            let version = try await desk.watchLive()
            await desk.invalidate()
            #expect(try await desk.liveChanges() == .resync(version: version + 1), "its changes are unknown: a resync")
            #expect(try await desk.liveChanges() == nil)
        }
    }

    @Test func aWatcherThatFallsBehindGetsOneResyncInsteadOfAGrowingQueue() async throws {
        let mailbox = LiveMailbox(limit: 4, eventID: UUID())
        for version in 1...4 { mailbox.push("m\(version)", version: version) }
        #expect(mailbox.queued == 4)
        for version in 5...1000 { mailbox.push("m\(version)", version: version) }
        #expect(mailbox.queued == 0, "the queue was dropped, not grown")
        let resync = try Message(try #require(await mailbox.next()))
        #expect(resync.type == "resync" && resync.version == 1000 && resync.json["reason"] as? String == "slow_client")
        mailbox.push("m1001", version: 1001)
        #expect(await mailbox.next() == "m1001", "after the resync it is sent messages again")

        // Control: without the limit the same burst would be kept whole.
        let unbounded = LiveMailbox(limit: .max, eventID: UUID())
        for version in 1...1000 { unbounded.push("m\(version)", version: version) }
        #expect(unbounded.queued == 1000)
    }

    @Test func everyWatcherGetsTheFeedsMessagesAndLeavingStopsTheRecording() async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token, gaCapacity: 50).string("event_id"))
            let event = try await client.call(.get, "/api/v1/events/\(eventID)")
            let floor = try #require(sectionID(event, kind: "general_admission"))
            let live = harness.system.http.live
            let watchers = [try await live.watch(eventID: UUID(uuidString: eventID)!), try await live.watch(eventID: UUID(uuidString: eventID)!)]
            #expect(live.watcherCount == 2)
            for watcher in watchers {
                let hello = try Message(watcher.hello)
                #expect(hello.type == "hello" && hello.json["event_id"] as? String == eventID && hello.json["interval_ms"] as? Int == 100)
            }
            #expect(try await client.holdGA(3, section: floor, event: eventID, token: buyer.token).status == .created)
            for watcher in watchers {
                let messages = try await Self.read(watcher.mailbox) { $0.contains { $0.sections[floor] == 47 } }
                #expect(messages.allSatisfy { $0.type == "changes" && $0.seats.isEmpty }, "a GA hold changes a section count only")
            }
            for watcher in watchers { await live.leave(watcher) }
            #expect(live.watcherCount == 0)
            #expect(await watchers[0].mailbox.next() == nil, "a watcher's queue closes when it leaves")
        }
    }

    // MARK: The socket

    /// Connects to the live socket and hands the handler each message; returns when it says stop.
    static func watchSocket(
        port: Int, eventID: String, headers: HTTPFields = [:],
        _ onMessage: @escaping @Sendable (Message) async throws -> Bool
    ) async throws {
        var configuration = WebSocketClientConfiguration()
        configuration.additionalHeaders = headers
        try await WebSocketClient.connect(url: "ws://localhost:\(port)/api/v1/events/\(eventID)/seats/live",
                                          configuration: configuration, logger: Logger(label: "live-test")) { inbound, outbound, _ in
            for try await message in inbound.messages(maxSize: 1 << 20) {
                guard case let .text(text) = message else { continue }
                if try await onMessage(try Message(text)) { break }
            }
            try await outbound.close(.normalClosure, reason: nil)
        }
    }

    @Test func aHoldReachesAnOpenSocketAsItCommits() async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await buildApplication(harness.system).test(.live) { client in
            let port = try #require(client.port)
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let seats = try await client.seatIDs(event: eventID)
            let mapVersion = try #require(try await client.call(.get, "/api/v1/events/\(eventID)/seats").int("version"))
            let seen = Seen()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await Self.watchSocket(port: port, eventID: eventID, headers: [.origin: "http://localhost:\(port)"]) { message in
                        seen.append(message)
                        if message.type == "hello" {
                            let held = try await client.hold(Array(seats.prefix(2)), event: eventID, token: buyer.token)
                            #expect(held.status == .created)
                        }
                        return message.seats[seats[1]] == "HELD"
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(10))
                    throw CancellationError()
                }
                try await group.next()
                group.cancelAll()
            }
            let messages = seen.all
            #expect(messages.first?.type == "hello" && messages.first?.version == mapVersion, "hello names the map's version")
            let change = try #require(messages.last)
            #expect(change.type == "changes" && change.fromVersion! <= mapVersion && change.version! >= mapVersion + 1)
            #expect(change.seats[seats[0]] == "HELD")
            #expect(change.sections.values.first == 18)
        }
    }

    @Test func theSocketRefusesOtherSitesAndPlainRequestsAreToldToUpgrade() async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        try await buildApplication(harness.system).test(.live) { client in
            let port = try #require(client.port)
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            await #expect(throws: (any Error).self, "another site's page cannot open the socket") {
                try await Self.watchSocket(port: port, eventID: eventID, headers: [.origin: "https://evil.example"]) { _ in true }
            }
            await #expect(throws: (any Error).self, "nor can anyone for an event that does not exist") {
                try await Self.watchSocket(port: port, eventID: UUID().text, headers: [:]) { _ in true }
            }
            // A client with no Origin (not a browser) is let in.
            let hello = Seen()
            try await Self.watchSocket(port: port, eventID: eventID) { message in
                hello.append(message)
                return true
            }
            #expect(hello.all.first?.type == "hello")

            let plain = try await client.call(.get, "/api/v1/events/\(eventID)/seats/live")
            #expect(plain.status == .upgradeRequired && plain.error == "UPGRADE_REQUIRED")
            let foreign = try await client.call(.get, "/api/v1/events/\(eventID)/seats/live", headers: ["Origin": "https://evil.example"])
            #expect(foreign.status == .forbidden && foreign.error == "ORIGIN_NOT_ALLOWED")
            let missing = try await client.call(.get, "/api/v1/events/\(UUID().text)/seats/live")
            #expect(missing.status == .notFound && missing.error == "EVENT_NOT_FOUND")
        }
    }

    // MARK: Several nodes

    /// Two nodes on one PostgreSQL database: a hold made through node A reaches a socket
    /// open on node B, carried by the change notice itself: node B applies it to its map
    /// without reading the map again.
    @Test(.enabled(if: Engine.available.contains(.postgres), "needs PostgreSQL (BOXOFFICE_TEST_POSTGRES_URL)"))
    func aHoldOnOneNodeReachesASocketOnAnotherWithoutAReload() async throws {
        let nodeA = try await TestHarness.make(engine: .postgres)
        let nodeB = try await nodeA.restarted()
        let organizer = try await nodeA.account(.organizer)
        let buyer = try await nodeA.account()
        try await nodeA.withClient { a in
            try await buildApplication(nodeB.system).test(.live) { b in
                let port = try #require(b.port)
                let eventID = try #require(try await a.createEvent(token: organizer.token).string("event_id"))
                let seats = try await b.seatIDs(event: eventID)
                let deskB = nodeB.system.desks[UUID(uuidString: eventID)!]
                let loadsBefore = await deskB.loadCount
                let seen = Seen()
                let clock = ContinuousClock()
                let heldAt = Moment(), arrivedAt = Moment()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await Self.watchSocket(port: port, eventID: eventID) { message in
                            seen.append(message)
                            if message.type == "hello" {
                                let held = try await a.hold([seats[3], seats[4]], event: eventID, token: buyer.token)
                                #expect(held.status == .created)
                                heldAt.mark(clock.now)
                            }
                            if message.seats[seats[4]] == "HELD" {
                                arrivedAt.mark(clock.now)
                                return true
                            }
                            return false
                        }
                    }
                    group.addTask {
                        try await Task.sleep(for: .seconds(10))
                        throw CancellationError()
                    }
                    try await group.next()
                    group.cancelAll()
                }
                let messages = seen.all
                #expect(messages.allSatisfy { $0.type != "resync" }, "node B applied the change; it did not reload")
                #expect(messages.last?.seats[seats[3]] == "HELD")
                #expect(messages.last?.sections.values.first == 18)
                let lag = try #require(arrivedAt.value) - (try #require(heldAt.value))
                #expect(lag < .seconds(1), "node A's hold reached node B's socket in \(lag)")
                #expect(await deskB.loadCount == loadsBefore, "node B did not read its map again for another node's hold")
                #expect(try await b.seatIDs(event: eventID, status: "HELD").count == 2, "and its seat map shows the hold")
            }
        }
    }
    /// GA places held and then paid for through node A reach node B as changes: the
    /// batch of GA holds names its holds in the notice, and the confirm carries the
    /// section's sold count, which node B sets; node B never reads its map again.
    @Test(.enabled(if: Engine.available.contains(.postgres), "needs PostgreSQL (BOXOFFICE_TEST_POSTGRES_URL)"))
    func gaHoldsAndSalesOnOneNodeReachAnotherWithoutAReload() async throws {
        let nodeA = try await TestHarness.make(engine: .postgres)
        let nodeB = try await nodeA.restarted()
        let organizer = try await nodeA.account(.organizer)
        let buyer = try await nodeA.account()
        try await nodeA.withClient { a in
            try await buildApplication(nodeB.system).test(.live) { b in
                let port = try #require(b.port)
                let event = try await a.createEvent(token: organizer.token, seatedRows: [], gaCapacity: 50)
                let eventID = try #require(event.string("event_id"))
                let floor = try #require(sectionID(event, kind: "general_admission"))
                let deskB = nodeB.system.desks[UUID(uuidString: eventID)!]
                let section = try #require(try await deskB.seatMap().event.sections.first)
                let loadsBefore = await deskB.loadCount
                let seen = Seen()
                let reservation = Noted()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await Self.watchSocket(port: port, eventID: eventID) { message in
                            seen.append(message)
                            if message.type == "hello" {
                                let held = try await a.holdGA(3, section: floor, event: eventID, token: buyer.token)
                                #expect(held.status == .created)
                                reservation.note(held.string("reservation_id"))
                            }
                            return message.sections[floor] == 47
                        }
                    }
                    group.addTask {
                        try await Task.sleep(for: .seconds(10))
                        throw CancellationError()
                    }
                    try await group.next()
                    group.cancelAll()
                }
                #expect(seen.all.allSatisfy { $0.type != "resync" }, "node B applied the holds; it did not reload")
                #expect(try await deskB.seatMap().held(in: section, at: Date()) == 3)

                let reservationID = try #require(reservation.value)
                #expect(try await a.confirm(reservationID, token: buyer.token).status == .ok)
                var sold = 0
                for _ in 0..<50 {
                    sold = try await deskB.seatMap().sold(in: section)
                    if sold == 3 { break }
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(sold == 3, "node B counts the three places sold")
                #expect(try await deskB.seatMap().held(in: section, at: Date()) == 0, "and no longer held")
                #expect(try await deskB.seatMap().available(in: section, at: Date()) == 47)
                #expect(await deskB.loadCount == loadsBefore, "node B did not read its map again for node A's GA writes")
            }
        }
    }
}
