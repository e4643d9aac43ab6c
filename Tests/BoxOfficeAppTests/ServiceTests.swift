import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeTestSupport
import Foundation
import Testing

/// The use cases called as the API, the pages and the CLI call them: one service function
/// each, no HTTP in between (pretix's style).
@Suite struct ServiceTests {
    @Test(arguments: Engine.available)
    func aHoldPaidForBecomesSignedTicketsInTheBuyersName(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let event = try await harness.createEvent(seats: 10)
        let buyer = try await harness.viewer(name: "Ada Holder")
        let seats = try await harness.availableSeats(event)

        let held = try await harness.hold(Array(seats.prefix(2)), as: buyer, in: event)
        let purchase = try await harness.system.booking.confirm(held.id, for: buyer, paymentMethodID: "pm_card_visa")

        #expect(purchase.reservation.status == .confirmed)
        #expect(purchase.tickets.count == 2)
        for ticket in purchase.tickets {
            let payload = try TicketSigner.verify(ticket.qrCode, publicKeys: harness.system.keyring.publicKeys)
            #expect(payload.ticketID == ticket.id && payload.eventID == ticket.eventID && ticket.holderName == "Ada Holder")
        }
        #expect(try await harness.system.booking.tickets(of: buyer).count == 2)
    }

    @Test(arguments: Engine.available)
    func aDeclinedPaymentReleasesThePlacesForTheNextBuyer(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let event = try await harness.createEvent(seats: 4)
        let (first, second) = (try await harness.viewer(), try await harness.viewer())
        let seat = try #require(try await harness.availableSeats(event).first)

        let held = try await harness.hold([seat], as: first, in: event)
        await #expect(throws: BookingError.paymentFailed(PaymentDecline(code: "card_declined", message: "Your card was declined."))) {
            try await harness.system.booking.confirm(held.id, for: first, paymentMethodID: "pm_card_chargeDeclined")
        }

        let next = try await harness.hold([seat], as: second, in: event)
        #expect(next.userID == second.userID)
    }

    @Test(arguments: Engine.available)
    func nobodyReadsAnotherBuyersReservation(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let event = try await harness.createEvent(seats: 4)
        let (owner, stranger) = (try await harness.viewer(), try await harness.viewer())
        let held = try await harness.hold([try #require(try await harness.availableSeats(event).first)], as: owner, in: event)

        await #expect(throws: BookingError.reservationNotFound) { try await harness.system.booking.reservation(held.id, for: stranger) }
        await #expect(throws: BookingError.reservationNotFound) { try await harness.system.booking.cancel(held.id, for: stranger) }
        #expect(try await harness.system.booking.reservation(held.id, for: owner).id == held.id)
    }

    /// The rule that used to sit in a route: after the catalogue changes an event's waiting
    /// room, this node's cached queue rules are dropped by the catalogue service itself.
    @Test(arguments: Engine.available)
    func turningTheWaitingRoomOnReachesTheQueueAtOnce(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.viewer(.organizer)
        let event = try await harness.createEvent(seats: 4, by: organizer)
        let buyer = try await harness.viewer()
        await #expect(throws: BookingError.queueDisabled) { try await harness.system.queue.join(eventID: event.id, viewer: buyer) }

        _ = try await harness.system.catalog.update(eventID: event.id, EventRulesChange(queue: QueueDraft(enabled: true)), by: organizer)

        let ticket = try await harness.system.queue.join(eventID: event.id, viewer: buyer)
        #expect(!ticket.queueToken.isEmpty)
    }

    @Test(arguments: Engine.available)
    func onlyOrganizersMakeEventsAndOnlyTheirOwnAreTheirsToChange(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let owner = try await harness.viewer(.organizer)
        let rival = try await harness.viewer(.organizer)
        let buyer = try await harness.viewer()
        #expect(throws: BookingError.forbidden) { try harness.system.catalog.authorizeCreating(by: buyer) }
        let event = try await harness.createEvent(seats: 2, by: owner)

        await #expect(throws: BookingError.forbidden) {
            try await harness.system.catalog.update(eventID: event.id, EventRulesChange(maxTicketsPerUser: 2), by: rival)
        }
        #expect(try await harness.system.catalog.update(eventID: event.id, EventRulesChange(maxTicketsPerUser: 2), by: owner)
            .maxTicketsPerUser == 2)
    }
}
