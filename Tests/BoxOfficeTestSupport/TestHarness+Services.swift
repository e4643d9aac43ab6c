import BoxOfficeApp
import BoxOfficeCore
import Foundation

extension TestHarness {
    /// A signed-up account as the services see it.
    package func viewer(_ role: Role = .customer, name: String = "Test Buyer") async throws -> Viewer {
        Viewer(userID: try await account(role, name: name).id, role: role)
    }

    /// An event a month ahead with `seats` seats in one row (and, if asked, a GA section),
    /// made through the catalogue service by `organizer` (a new one by default).
    package func createEvent(seats: Int, ga: Int? = nil, maxTicketsPerUser: Int = 10, by organizer: Viewer? = nil) async throws -> Event {
        let organizer = if let organizer { organizer } else { try await viewer(.organizer) }
        var sections = [SectionDraft(name: "Stalls", kind: .seated, priceCents: 5_000, rows: [RowPlan(label: "A", seats: seats)])]
        if let ga { sections.append(SectionDraft(name: "Floor", kind: .generalAdmission, priceCents: 3_000, capacity: ga)) }
        return try await system.catalog.create(EventDraft(
            title: "Service Test", artist: "The Services", category: "concert", venue: Venue(name: "Hall", city: "Town"),
            startsAt: clock.now().addingTimeInterval(86_400 * 30), maxTicketsPerUser: maxTicketsPerUser, sections: sections),
            by: organizer)
    }

    /// The event's free seats, in seat-map order.
    package func availableSeats(_ event: Event) async throws -> [UUID] {
        try await system.booking.seatMap(eventID: event.id).seats.filter { $0.status == .available }.map(\.seat.id)
    }

    /// Holds seats for `buyer`; throws the service's refusal.
    package func hold(_ seats: [UUID], as buyer: Viewer, in event: Event) async throws -> Reservation {
        switch try await system.booking.hold(HoldRequest(eventID: event.id, selection: .seats(seats)), for: buyer, idempotencyKey: nil) {
        case let .created(reservation), let .replayed(reservation): reservation
        }
    }
}
