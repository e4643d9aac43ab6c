import BoxOfficeApp
import BoxOfficeCore
import BoxOfficePayments
import BoxOfficeServer
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing

/// Purchases through the Stripe adapter against localstripe: one PaymentIntent per
/// purchase, in the event's currency, recorded before it is charged; declines release the
/// places; a crash at any step of the payment is finished by the settler without a second
/// charge; a provider that hangs or answers nonsense leaves nothing half-done.
@Suite(.enabled(if: LocalStripe.isAvailable, LocalStripe.skipNote))
struct StripePaymentTests {
    func harness(_ engine: Engine, logs: LogCapture? = nil) async throws -> TestHarness {
        try await TestHarness.make(engine: engine, payments: LocalStripe.provider(), logs: logs)
    }

    /// An event in euros with two rows of ten seats at 50.00, and a hold on `count` of them.
    func heldInEuros(_ client: any TestClientProtocol, _ count: Int, organizer: String, buyer: String) async throws
        -> (eventID: String, seats: [String], reservationID: String) {
        let event = try await client.createEvent(token: organizer, extra: ["currency": "EUR"])
        #expect(event.string("currency") == "eur", "stored lower case")
        let eventID = try #require(event.string("event_id"))
        let seats = Array(try await client.seatIDs(event: eventID).prefix(count))
        let reservationID = try #require(try await client.hold(seats, event: eventID, token: buyer).string("reservation_id"))
        return (eventID, seats, reservationID)
    }

    @Test(arguments: Engine.available) func aPurchaseIsOneSucceededIntentInTheEventsCurrency(_ engine: Engine) async throws {
        let harness = try await harness(engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let (eventID, _, reservationID) = try await heldInEuros(client, 2, organizer: organizer.token, buyer: buyer.token)
            let confirm = { () async throws -> APIResponse in
                try await client.call(.post, "/api/v1/reservations/\(reservationID)/confirm", token: buyer.token,
                                      body: ["payment_method_id": "pm_card_visa"], headers: ["X-Idempotency-Key": "pay-1"])
            }
            let paid = try await confirm()
            #expect(paid.status == .ok)
            #expect(paid.string("status") == "CONFIRMED")
            #expect(paid.array("tickets").count == 2)
            let paymentID = try #require(paid.string("payment_id"))
            #expect(paymentID.hasPrefix("pi_"))

            let intent = try await LocalStripe.get("/v1/payment_intents/\(paymentID)")
            #expect(intent["status"] as? String == "succeeded")
            #expect(intent["amount"] as? Int == 10_000)
            #expect(intent["currency"] as? String == "eur")
            let metadata = intent["metadata"] as? [String: Any]
            #expect(metadata?["reservation_id"] as? String == reservationID)
            #expect(metadata?["event_id"] as? String == eventID)

            // A retry after a lost answer is the same purchase, not a second payment.
            let again = try await confirm()
            #expect(again.status == .ok)
            #expect(Set(again.array("tickets").compactMap { $0["ticket_id"] as? String })
                == Set(paid.array("tickets").compactMap { $0["ticket_id"] as? String }))
            #expect(try await LocalStripe.intents(ofReservation: reservationID).count == 1)
            #expect(try await LocalStripe.charges(ofIntent: paymentID).count == 1)
        }
    }

    @Test(arguments: Engine.available) func aDeclineOrAnUnknownCardReleasesThePlacesAndSaysWhy(_ engine: Engine) async throws {
        let harness = try await harness(engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            for (card, code) in [("pm_card_chargeCustomerFail", "card_declined"), ("pm_card_noSuchCard", "resource_missing")] {
                let (eventID, seats, reservationID) = try await heldInEuros(client, 1, organizer: organizer.token, buyer: buyer.token)
                let declined = try await client.confirm(reservationID, token: buyer.token, card: card)
                #expect(declined.status.code == 402, "\(card)")
                #expect(declined.error == "PAYMENT_FAILED")
                #expect(declined.string("decline_code") == code, "\(card): \(declined.text)")
                #expect(!(declined.string("decline_message") ?? "").isEmpty)
                let reservation = try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: buyer.token)
                #expect(reservation.string("status") == "CANCELLED")
                #expect(Set(try await client.seatIDs(event: eventID, status: "AVAILABLE")).isSuperset(of: seats))
                #expect(try await client.call(.get, "/api/v1/me/tickets", token: buyer.token).array("tickets").isEmpty)
            }
        }
    }

    /// The server died after the intent was created and recorded, before it was
    /// confirmed: the restarted server confirms it, once.
    @Test(arguments: Engine.available) func aPaymentInterruptedBeforeItsChargeIsChargedOnceAfterARestart(_ engine: Engine) async throws {
        try await interruptedPayment(engine, charged: false)
    }

    /// The server died after the charge succeeded, before CONFIRMED was committed: the
    /// restarted server finds the charge and issues the tickets, charging nothing more.
    @Test(arguments: Engine.available) func aPaymentInterruptedAfterItsChargeGetsItsTicketsAfterARestart(_ engine: Engine) async throws {
        try await interruptedPayment(engine, charged: true)
    }

    func interruptedPayment(_ engine: Engine, charged: Bool) async throws {
        let harness = try await harness(engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let (eventID, seats, reservationID) = try await harness.withClient { client in
            try await heldInEuros(client, 2, organizer: organizer.token, buyer: buyer.token)
        }
        // What the confirm had done when the server died.
        let id = try #require(UUID(uuidString: reservationID))
        let request = ChargeRequest(amountCents: 10_000, currency: "eur", paymentMethodID: "pm_card_visa",
                                    idempotencyKey: "boxoffice-reservation-\(reservationID)-pm_card_visa",
                                    description: "test", reservationID: id, eventID: UUID(uuidString: eventID))
        guard case let .ready(paymentID) = try await harness.system.payments.prepare(request) else {
            Issue.record("localstripe refused the intent")
            return
        }
        _ = try await harness.system.store.beginPayment(reservationID: id, paymentMethodID: "pm_card_visa", paymentID: paymentID,
                                                        confirmKey: nil, now: harness.clock.now())
        if charged {
            #expect(try await harness.system.payments.confirm(paymentID: paymentID, request) == .succeeded(paymentID: paymentID))
        }

        let restarted = try await harness.restarted()
        #expect(try await restarted.system.booking.settleUnfinishedPayments() == 0, "too early: the confirm may still be running")
        harness.clock.advance(by: BookingService.paymentSettleAfter + 1)
        #expect(try await restarted.system.booking.settleUnfinishedPayments() == 1)
        try await restarted.withClient { client in
            let settled = try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: buyer.token)
            #expect(settled.string("status") == "CONFIRMED")
            #expect(try await client.call(.get, "/api/v1/me/tickets", token: buyer.token).array("tickets").count == 2)
            #expect(Set(try await client.seatIDs(event: eventID, status: "SOLD")) == Set(seats))
        }
        #expect(try await restarted.system.booking.settleUnfinishedPayments() == 0)
        #expect(try await LocalStripe.get("/v1/payment_intents/\(paymentID)")["status"] as? String == "succeeded")
        #expect(try await LocalStripe.intents(ofReservation: reservationID).count == 1)
        #expect(try await LocalStripe.charges(ofIntent: paymentID).count == 1)
    }

    /// Refunds go back through Stripe against the purchase's intent, each once: a refund
    /// the server died after sending is found by its id in the intent's refunds, not sent again.
    @Test(arguments: Engine.available) func refundsGoBackThroughStripeOnceEvenAcrossACrash(_ engine: Engine) async throws {
        let harness = try await harness(engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let (reservationID, paymentID, tickets) = try await harness.withClient { client in
            let (_, _, reservationID) = try await heldInEuros(client, 2, organizer: organizer.token, buyer: buyer.token)
            let paid = try await client.confirm(reservationID, token: buyer.token)
            let paymentID = try #require(paid.string("payment_id"))
            let tickets = paid.array("tickets").compactMap { $0["ticket_id"] as? String }
            let refund = try await client.call(.post, "/api/v1/reservations/\(reservationID)/refund", token: organizer.token,
                                               body: ["ticket_ids": [tickets[0]], "reason": "Stage moved"])
            #expect(refund.status == .created)
            #expect(refund.string("status") == "SUCCEEDED")
            #expect(refund.string("currency") == "eur")
            let made = try await LocalStripe.get("/v1/refunds?payment_intent=\(paymentID)&limit=100")["data"] as? [[String: Any]] ?? []
            #expect(made.count == 1)
            #expect(made.first?["amount"] as? Int == 5_000)
            #expect((made.first?["metadata"] as? [String: Any])?["boxoffice_refund_id"] as? String == refund.string("refund_id"))
            return (reservationID, paymentID, tickets)
        }

        // The second ticket's refund was recorded and sent; the answer never got written.
        let recorded = Refund(reservationID: UUID(uuidString: reservationID)!, eventID: try #require(
            try await harness.system.store.reservation(id: UUID(uuidString: reservationID)!)?.eventID),
                              ticketIDs: [UUID(uuidString: tickets[1])!], amountCents: 5_000, feeCents: 0, currency: "eur",
                              requestedBy: organizer.id, createdAt: harness.clock.now())
        _ = try await harness.system.store.recordRefund(recorded, returnToSale: true, now: harness.clock.now())
        let sent = try await harness.system.payments.refund(RefundRequest(paymentID: paymentID, amountCents: 5_000, currency: "eur",
                                                                          refundID: recorded.id, reservationID: recorded.reservationID))
        guard case .succeeded = sent else { Issue.record("localstripe refused the refund: \(sent)"); return }

        let restarted = try await harness.restarted()
        harness.clock.advance(by: RefundService.retryAfter + 1)
        #expect(try await restarted.system.refunds.settleUnfinishedRefunds() == 1)
        #expect(try await restarted.system.store.refund(id: recorded.id)?.status == .succeeded)
        let made = try await LocalStripe.get("/v1/refunds?payment_intent=\(paymentID)&limit=100")["data"] as? [[String: Any]] ?? []
        #expect(made.count == 2, "the interrupted refund was found, not made again")
        #expect(made.compactMap { $0["amount"] as? Int }.reduce(0, +) == 10_000, "never more than was charged")
    }

    /// A refund the provider refuses is FAILED, says why, and is retried until it succeeds.
    @Test(arguments: Engine.available) func aRefusedRefundIsVisibleAndRetried(_ engine: Engine) async throws {
        try await StubProvider.with { stub in
            let harness = try await TestHarness.make(engine: engine, payments: LocalStripe.provider(timeout: .seconds(5), apiBase: stub.base))
            let organizer = try await harness.account(.organizer)
            let buyer = try await harness.account()
            try await harness.withClient { client in
                let (eventID, _, reservationID) = try await client.heldSeats(1, organizer: organizer.token, buyer: buyer.token)
                #expect(try await client.confirm(reservationID, token: buyer.token).status == .ok)
                stub.refuseRefunds = true
                let refused = try await client.call(.post, "/api/v1/reservations/\(reservationID)/refund", token: organizer.token, body: [:])
                #expect(refused.status == .created)
                #expect(refused.string("status") == "FAILED")
                #expect(refused.string("failure_message") == "Refunds are switched off for this account.")
                let event = try await client.call(.get, "/api/v1/events/\(eventID)/sales", token: organizer.token)
                #expect((event["refunds"] as? [String: Any])?["failed"] as? Int == 1, "the organizer sees it")

                stub.refuseRefunds = false
                harness.clock.advance(by: RefundService.retryAfter + 1)
                #expect(try await harness.system.refunds.settleUnfinishedRefunds() == 1)
                let refunds = try await client.call(.get, "/api/v1/reservations/\(reservationID)/refunds", token: buyer.token).array("refunds")
                #expect(refunds.count == 1)
                #expect(refunds.first?["status"] as? String == "SUCCEEDED")
            }
        }
    }

    /// An amount or currency the provider refuses is a decline with its code: nothing
    /// charged, the places released.
    @Test(arguments: Engine.available) func anAmountTheProviderRefusesIsADecline(_ engine: Engine) async throws {
        try await StubProvider.with { stub in
            stub.mode = .refuseAmount
            let harness = try await TestHarness.make(engine: engine, payments: LocalStripe.provider(timeout: .seconds(5), apiBase: stub.base))
            let organizer = try await harness.account(.organizer)
            let buyer = try await harness.account()
            try await harness.withClient { client in
                let (eventID, seats, reservationID) = try await client.heldSeats(1, organizer: organizer.token, buyer: buyer.token)
                let refused = try await client.confirm(reservationID, token: buyer.token)
                #expect(refused.status.code == 402)
                #expect(refused.string("decline_code") == "amount_too_small")
                #expect(refused.string("decline_message") == "Amount must be at least 0.50 eur.")
                #expect(try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: buyer.token).string("status") == "CANCELLED")
                #expect(Set(try await client.seatIDs(event: eventID, status: "AVAILABLE")).isSuperset(of: seats))
                #expect(stub.confirms == 0, "nothing was confirmed")
            }
        }
    }

    /// Free places are never sent to the provider (Stripe refuses an amount of zero).
    @Test(arguments: Engine.available) func freePlacesNeedNoPayment(_ engine: Engine) async throws {
        let harness = try await harness(engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let event = try await client.call(.post, "/api/v1/events", token: organizer.token, body: [
                "title": "Free Gig", "artist": "Anyone", "category": "concert", "venue": ["name": "Park", "city": "Town"],
                "starts_at": "2030-06-01T20:00:00Z",
                "sections": [["name": "Lawn", "price_cents": 0, "kind": "general_admission", "capacity": 50]]])
            let eventID = try #require(event.string("event_id"))
            let section = try #require(sectionID(event, kind: "general_admission"))
            let reservationID = try #require(try await client.holdGA(2, section: section, event: eventID, token: buyer.token).string("reservation_id"))
            let paid = try await client.confirm(reservationID, token: buyer.token)
            #expect(paid.status == .ok)
            #expect(paid.array("tickets").count == 2)
            #expect(try await LocalStripe.intents(ofReservation: reservationID).isEmpty)
            let refund = try await client.call(.post, "/api/v1/reservations/\(reservationID)/refund", token: organizer.token, body: [:])
            #expect(refund.string("status") == "SUCCEEDED")
            #expect(refund.int("amount_cents") == 0)
        }
    }

    /// A provider that never answers: the confirm gives up after the timeout with 502 and
    /// nothing changed (no payment was begun, so the hold stands and may be confirmed again).
    @Test(arguments: Engine.available) func aProviderThatHangsChangesNothing(_ engine: Engine) async throws {
        try await StubProvider.with { stub in
            stub.mode = .hang
            let logs = LogCapture()
            let harness = try await TestHarness.make(engine: engine, payments: LocalStripe.provider(timeout: .milliseconds(500), apiBase: stub.base),
                                                     logs: logs)
            let organizer = try await harness.account(.organizer)
            let buyer = try await harness.account()
            try await harness.withClient { client in
                let (eventID, seats, reservationID) = try await client.heldSeats(2, organizer: organizer.token, buyer: buyer.token)
                let answer = try await client.confirm(reservationID, token: buyer.token)
                #expect(answer.status == .badGateway)
                #expect(answer.error == "PAYMENT_UNCONFIRMED")
                #expect(answer.string("status") == "HELD")
                let reservation = try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: buyer.token)
                #expect(reservation.string("status") == "HELD")
                #expect(Set(try await client.seatIDs(event: eventID, status: "HELD")) == Set(seats))
                #expect(!answer.text.contains(LocalStripe.secretKey))
            }
            #expect(!logs.text.isEmpty)
            #expect(!logs.text.contains(LocalStripe.secretKey), "the secret key is never logged")
        }
    }

    /// A provider that answers the charge with something that is not JSON: 502, the
    /// places kept under PAYMENT_PENDING, and the settler finishes it once the provider
    /// answers properly; the key is in no answer and no log line.
    @Test(arguments: Engine.available) func aProviderAnsweringGarbageIsAskedAgainLater(_ engine: Engine) async throws {
        try await StubProvider.with { stub in
            stub.mode = .garbageConfirm
            let logs = LogCapture()
            let harness = try await TestHarness.make(engine: engine, payments: LocalStripe.provider(timeout: .seconds(5), apiBase: stub.base),
                                                     logs: logs)
            let organizer = try await harness.account(.organizer)
            let buyer = try await harness.account()
            try await harness.withClient { client in
                let (eventID, seats, reservationID) = try await client.heldSeats(2, organizer: organizer.token, buyer: buyer.token)
                let answer = try await client.confirm(reservationID, token: buyer.token)
                #expect(answer.status == .badGateway)
                #expect(answer.error == "PAYMENT_UNCONFIRMED")
                #expect(answer.string("status") == "PAYMENT_PENDING")
                let pending = try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: buyer.token)
                #expect(pending.string("status") == "PAYMENT_PENDING")

                stub.mode = .succeed
                harness.clock.advance(by: BookingService.paymentSettleAfter + 1)
                #expect(try await harness.system.booking.settleUnfinishedPayments() == 1)
                let settled = try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: buyer.token)
                #expect(settled.string("status") == "CONFIRMED")
                #expect(Set(try await client.seatIDs(event: eventID, status: "SOLD")) == Set(seats))
                #expect(stub.confirms == 2, "the settler asked the recorded intent again")
            }
            #expect(stub.sawKey, "the stub was called with the key")
            #expect(!logs.text.contains(LocalStripe.secretKey), "the secret key is never logged")
        }
    }
}

/// A fake payment provider that misbehaves on purpose: it hangs, or answers the confirm
/// with HTML, or behaves.
final class StubProvider: Sendable {
    enum Mode { case hang, garbageConfirm, refuseAmount, succeed }
    static let intentID = "pi_stub_0001"

    private let state = Mutex<(mode: Mode, confirms: Int, sawKey: Bool, refuseRefunds: Bool)>((.succeed, 0, false, false))
    let base: String

    var mode: Mode {
        get { state.withLock { $0.mode } }
        set { state.withLock { $0.mode = newValue } }
    }
    var confirms: Int { state.withLock { $0.confirms } }
    var refuseRefunds: Bool {
        get { state.withLock { $0.refuseRefunds } }
        set { state.withLock { $0.refuseRefunds = newValue } }
    }
    var sawKey: Bool { state.withLock { $0.sawKey } }

    init(base: String) { self.base = base }

    static func with(_ body: @Sendable (StubProvider) async throws -> Void) async throws {
        let port = Mutex<Int?>(nil)
        let stub = Mutex<StubProvider?>(nil)
        let router = Router()
        let handle: @Sendable (Request, Bool) async throws -> Response = { request, isConfirm in
            let provider = try #require(stub.withLock { $0 })
            let mode = provider.state.withLock { state in
                if isConfirm { state.confirms += 1 }
                if request.headers[.authorization] == "Bearer \(LocalStripe.secretKey)" { state.sawKey = true }
                return state.mode
            }
            switch mode {
            case .hang:
                try await Task.sleep(for: .seconds(5))
                return Response(status: .serviceUnavailable)
            case .refuseAmount where !isConfirm:
                return Response(status: .badRequest, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(
                    string: #"{"error":{"type":"invalid_request_error","code":"amount_too_small","message":"Amount must be at least 0.50 eur."}}"#)))
            case .garbageConfirm where isConfirm:
                return Response(status: .ok, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: "<html>oops</html>")))
            default:
                let status = isConfirm ? "succeeded" : "requires_confirmation"
                return Response(status: .ok, headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(string: #"{"id":"\#(intentID)","object":"payment_intent","status":"\#(status)"}"#)))
            }
        }
        router.get("/v1/refunds") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"object":"list","data":[]}"#)))
        }
        router.post("/v1/refunds") { _, _ in
            let refuse = try #require(stub.withLock { $0 }).refuseRefunds
            return refuse
                ? Response(status: .badRequest, headers: [.contentType: "application/json"],
                           body: .init(byteBuffer: ByteBuffer(string: #"{"error":{"type":"invalid_request_error","message":"Refunds are switched off for this account."}}"#)))
                : Response(status: .ok, headers: [.contentType: "application/json"],
                           body: .init(byteBuffer: ByteBuffer(string: #"{"id":"re_stub_1","object":"refund","status":"succeeded"}"#)))
        }
        router.post("/v1/payment_intents") { request, _ in try await handle(request, false) }
        router.post("/v1/payment_intents/{id}/confirm") { request, _ in try await handle(request, true) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var bound: Int?
            for _ in 0..<200 where bound == nil {
                try await Task.sleep(for: .milliseconds(20))
                bound = port.withLock { $0 }
            }
            let provider = StubProvider(base: "http://127.0.0.1:\(try #require(bound))")
            stub.withLock { $0 = provider }
            do {
                try await body(provider)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }
}
