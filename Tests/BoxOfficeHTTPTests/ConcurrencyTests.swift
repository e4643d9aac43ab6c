import BoxOfficeCore
import BoxOfficeStore
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Hundreds of buyers racing for the same inventory through the real HTTP routes.
@Suite struct ConcurrencyTests {
    static let buyers = 500

    /// Runs one request per token at once; returns the responses in token order.
    func race(
        _ harness: TestHarness, tokens: [String], _ request: @escaping @Sendable (Int, String, any TestClientProtocol) async throws -> APIResponse
    ) async throws -> [APIResponse] {
        try await harness.withClient { client in
            try await withThrowingTaskGroup(of: (Int, APIResponse).self) { group in
                for (index, token) in tokens.enumerated() {
                    group.addTask { (index, try await request(index, token, client)) }
                }
                let answered = try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
                return tokens.indices.map { answered[$0]! }
            }
        }
    }

    func buyerTokens(_ harness: TestHarness) async throws -> [String] {
        var tokens: [String] = []
        for _ in 0..<Self.buyers { tokens.append(try await harness.account().token) }
        return tokens
    }

    @Test(arguments: Engine.available) func fiveHundredBuyersForOneHundredSeatsMakeExactlyOneHundredWinners(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let (eventID, seats) = try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token, seatedRows: (0..<10).map { ("R\($0)", 10) })
            let id = try #require(event.string("event_id"))
            return (id, try await client.seatIDs(event: id))
        }
        #expect(seats.count == 100)
        let tokens = try await buyerTokens(harness)
        let responses = try await race(harness, tokens: tokens) { index, token, client in
            try await client.hold([seats[index % 100]], event: eventID, token: token)
        }
        let winners = responses.filter { $0.status == .created }
        #expect(winners.count == 100)
        let losers = responses.filter { $0.error == "SEATS_UNAVAILABLE" }
        #expect(losers.count == 400)
        #expect(losers.allSatisfy { $0.status == .conflict })
        let heldSeats = winners.flatMap { $0.array("seats").compactMap { $0["seat_id"] as? String } }
        #expect(Set(heldSeats).count == 100, "no seat is in two live reservations")
        try await expectSeatMapMatchesStore(harness, eventID: eventID)
    }

    @Test(arguments: Engine.available) func overlappingMultiSeatHoldsAreAllOrNothing(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let (eventID, seats) = try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token, seatedRows: (0..<10).map { ("R\($0)", 10) })
            let id = try #require(event.string("event_id"))
            return (id, try await client.seatIDs(event: id))
        }
        let tokens = try await buyerTokens(harness)
        let responses = try await race(harness, tokens: tokens) { index, token, client in
            let start = (index * 37) % 97
            return try await client.hold(Array(seats[start..<(start + 2 + index % 3)]), event: eventID, token: token)
        }
        let winners = responses.filter { $0.status == .created }
        #expect(!winners.isEmpty)
        #expect(responses.allSatisfy { $0.status == .created || $0.error == "SEATS_UNAVAILABLE" })
        let heldSeats = winners.flatMap { $0.array("seats").compactMap { $0["seat_id"] as? String } }
        #expect(Set(heldSeats).count == heldSeats.count, "no seat is in two live reservations")
        let record = try #require(try await harness.system.store.inventory(eventID: UUID(uuidString: eventID)!))
        #expect(record.seats.filter { $0.status == .held }.count == heldSeats.count, "losers left nothing held behind")
        try await expectSeatMapMatchesStore(harness, eventID: eventID)
    }

    @Test(arguments: Engine.available) func fiveHundredBuyersForAHundredGAPlacesNeverOversell(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let event = try await harness.withClient { client in
            try await client.createEvent(token: organizer.token, seatedRows: [], gaCapacity: 100)
        }
        let eventID = try #require(event.string("event_id"))
        let floor = try #require(sectionID(event, kind: "general_admission"))
        let tokens = try await buyerTokens(harness)
        let responses = try await race(harness, tokens: tokens) { _, token, client in
            try await client.holdGA(1, section: floor, event: eventID, token: token)
        }
        let winners = responses.filter { $0.status == .created }
        #expect(winners.count == 100)
        #expect(responses.filter { $0.error == "INSUFFICIENT_INVENTORY" }.count == 400)

        let winnerTokens = zip(responses, tokens).filter { $0.0.status == .created }
        let paid = try await harness.withClient { client in
            try await withThrowingTaskGroup(of: APIResponse.self) { group in
                for (held, token) in winnerTokens {
                    let reservationID = held.string("reservation_id")!
                    group.addTask { try await client.confirm(reservationID, token: token) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(paid.allSatisfy { $0.status == .ok }, "\(paid.filter { $0.status != .ok }.prefix(3).map(\.text))")
        let inventory = try #require(try await harness.system.store.inventory(eventID: UUID(uuidString: eventID)!))
        #expect(inventory.gaSold.values.reduce(0, +) == 100)
        let detail = try await harness.withClient { try await $0.call(.get, "/api/v1/events/\(eventID)") }
        #expect(detail.array("sections").first?["available_count"] as? Int == 0)
        #expect(detail.array("sections").first?["sold_count"] as? Int == 100)
    }

    @Test(arguments: Engine.available) func buyersRacingToPayForTheSameSeatsAfterALapseSellEachSeatOnce(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let first = try await harness.account()
        let second = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let seats = Array(try await client.seatIDs(event: eventID).prefix(2))
            let lapsed = try #require(try await client.hold(seats, event: eventID, token: first.token).string("reservation_id"))
            harness.clock.advance(by: 10 * 60)
            let fresh = try #require(try await client.hold(seats, event: eventID, token: second.token).string("reservation_id"))
            async let late = client.confirm(lapsed, token: first.token)
            async let timely = client.confirm(fresh, token: second.token)
            let (lateResult, timelyResult) = try await (late, timely)
            #expect(lateResult.status == .gone)
            #expect(lateResult.error == "HOLD_EXPIRED")
            #expect(timelyResult.status == .ok)
        }
    }

    /// Control for the races above: with the availability guard switched off (a test-only
    /// hook), a second buyer really does take a held seat, so the race tests can fail.
    @Test(arguments: Engine.available) func withoutTheAvailabilityGuardSeatsAreDoubleHeld(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyers = [try await harness.account(), try await harness.account()]
        let eventID = try await harness.withClient { client in
            try #require(try await client.createEvent(token: organizer.token).string("event_id"))
        }
        harness.hooks.disableAvailabilityGuardForTesting()
        let responses = try await harness.withClient { client in
            let seat = try await client.seatIDs(event: eventID)[0]
            return [try await client.hold([seat], event: eventID, token: buyers[0].token),
                    try await client.hold([seat], event: eventID, token: buyers[1].token)]
        }
        #expect(responses.allSatisfy { $0.status == .created }, "the guard is what stops the second hold")
    }

    func expectSeatMapMatchesStore(_ harness: TestHarness, eventID: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let record = try #require(try await harness.system.store.inventory(eventID: UUID(uuidString: eventID)!))
        let truth = Dictionary(uniqueKeysWithValues: record.seats.map {
            ($0.seat.id.text, $0.status == .held && ($0.heldUntil ?? .distantFuture) <= harness.clock.now() ? "AVAILABLE" : $0.status.rawValue)
        })
        let map = try await harness.withClient { try await $0.call(.get, "/api/v1/events/\(eventID)/seats") }
        var shown: [String: String] = [:]
        for section in map.array("sections") {
            for seat in section["seats"] as? [[String: Any]] ?? [] {
                shown[seat["seat_id"] as! String] = seat["status"] as? String
            }
        }
        #expect(shown == truth, "the in-memory seat map equals the database", sourceLocation: sourceLocation)
        #expect(map.int("total_available") == truth.values.filter { $0 == "AVAILABLE" }.count, sourceLocation: sourceLocation)
    }
}

