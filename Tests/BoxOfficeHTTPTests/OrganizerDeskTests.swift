import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Testing

/// What the organizer's desk reads: their events, and one event's live counts moving
/// through a hold, a payment and a check-in; nobody else's.
@Suite struct OrganizerDeskTests {
    func section(_ dashboard: APIResponse, _ name: String) -> [String: Any] {
        dashboard.array("sections").first { $0["name"] as? String == name } ?? [:]
    }

    func totals(_ dashboard: APIResponse) -> [String: Int] {
        (dashboard.json["totals"] as? [String: Any] ?? [:]).compactMapValues { $0 as? Int }
    }

    @Test(arguments: Engine.available)
    func theDashboardFollowsAHoldAPaymentAndACheckIn(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account(name: "Dana")
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token, gaCapacity: 50).string("event_id"))
            let path = "/api/v1/events/\(eventID)/dashboard"
            let empty = try await client.call(.get, path, token: organizer.token)
            #expect(empty.status == .ok)
            #expect(totals(empty) == ["capacity": 70, "sold": 0, "held": 0, "available": 70, "checked_in": 0, "orders_confirmed": 0,
                                      "gross_cents": 0, "refunds_cents": 0, "net_cents": 0])
            #expect((empty.json["timeline"] as? [String: Any])?["points"] as? [Any] != nil)
            #expect(empty.json["queue"] is NSNull)

            let seats = Array(try await client.seatIDs(event: eventID).prefix(2))
            let held = try #require(try await client.hold(seats, event: eventID, token: buyer.token).string("reservation_id"))
            let floor = try #require(empty.array("sections").first { $0["kind"] as? String == "general_admission" }?["section_id"] as? String)
            _ = try await client.holdGA(3, section: floor, event: eventID, token: buyer.token)
            let holding = try await client.call(.get, path, token: organizer.token)
            #expect(section(holding, "Stalls")["held"] as? Int == 2 && section(holding, "Stalls")["available"] as? Int == 18)
            #expect(section(holding, "Floor")["held"] as? Int == 3 && section(holding, "Floor")["available"] as? Int == 47)

            let tickets = try await client.confirm(held, token: buyer.token).array("tickets")
            #expect(tickets.count == 2)
            let paid = try await client.call(.get, path, token: organizer.token)
            #expect(section(paid, "Stalls")["sold"] as? Int == 2 && section(paid, "Stalls")["held"] as? Int == 0)
            #expect(section(paid, "Stalls")["revenue_cents"] as? Int == 10_000)
            #expect(totals(paid)["orders_confirmed"] == 1 && totals(paid)["gross_cents"] == 10_000 && totals(paid)["held"] == 3)

            let code = try #require(tickets.first?["qr_code"] as? String)
            let scan = try await client.call(.post, "/api/v1/checkin", token: organizer.token, body: ["qr_code": code, "event_id": eventID])
            #expect(scan.string("result") == "VALID")
            let door = try await client.call(.get, path, token: organizer.token)
            #expect(totals(door)["checked_in"] == 1 && section(door, "Stalls")["checked_in"] as? Int == 1)
            let timeline = try #require(door.json["timeline"] as? [String: Any])
            let points = try #require(timeline["points"] as? [[String: Any]])
            #expect(points.reduce(0) { $0 + ($1["sold"] as? Int ?? 0) } == 2)
            #expect(points.reduce(0) { $0 + ($1["checked_in"] as? Int ?? 0) } == 1)
            #expect(timeline["bucket_seconds"] as? Int == 60)
        }
    }

    @Test(arguments: Engine.available)
    func onlyTheEventsOrganizerSeesItsDeskAndEachAccountTheEventsItWorks(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let rival = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let admin = try await harness.account(.admin)
        try await harness.withClient { client in
            let mine = try #require(try await client.createEvent(token: organizer.token, title: "Mine").string("event_id"))
            // Starts 2 h 13 m after the test clock's start; then the clock passes it.
            let past = try #require(try await client.createEvent(token: organizer.token, startsAt: "2030-03-17T20:00:00Z", title: "Tonight")
                .string("event_id"))
            let theirs = try #require(try await client.createEvent(token: rival.token, title: "Theirs",
                                                                   extra: ["queue": ["enabled": true, "admit_per_minute": 120]]).string("event_id"))
            harness.clock.advance(by: 3 * 3_600)
            #expect(!(try await client.call(.get, "/api/v1/events").array("events").contains { $0["event_id"] as? String == past }))
            let listed = try await client.call(.get, "/api/v1/me/events", token: organizer.token)
            #expect(listed.status == .ok)
            #expect(listed.array("events").compactMap { $0["event_id"] as? String } == [past, mine], "their own events, the past one too, in start order")
            let paged = try await client.call(.get, "/api/v1/me/events?page_size=1", token: organizer.token)
            #expect(paged.array("events").count == 1)
            let next = try #require(paged.string("next_cursor"))
            #expect(try await client.call(.get, "/api/v1/me/events?page_size=1&cursor=\(next)", token: organizer.token)
                .array("events").first?["event_id"] as? String == mine)
            #expect(try await client.call(.get, "/api/v1/me/events?page_size=0", token: organizer.token).status == .unprocessableContent)
            #expect(try await client.call(.get, "/api/v1/me/events?cursor=zz", token: organizer.token).status == .badRequest)
            #expect(try await client.call(.get, "/api/v1/me/events", token: buyer.token).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/me/events").status == .unauthorized)
            #expect(Set(try await client.call(.get, "/api/v1/me/events", token: admin.token).array("events")
                .compactMap { $0["event_id"] as? String }).isSuperset(of: [mine, theirs]))

            // Door staff see the events of the organizer who made them; switched off, none.
            let made = try await client.call(.post, "/api/v1/staff", token: organizer.token,
                                             body: ["email": "door-\(UUID().uuidString.prefix(8))@example.test", "password": "door-pass-123", "name": "Door"])
            let door = try await client.call(.post, "/api/v1/auth/login", body: ["email": made.string("email")!, "password": "door-pass-123"])
            let doorToken = try #require(door.string("token"))
            #expect(try await client.call(.get, "/api/v1/me/events", token: doorToken).array("events").compactMap { $0["event_id"] as? String }
                == [past, mine])
            _ = try await client.call(.delete, "/api/v1/staff/\(made.string("user_id")!)", token: organizer.token)
            #expect(try await client.call(.get, "/api/v1/me/events", token: doorToken).status == .unauthorized, "a switched-off scanner's token stops working")
            let house = try await harness.account(.scanner)
            #expect(Set(try await client.call(.get, "/api/v1/me/events", token: house.token).array("events")
                .compactMap { $0["event_id"] as? String }).isSuperset(of: [mine, theirs]))

            #expect(try await client.call(.get, "/api/v1/events/\(theirs)/dashboard", token: organizer.token).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/events/\(theirs)/dashboard", token: buyer.token).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/events/\(theirs)/dashboard").status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/events/\(UUID().uuidString)/dashboard", token: organizer.token).status == .notFound)
            let queued = try await client.call(.get, "/api/v1/events/\(theirs)/dashboard", token: rival.token)
            let queue = try #require(queued.json["queue"] as? [String: Any])
            #expect(queue["admit_per_minute"] as? Int == 120 && queue["joined"] as? Int == 0 && queue["waiting"] as? Int == 0)
        }
    }
}
