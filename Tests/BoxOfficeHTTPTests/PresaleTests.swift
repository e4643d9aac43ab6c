import BoxOfficeCore
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Testing

/// Presale windows: codes, lists, single-use codes, per-window limits, then general on-sale.
@Suite struct PresaleTests {
    @Test(arguments: Engine.available)
    func codeAndListWindowsAdmitOnlyTheirBuyersWithinTheirLimits(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let fan = try await harness.account()
        let member = try await harness.account()
        let memberEmail = try #require(try await harness.system.store.user(id: member.id)).email
        let now = harness.clock.now()
        @Sendable func at(_ hours: Double) -> String { now.addingTimeInterval(hours * 3_600).formatted(.iso8601) }
        try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token, saleStartsAt: at(2), extra: ["presales": [
                ["name": "Fan club", "kind": "code", "starts_at": at(-1), "ends_at": at(2), "codes": ["FAN-2030", "vip"],
                 "max_tickets_per_user": 2],
                ["name": "Members", "kind": "list", "starts_at": at(-1), "ends_at": at(1), "emails": [memberEmail.uppercased()],
                 "max_tickets_per_user": 4],
            ]])
            #expect(event.status == .created)
            #expect(event.string("status") == "PRESALE")
            let windows = event.array("presales")
            #expect(windows.count == 2)
            #expect(windows.first?["codes"] == nil, "codes are never shown")
            #expect(windows.first?["code_count"] as? Int == 2)
            let id = try #require(event.string("event_id"))
            let seats = try await client.seatIDs(event: id)

            func hold(_ range: Range<Int>, _ buyer: (id: UUID, token: String), code: String? = nil) async throws -> APIResponse {
                var body: [String: Any] = ["event_id": id, "seat_ids": Array(seats[range])]
                if let code { body["presale_code"] = code }
                return try await client.call(.post, "/api/v1/reservations", token: buyer.token, body: body)
            }
            let noCode = try await hold(0..<1, fan)
            #expect(noCode.status == .forbidden)
            #expect(noCode.error == "PRESALE_REQUIRED")
            let wrongCode = try await hold(0..<1, fan, code: "FAN-2029")
            #expect(wrongCode.status == .forbidden)
            #expect(wrongCode.error == "PRESALE_CODE_INVALID")
            #expect(try await hold(0..<2, fan, code: " fan-2030 ").status == .created, "codes ignore case and spaces")
            let overLimit = try await hold(2..<3, fan, code: "VIP")
            #expect(overLimit.status == .unprocessableContent)
            #expect(overLimit.error == "TICKET_LIMIT_EXCEEDED")
            #expect(overLimit.int("remaining") == 0, "the window allows 2 per buyer")
            #expect(overLimit.int("limit") == 2)

            let pastBoth = try await hold(3..<12, member)
            #expect(pastBoth.error == "TICKET_LIMIT_EXCEEDED")
            #expect(pastBoth.int("remaining") == 4, "past the event's 8 too, but the window's 4 is what the member may add")
            #expect(try await hold(3..<7, member).status == .created, "the member's account is on the list")
            #expect(try await hold(7..<8, member).error == "TICKET_LIMIT_EXCEEDED")

            harness.clock.advance(by: 2 * 3_600)
            #expect(try await client.call(.get, "/api/v1/events/\(id)").string("status") == "ON_SALE")
            #expect(try await hold(8..<10, fan).status == .created, "general on-sale needs no code; the event's limit of 8 applies")
        }
    }

    @Test(arguments: Engine.available)
    func aSingleUseCodeBelongsToTheFirstAccountThatUsesIt(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let first = try await harness.account()
        let second = try await harness.account()
        let now = harness.clock.now()
        try await harness.withClient { client in
            let event = try await client.createEvent(
                token: organizer.token, saleStartsAt: now.addingTimeInterval(86_400).formatted(.iso8601),
                extra: ["presales": [["name": "Radio", "kind": "code", "codes": ["ONE", "TWO"], "single_use": true,
                                      "starts_at": now.formatted(.iso8601), "ends_at": now.addingTimeInterval(3_600).formatted(.iso8601)]]])
            let id = try #require(event.string("event_id"))
            let seats = try await client.seatIDs(event: id)
            func hold(_ seat: Int, _ token: String, _ code: String) async throws -> APIResponse {
                try await client.call(.post, "/api/v1/reservations", token: token,
                                      body: ["event_id": id, "seat_ids": [seats[seat]], "presale_code": code])
            }
            #expect(try await hold(0, first.token, "one").status == .created)
            #expect(try await hold(1, second.token, "ONE").error == "PRESALE_CODE_INVALID", "another account's code")
            #expect(try await hold(2, first.token, "ONE").status == .created, "the owner may use it again")
            #expect(try await hold(3, second.token, "TWO").status == .created)
            #expect(try await client.seatIDs(event: id, status: "HELD").count == 3)
        }
    }

    @Test(arguments: Engine.available)
    func windowsAreValidatedAndBeforeAnyWindowTheSaleHasNotStarted(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let now = harness.clock.now()
        @Sendable func at(_ hours: Double) -> String { now.addingTimeInterval(hours * 3_600).formatted(.iso8601) }
        try await harness.withClient { client in
            let id = try #require(try await client.createEvent(token: organizer.token, saleStartsAt: at(5)).string("event_id"))
            let path = "/api/v1/events/\(id)"
            let cases: [(Any, String)] = [
                ([["name": "Fans", "kind": "code", "codes": ["A"], "starts_at": at(2), "ends_at": at(1)]], "presales[0].ends_at"),
                ([["name": "Fans", "kind": "code", "codes": [], "starts_at": at(1), "ends_at": at(2)]], "presales[0].codes"),
                ([["name": "Fans", "kind": "list", "emails": ["not-an-email"], "starts_at": at(1), "ends_at": at(2)]],
                 "presales[0].emails"),
                ([["name": "Fans", "kind": "code", "codes": ["A"], "starts_at": at(1), "ends_at": at(2), "max_tickets_per_user": 9]],
                 "presales[0].max_tickets_per_user"),
                ([["name": "Fans", "kind": "general", "starts_at": at(1), "ends_at": at(2)],
                  ["name": "fans", "kind": "general", "starts_at": at(2), "ends_at": at(3)]], "presales[1].name"),
            ]
            for (presales, field) in cases {
                let refused = try await client.call(.patch, path, token: organizer.token, body: ["presales": presales])
                #expect(refused.status == .unprocessableContent, "\(field)")
                #expect(refused.string("field") == field)
            }
            let badKind = try await client.call(.patch, path, token: organizer.token, body: ["presales": [
                ["name": "Fans", "kind": "lottery", "starts_at": at(1), "ends_at": at(2)]]])
            #expect(badKind.status.code / 100 == 4)
            #expect(try await client.call(.get, path).array("presales").isEmpty, "refused changes change nothing")

            let patched = try await client.call(.patch, path, token: organizer.token, body: ["presales": [
                ["name": "Fans", "kind": "code", "codes": ["A"], "starts_at": at(1), "ends_at": at(2)]]])
            #expect(patched.status == .ok)
            #expect(patched.string("status") == "SCHEDULED")
            let seats = try await client.seatIDs(event: id)
            let early = try await client.hold([seats[0]], event: id, token: buyer.token)
            #expect(early.status == .forbidden)
            #expect(early.error == "SALE_NOT_STARTED")
            harness.clock.advance(by: 3_600)
            #expect(try await client.hold([seats[0]], event: id, token: buyer.token).error == "PRESALE_REQUIRED")
        }
    }
}
