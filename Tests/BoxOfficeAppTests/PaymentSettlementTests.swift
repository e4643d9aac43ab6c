import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeStore
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Synchronization
import Testing

/// A confirm that never finished (the provider did not answer, or the server died
/// between the charge and the confirm) is settled later by asking the provider again
/// with the same idempotency key: tickets if it charged, the places back if it did not,
/// and never a second charge.
@Suite struct PaymentSettlementTests {
    func gateway(_ harness: TestHarness) throws -> TestPaymentGateway {
        try #require(harness.system.payments as? TestPaymentGateway)
    }

    @Test(arguments: Engine.available) func aChargeWhoseAnswerWasLostEndsInTicketsChargedOnce(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let rival = try await harness.account()
        try await harness.withClient { client in
            let (eventID, seats, reservationID) = try await client.heldSeats(2, organizer: organizer.token, buyer: buyer.token)

            let lost = try await client.confirm(reservationID, token: buyer.token, card: "pm_card_answerLost")
            #expect(lost.status == .badGateway)
            #expect(lost.error == "PAYMENT_UNCONFIRMED")
            let pending = try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: buyer.token)
            #expect(pending.string("status") == "PAYMENT_PENDING")
            #expect(try await client.confirm(reservationID, token: buyer.token).error == "PAYMENT_IN_PROGRESS")

            // Long past the hold's own expiry, the places stay the buyer's.
            harness.clock.advance(by: 60)
            #expect(try await harness.system.booking.settleUnfinishedPayments() == 0, "too early: the confirm may still be running")
            harness.clock.advance(by: 3_600)
            _ = try await harness.system.booking.expireLapsedHolds()
            #expect(try await client.hold(seats, event: eventID, token: rival.token).status == .conflict)

            #expect(try await harness.system.booking.settleUnfinishedPayments() == 1)
            let settled = try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: buyer.token)
            #expect(settled.string("status") == "CONFIRMED")
            #expect(try await client.call(.get, "/api/v1/me/tickets", token: buyer.token).array("tickets").count == 2)
            #expect(Set(try await client.seatIDs(event: eventID, status: "SOLD")) == Set(seats))
            #expect(try gateway(harness).chargesTaken == 1)
            #expect(try await harness.system.booking.settleUnfinishedPayments() == 0)
        }
    }

    @Test(arguments: Engine.available) func aChargeThatTimedOutWithoutChargingGivesThePlacesBack(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let (eventID, seats, reservationID) = try await client.heldSeats(1, organizer: organizer.token, buyer: buyer.token)
            #expect(try await client.confirm(reservationID, token: buyer.token, card: "pm_card_timeout").error == "PAYMENT_UNCONFIRMED")
            harness.clock.advance(by: BookingService.paymentSettleAfter + 1)
            #expect(try await harness.system.booking.settleUnfinishedPayments() == 1)
            let settled = try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: buyer.token)
            #expect(settled.string("status") == "CANCELLED")
            #expect(try await client.call(.get, "/api/v1/me/tickets", token: buyer.token).array("tickets").isEmpty)
            #expect(Set(try await client.seatIDs(event: eventID, status: "AVAILABLE")).isSuperset(of: seats))
            #expect(try gateway(harness).chargesTaken == 0)
        }
    }

    /// The server died after recording the payment's start: the restarted server asks
    /// the provider (a fresh gateway, as after a real restart) and finishes the sale.
    @Test(arguments: Engine.available) func aPaymentInterruptedByARestartIsFinishedAfterIt(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let (eventID, reservationID, seats) = try await harness.withClient { client in
            let (eventID, seats, reservationID) = try await client.heldSeats(3, organizer: organizer.token, buyer: buyer.token)
            return (eventID, reservationID, seats)
        }
        _ = try await harness.system.store.beginPayment(
            reservationID: try #require(UUID(uuidString: reservationID)), paymentMethodID: "pm_card_visa", confirmKey: nil, now: harness.clock.now())

        let restarted = try await harness.restarted()
        harness.clock.advance(by: BookingService.paymentSettleAfter + 1)
        #expect(try await restarted.system.booking.settleUnfinishedPayments() == 1)
        try await restarted.withClient { client in
            let settled = try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: buyer.token)
            #expect(settled.string("status") == "CONFIRMED")
            let tickets = try await client.call(.get, "/api/v1/me/tickets", token: buyer.token).array("tickets")
            #expect(tickets.count == 3)
            for code in tickets.compactMap({ $0["qr_code"] as? String }) {
                #expect(throws: Never.self) { try restarted.system.signer.verify(code) }
            }
            #expect(Set(try await client.seatIDs(event: eventID, status: "SOLD")) == Set(seats))
        }
        #expect(try gateway(restarted).chargesTaken == 1)
    }
}

/// The test gateway, with something happening while a charge is in flight.
final class InterruptedGateway: PaymentGateway {
    let inner = TestPaymentGateway()
    let whileCharging: @Sendable () async throws -> Void

    init(whileCharging: @escaping @Sendable () async throws -> Void) { self.whileCharging = whileCharging }

    func prepare(_ request: ChargeRequest) async throws -> PreparedPayment { try await inner.prepare(request) }
    func confirm(paymentID: String, _ request: ChargeRequest) async throws -> ChargeOutcome {
        try await whileCharging()
        return try await inner.confirm(paymentID: paymentID, request)
    }
    func refund(_ request: RefundRequest) async throws -> RefundOutcome { try await inner.refund(request) }
}

@Suite struct LatePaymentTests {
    /// A charge the provider confirms after the reservation's places were released (here
    /// released while the charge is in flight, as another node or an operator could) never
    /// becomes tickets: it is refunded in full and recorded.
    @Test(arguments: Engine.available) func aLatePaymentIsRefundedNotTurnedIntoTickets(_ engine: Engine) async throws {
        let releasing = Mutex<(store: (any Store)?, reservation: UUID?, clock: ManualClock?)>((nil, nil, nil))
        let gateway = InterruptedGateway {
            let (store, reservation, clock) = releasing.withLock { $0 }
            if let store, let reservation, let clock { _ = try await store.release(reservationID: reservation, as: .cancelled, now: clock.now()) }
        }
        let harness = try await TestHarness.make(engine: engine, payments: .gateway(gateway))
        let event = try await harness.createEvent(seats: 4)
        let buyer = try await harness.viewer()
        let seats = Array(try await harness.availableSeats(event).prefix(2))
        let held = try await harness.hold(seats, as: buyer, in: event)
        releasing.withLock { $0 = (harness.system.store, held.id, harness.clock) }

        await #expect(throws: BookingError.paymentFailed(PaymentDecline(
            code: "places_released", message: "The places had been released before the payment arrived; it is refunded."))) {
            try await harness.system.booking.confirm(held.id, for: buyer, paymentMethodID: "pm_card_visa")
        }
        #expect(try await harness.system.store.reservation(id: held.id)?.status == .cancelled)
        #expect(try await harness.system.booking.tickets(of: buyer).isEmpty)
        let refunds = try await harness.system.refunds.refunds(ofReservation: held.id, for: buyer)
        #expect(refunds.count == 1)
        #expect(refunds.first?.amountCents == 10_000)
        #expect(refunds.first?.status == .succeeded)
        #expect(refunds.first?.ticketIDs == [])
        let paymentID = try #require(try await harness.system.store.reservation(id: held.id)?.paymentID)
        #expect(gateway.inner.refunded(paymentID: paymentID) == 10_000)
        #expect(try await harness.availableSeats(event).count == 4)
    }
}
