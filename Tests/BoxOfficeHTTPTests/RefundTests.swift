import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeServer
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Refunds through the built-in gateway: a buyer's own under the event's policy (its fee
/// kept), an organizer's of any order; the tickets void at the door and their places back
/// on sale; each refund paid out once however requests race or crash.
@Suite struct RefundTests {
    static var policy: [String: Any] { ["allowed": true, "until_hours_before_start": 24, "fee_percent": 10, "fee_fixed_cents": 100] }

    struct Sale: Sendable {
        let eventID: String
        let seats: [String]
        let reservationID: String
        let tickets: [(id: String, code: String)]
        let paymentID: String
    }

    /// An event (seats at 50.00) with `policy`, and `count` seats of it bought by `buyer`.
    func sale(_ client: any TestClientProtocol, count: Int, policy: [String: Any]? = RefundTests.policy, organizer: String,
              buyer: String) async throws -> Sale {
        let event = try await client.createEvent(token: organizer, extra: policy.map { ["refund_policy": $0] } ?? [:])
        let eventID = try #require(event.string("event_id"))
        let seats = Array(try await client.seatIDs(event: eventID).prefix(count))
        let reservationID = try #require(try await client.hold(seats, event: eventID, token: buyer).string("reservation_id"))
        let paid = try await client.confirm(reservationID, token: buyer)
        #expect(paid.status == .ok)
        let tickets = paid.array("tickets").map { ($0["ticket_id"] as? String ?? "", $0["qr_code"] as? String ?? "") }
        return Sale(eventID: eventID, seats: seats, reservationID: reservationID, tickets: tickets, paymentID: paid.string("payment_id") ?? "")
    }

    func refund(_ client: any TestClientProtocol, _ reservationID: String, token: String, body: [String: Any]? = nil,
                key: String? = nil) async throws -> APIResponse {
        try await client.call(.post, "/api/v1/reservations/\(reservationID)/refund", token: token, body: body,
                              headers: key.map { ["X-Idempotency-Key": $0] } ?? [:])
    }

    func gateway(_ harness: TestHarness) throws -> TestPaymentGateway {
        try #require(harness.system.payments as? TestPaymentGateway)
    }

    @Test(arguments: Engine.available) func aBuyerRefundsWithinThePolicyTheFeeIsKeptAndTheSeatIsBackOnSale(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let rival = try await harness.account()
        let scanner = try await harness.account(.scanner)
        try await harness.withClient { client in
            let sale = try await sale(client, count: 2, organizer: organizer.token, buyer: buyer.token)
            let event = try await client.call(.get, "/api/v1/events/\(sale.eventID)")
            let policy = event["refund_policy"] as? [String: Any]
            #expect(policy?["allowed"] as? Bool == true)
            #expect(policy?["deadline"] as? String == "2030-05-31T20:00:00Z")

            let first = try await refund(client, sale.reservationID, token: buyer.token, body: ["ticket_ids": [sale.tickets[0].id]])
            #expect(first.status == .created)
            #expect(first.string("status") == "SUCCEEDED")
            #expect(first.int("amount_cents") == 4_400, "50.00 less 10 % and 1.00")
            #expect(first.int("fee_cents") == 600)
            #expect(first.string("currency") == "usd")
            #expect(first["ticket_ids"] as? [String] == [sale.tickets[0].id])

            let ticket = try await client.call(.get, "/api/v1/tickets/\(sale.tickets[0].id)", token: buyer.token)
            #expect(ticket.string("status") == "REFUNDED")
            let scan = try await client.call(.post, "/api/v1/checkin", token: scanner.token,
                                             body: ["qr_code": sale.tickets[0].code, "event_id": sale.eventID])
            #expect(scan.string("result") == "VOIDED")
            let list = try await client.call(.get, "/api/v1/events/\(sale.eventID)/checkin-list", token: scanner.token)
            #expect((list["voided"] as? [String] ?? []).contains(sale.tickets[0].id), "offline doors learn it")
            #expect(try await client.seatIDs(event: sale.eventID, status: "AVAILABLE").contains(sale.seats[0]))
            #expect(try await client.hold([sale.seats[0]], event: sale.eventID, token: rival.token).status == .created)

            // The rest (an empty body: every ticket left), then nothing is left.
            let rest = try await refund(client, sale.reservationID, token: buyer.token)
            #expect(rest.status == .created)
            #expect(rest["ticket_ids"] as? [String] == [sale.tickets[1].id])
            #expect(rest.int("amount_cents") == 4_400)
            let again = try await refund(client, sale.reservationID, token: buyer.token)
            #expect(again.status == .conflict)
            #expect(again.error == "TICKET_NOT_REFUNDABLE")

            let refunds = try await client.call(.get, "/api/v1/reservations/\(sale.reservationID)/refunds", token: buyer.token)
            #expect(refunds.array("refunds").count == 2)
            #expect(try await client.call(.get, "/api/v1/reservations/\(sale.reservationID)/refunds", token: organizer.token).status == .ok)
            #expect(try await client.call(.get, "/api/v1/reservations/\(sale.reservationID)/refunds", token: rival.token).status == .notFound)
            #expect(try gateway(harness).refunded(paymentID: sale.paymentID) == 8_800)
        }
    }

    @Test(arguments: Engine.available) func whoMayRefundAndWhen(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let otherOrganizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let rival = try await harness.account()
        try await harness.withClient { client in
            let closed = try await sale(client, count: 2, policy: nil, organizer: organizer.token, buyer: buyer.token)
            let refused = try await refund(client, closed.reservationID, token: buyer.token)
            #expect(refused.status == .forbidden)
            #expect(refused.error == "REFUND_NOT_ALLOWED")
            #expect(try await refund(client, closed.reservationID, token: rival.token).status == .notFound)
            #expect(try await refund(client, closed.reservationID, token: otherOrganizer.token).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/tickets/\(closed.tickets[0].id)", token: buyer.token).string("status") == "ACTIVE",
                    "a refused refund changes nothing")

            // The organizer refunds in full whatever the policy says, with a reason.
            let byOrganizer = try await refund(client, closed.reservationID, token: organizer.token,
                                               body: ["ticket_ids": [closed.tickets[1].id], "reason": "Seat blocked by a camera"])
            #expect(byOrganizer.status == .created)
            #expect(byOrganizer.int("amount_cents") == 5_000)
            #expect(byOrganizer.int("fee_cents") == 0)
            #expect(byOrganizer.string("reason") == "Seat blocked by a camera")

            // Past the policy's deadline the buyer is told when it closed.
            let open = try await sale(client, count: 1, organizer: organizer.token, buyer: buyer.token)
            let patched = try await client.call(.patch, "/api/v1/events/\(open.eventID)", token: organizer.token,
                                                body: ["refund_policy": ["allowed": true, "until_hours_before_start": 2_000]])
            #expect(patched.status == .ok)
            #expect((patched["refund_policy"] as? [String: Any])?["until_hours_before_start"] as? Int == 2_000)
            let late = try await refund(client, open.reservationID, token: buyer.token)
            #expect(late.status == .forbidden)
            #expect(late.error == "REFUND_NOT_ALLOWED")
            #expect(late.string("deadline") != nil)
        }
    }

    @Test(arguments: Engine.available) func badRefundRequestsChangeNothing(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let sale = try await sale(client, count: 1, organizer: organizer.token, buyer: buyer.token)
            let other = try await self.sale(client, count: 1, organizer: organizer.token, buyer: buyer.token)
            let cases: [([String: Any], String)] = [
                (["ticket_ids": [other.tickets[0].id]], "VALIDATION_ERROR"),
                (["ticket_ids": ["not-a-ticket"]], "VALIDATION_ERROR"),
                (["ticket_ids": [String]()], "VALIDATION_ERROR"),
                (["tickets": [sale.tickets[0].id]], "VALIDATION_ERROR"),
            ]
            for (body, code) in cases {
                let answer = try await refund(client, sale.reservationID, token: buyer.token, body: body)
                #expect(answer.status == .unprocessableContent, "\(body)")
                #expect(answer.error == code, "\(body): \(answer.text)")
            }
            let broken = try await client.call(.post, "/api/v1/reservations/\(sale.reservationID)/refund", token: buyer.token, body: "{oops")
            #expect(broken.status == .badRequest)
            let held = try #require(try await client.hold(Array(try await client.seatIDs(event: sale.eventID, status: "AVAILABLE").prefix(1)),
                                                          event: sale.eventID, token: buyer.token).string("reservation_id"))
            #expect(try await refund(client, held, token: buyer.token).status == .conflict)
            #expect(try await client.call(.get, "/api/v1/reservations/\(sale.reservationID)/refunds", token: buyer.token)
                .array("refunds").isEmpty)
            #expect(try await client.call(.get, "/api/v1/tickets/\(sale.tickets[0].id)", token: buyer.token).string("status") == "ACTIVE")
        }
    }

    /// Fifty refunds of the same tickets at once make one refund; the same key again is
    /// the same refund; a key reused for other tickets is refused.
    @Test(arguments: Engine.available) func fiftyRacingRefundsRefundOnce(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let sale = try await sale(client, count: 3, organizer: organizer.token, buyer: buyer.token)
            let ticketIDs = [sale.tickets[0].id, sale.tickets[1].id]
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        Int(try await refund(client, sale.reservationID, token: buyer.token, body: ["ticket_ids": ticketIDs]).status.code)
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == 49)
            #expect(try gateway(harness).refundsMade == 1)
            #expect(try gateway(harness).refunded(paymentID: sale.paymentID) == 8_800)

            let keyed = try await refund(client, sale.reservationID, token: buyer.token, body: ["ticket_ids": [sale.tickets[2].id]], key: "r-1")
            let replay = try await refund(client, sale.reservationID, token: buyer.token, body: ["ticket_ids": [sale.tickets[2].id]], key: "r-1")
            #expect(keyed.status == .created)
            #expect(replay.status == .created)
            #expect(replay.string("refund_id") == keyed.string("refund_id"))
            let reused = try await refund(client, sale.reservationID, token: buyer.token, body: ["ticket_ids": [sale.tickets[0].id]], key: "r-1")
            #expect(reused.error == "IDEMPOTENCY_KEY_REUSED")
            #expect(try gateway(harness).refundsMade == 2)
        }
    }

    /// The control: without the check inside the refund's transaction, the same race
    /// refunds the same tickets several times (the service's own check, made before the
    /// transaction, lets them all through).
    @Test(arguments: Engine.available) func withoutTheGuardRacingRefundsRefundTwice(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        harness.hooks.disableRefundGuardForTesting()
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let sale = try await sale(client, count: 2, organizer: organizer.token, buyer: buyer.token)
            let ticketIDs = sale.tickets.map(\.id)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        Int(try await refund(client, sale.reservationID, token: buyer.token, body: ["ticket_ids": ticketIDs]).status.code)
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count > 1, "the race shows without the guard")
            let recorded = try await harness.system.store.refunds(reservationID: try #require(UUID(uuidString: sale.reservationID)))
            #expect(recorded.count > 1, "the same tickets refunded more than once (only the test gateway's cap on the charge stopped the money)")
        }
    }

    /// A refund racing twenty buyers who want its seat: the seat goes to at most one of
    /// them, and only after the refund is committed.
    @Test(arguments: Engine.available) func aRefundRacingHoldsForItsSeatNeverOversells(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let rivals = try await harness.buyers(20)
        try await harness.withClient { client in
            let sale = try await sale(client, count: 1, organizer: organizer.token, buyer: buyer.token)
            let results = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                group.addTask { ("refund", Int(try await refund(client, sale.reservationID, token: buyer.token).status.code)) }
                for rival in rivals {
                    group.addTask { ("hold", Int(try await client.hold(sale.seats, event: sale.eventID, token: rival.token).status.code)) }
                }
                return try await group.reduce(into: [(String, Int)]()) { $0.append($1) }
            }
            #expect(results.filter { $0.0 == "refund" }.map(\.1) == [201])
            #expect(results.filter { $0 == ("hold", 201) }.count <= 1)
            let eventID = try #require(UUID(uuidString: sale.eventID))
            let audit = try #require(try await harness.system.store.auditRecord(eventID: eventID))
            #expect(InventoryAudit.violations(of: audit, publicKeys: harness.system.keyring.publicKeys, now: harness.clock.now()) == [])
            let seat = try await client.call(.get, "/api/v1/events/\(sale.eventID)/seats")
            let states = seat.array("sections").flatMap { $0["seats"] as? [[String: Any]] ?? [] }.filter { $0["seat_id"] as? String == sale.seats[0] }
            #expect(states.count == 1)
            #expect(["AVAILABLE", "HELD"].contains(states.first?["status"] as? String ?? ""))
        }
    }

    /// The server died after recording a refund, before the provider was asked: the
    /// restarted server pays it out, once.
    @Test(arguments: Engine.available) func aRefundInterruptedBeforeItsPayoutIsPaidOutOnceAfterARestart(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let sold = try await harness.withClient { client in try await self.sale(client, count: 2, organizer: organizer.token, buyer: buyer.token) }
        let reservationID = try #require(UUID(uuidString: sold.reservationID))
        let recorded = Refund(reservationID: reservationID, eventID: try #require(UUID(uuidString: sold.eventID)),
                              ticketIDs: sold.tickets.map { UUID(uuidString: $0.id)! }, amountCents: 10_000, feeCents: 0, currency: "usd",
                              requestedBy: buyer.id, createdAt: harness.clock.now())
        _ = try await harness.system.store.recordRefund(recorded, returnToSale: true, now: harness.clock.now())

        let restarted = try await harness.restarted()
        #expect(try await restarted.system.refunds.settleUnfinishedRefunds() == 0, "too early: the request may still be running")
        harness.clock.advance(by: RefundService.retryAfter + 1)
        #expect(try await restarted.system.refunds.settleUnfinishedRefunds() == 1)
        #expect(try await restarted.system.refunds.settleUnfinishedRefunds() == 0)
        try await restarted.withClient { client in
            let refunds = try await client.call(.get, "/api/v1/reservations/\(sold.reservationID)/refunds", token: buyer.token).array("refunds")
            #expect(refunds.count == 1)
            #expect(refunds.first?["status"] as? String == "SUCCEEDED")
            #expect(Set(try await client.seatIDs(event: sold.eventID, status: "AVAILABLE")).isSuperset(of: sold.seats))
        }
        #expect(try gateway(restarted).refundsMade == 1)
    }
}
