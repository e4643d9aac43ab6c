import BoxOfficeApp
import BoxOfficeCore
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
            #expect(payload.ticketID == ticket.id && payload.holderName == "Ada Holder")
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
        await #expect(throws: BookingError.paymentFailed("Your card was declined.")) {
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

extension TestHarness {
    /// A signed-up account as the services see it.
    func viewer(_ role: Role = .customer, name: String = "Test Buyer") async throws -> Viewer {
        Viewer(userID: try await account(role, name: name).id, role: role)
    }

    /// An event a month ahead with `seats` seats in one row (and, if asked, a GA section),
    /// made through the catalogue service by `organizer` (a new one by default).
    func createEvent(seats: Int, ga: Int? = nil, maxTicketsPerUser: Int = 10, by organizer: Viewer? = nil) async throws -> Event {
        let organizer = if let organizer { organizer } else { try await viewer(.organizer) }
        var sections = [SectionDraft(name: "Stalls", kind: .seated, priceCents: 5_000, rows: [RowPlan(label: "A", seats: seats)])]
        if let ga { sections.append(SectionDraft(name: "Floor", kind: .generalAdmission, priceCents: 3_000, capacity: ga)) }
        return try await system.catalog.create(EventDraft(
            title: "Service Test", artist: "The Services", category: "concert", venue: Venue(name: "Hall", city: "Town"),
            startsAt: clock.now().addingTimeInterval(86_400 * 30), maxTicketsPerUser: maxTicketsPerUser, sections: sections),
            by: organizer)
    }

    /// The event's free seats, in seat-map order.
    func availableSeats(_ event: Event) async throws -> [UUID] {
        try await system.booking.seatMap(eventID: event.id).seats.filter { $0.status == .available }.map(\.seat.id)
    }

    /// Holds seats for `buyer`; throws the service's refusal.
    func hold(_ seats: [UUID], as buyer: Viewer, in event: Event) async throws -> Reservation {
        switch try await system.booking.hold(HoldRequest(eventID: event.id, selection: .seats(seats)), for: buyer, idempotencyKey: nil) {
        case let .created(reservation), let .replayed(reservation): reservation
        }
    }
}
