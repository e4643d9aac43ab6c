import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeServer
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A cancelled event stops selling at once and every order is refunded in full; the
/// organizer's sales report and the audit say where the money went.
@Suite struct CancellationTests {
    @Test(arguments: Engine.available) func aCancelledEventStopsSellingAndRefundsEveryOrder(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let otherOrganizer = try await harness.account(.organizer)
        let buyers = try await harness.buyers(3)
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token, gaCapacity: 100).string("event_id"))
            let event = try await client.call(.get, "/api/v1/events/\(eventID)")
            let floor = try #require(sectionID(event, kind: "general_admission"))
            let seats = try await client.seatIDs(event: eventID)
            var reservations: [String] = []
            for (index, buyer) in buyers.prefix(2).enumerated() {
                let held = try #require(try await client.hold([seats[index]], event: eventID, token: buyer.token).string("reservation_id"))
                #expect(try await client.confirm(held, token: buyer.token).status == .ok)
                reservations.append(held)
            }
            let ga = try #require(try await client.holdGA(3, section: floor, event: eventID, token: buyers[0].token).string("reservation_id"))
            #expect(try await client.confirm(ga, token: buyers[0].token).status == .ok)
            reservations.append(ga)
            let waiting = try #require(try await client.hold([seats[5]], event: eventID, token: buyers[2].token).string("reservation_id"))

            #expect(try await client.call(.post, "/api/v1/events/\(eventID)/cancel", token: buyers[0].token, body: [:]).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/events/\(eventID)/cancel", token: otherOrganizer.token, body: [:]).status == .forbidden)
            let cancelled = try await client.call(.post, "/api/v1/events/\(eventID)/cancel", token: organizer.token,
                                                  body: ["reason": "The band broke up"])
            #expect(cancelled.status == .ok)
            #expect(cancelled.string("status") == "CANCELLED")
            #expect(cancelled.string("cancellation_reason") == "The band broke up")

            let hold = try await client.hold([seats[9]], event: eventID, token: buyers[2].token)
            #expect(hold.status == .conflict)
            #expect(hold.error == "EVENT_CANCELLED")
            #expect(try await client.confirm(waiting, token: buyers[2].token).error == "EVENT_CANCELLED")

            #expect(try await harness.system.refunds.refundCancelledEvents() == 3)
            #expect(try await harness.system.refunds.refundCancelledEvents() == 0, "each order once")
            let after = try await client.call(.get, "/api/v1/events/\(eventID)")
            #expect(after.string("status") == "CANCELLED")
            let refunds = after["refunds"] as? [String: Any]
            #expect(refunds?["total"] as? Int == 3)
            #expect(refunds?["succeeded"] as? Int == 3)
            #expect(refunds?["failed"] as? Int == 0)
            #expect(refunds?["pending"] as? Int == 0)
            for buyer in buyers.prefix(2) {
                let tickets = try await client.call(.get, "/api/v1/me/tickets", token: buyer.token).array("tickets")
                #expect(!tickets.isEmpty)
                #expect(tickets.allSatisfy { $0["status"] as? String == "REFUNDED" })
            }
            let full = try await client.call(.get, "/api/v1/reservations/\(ga)/refunds", token: buyers[0].token).array("refunds")
            #expect(full.first?["amount_cents"] as? Int == 9_000)
            #expect(full.first?["fee_cents"] as? Int == 0)

            // Cancelling again changes nothing.
            #expect(try await client.call(.post, "/api/v1/events/\(eventID)/cancel", token: organizer.token).string("status") == "CANCELLED")

            let sales = try await client.call(.get, "/api/v1/events/\(eventID)/sales", token: organizer.token)
            #expect(sales.status == .ok)
            #expect(sales.int("gross_cents") == 19_000)
            #expect(sales.int("refunds_cents") == 19_000)
            #expect(sales.int("net_cents") == 0)
            #expect(sales.int("tickets_sold") == 5)
            #expect(sales.int("tickets_refunded") == 5)
            #expect(try await client.call(.get, "/api/v1/events/\(eventID)/sales", token: buyers[0].token).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/events/\(eventID)/sales", token: otherOrganizer.token).status == .forbidden)

            let record = try #require(try await harness.system.store.auditRecord(eventID: UUID(uuidString: eventID)!))
            let all = try await harness.system.store.refunds(eventID: UUID(uuidString: eventID)!)
            #expect(MoneyAudit.violations(confirmed: record.confirmed, tickets: record.tickets, refunds: all) == [])
            #expect(InventoryAudit.violations(of: record, publicKeys: harness.system.keyring.publicKeys, now: harness.clock.now()) == [])
        }
    }

    @Test(arguments: Engine.available) func theSalesReportAndTheAuditFollowAPartialRefund(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let rival = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(
                token: organizer.token,
                extra: ["refund_policy": ["allowed": true, "fee_percent": 10]]).string("event_id"))
            let seats = try await client.seatIDs(event: eventID)
            let held = try #require(try await client.hold(Array(seats.prefix(3)), event: eventID, token: buyer.token).string("reservation_id"))
            let tickets = try await client.confirm(held, token: buyer.token).array("tickets").compactMap { $0["ticket_id"] as? String }
            let refund = try await client.call(.post, "/api/v1/reservations/\(held)/refund", token: buyer.token, body: ["ticket_ids": [tickets[0]]])
            #expect(refund.int("amount_cents") == 4_500)
            // The refunded seat sells again: the audit must not see it as sold twice.
            let resold = try #require(try await client.hold([seats[0]], event: eventID, token: rival.token).string("reservation_id"))
            #expect(try await client.confirm(resold, token: rival.token).status == .ok)

            let sales = try await client.call(.get, "/api/v1/events/\(eventID)/sales", token: organizer.token)
            #expect(sales.int("gross_cents") == 20_000)
            #expect(sales.int("refunds_cents") == 4_500)
            #expect(sales.int("fees_kept_cents") == 500)
            #expect(sales.int("net_cents") == 15_500)
            #expect(sales.int("orders_confirmed") == 2)
            #expect(sales.string("currency") == "usd")
            let stalls = sales.array("sections").first { $0["name"] as? String == "Stalls" }
            #expect(stalls?["tickets_sold"] as? Int == 4)
            #expect(stalls?["tickets_refunded"] as? Int == 1)

            let id = try #require(UUID(uuidString: eventID))
            let record = try #require(try await harness.system.store.auditRecord(eventID: id))
            let refunds = try await harness.system.store.refunds(eventID: id)
            #expect(MoneyAudit.violations(confirmed: record.confirmed, tickets: record.tickets, refunds: refunds) == [])
            #expect(InventoryAudit.violations(of: record, publicKeys: harness.system.keyring.publicKeys, now: harness.clock.now()) == [])

            // A ticket marked REFUNDED behind the refunds' back is caught.
            try await harness.hooks.executeForTesting("UPDATE tickets SET status = 'REFUNDED' WHERE ticket_id = '\(tickets[1])'")
            let tampered = try #require(try await harness.system.store.auditRecord(eventID: id))
            let found = MoneyAudit.violations(confirmed: tampered.confirmed, tickets: tampered.tickets, refunds: refunds)
            #expect(found.contains { $0.contains("REFUNDED without a refund") }, "\(found)")
        }
    }
}
