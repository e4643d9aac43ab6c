import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeStore
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
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
