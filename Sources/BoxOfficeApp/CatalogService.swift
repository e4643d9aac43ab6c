import BoxOfficeCore
import Foundation

/// An event with how many places each section has left.
package struct EventListing: Sendable {
    package var event: Event
    package var available: [UUID: Int]
    package var sold: [UUID: Int]
}

/// Creating and browsing events.
package struct CatalogService: Sendable {
    package static let maxPageSize = 100
    let store: any Store
    let clock: any BookingClock
    let booking: BookingService

    package init(store: any Store, clock: any BookingClock, booking: BookingService) {
        self.store = store
        self.clock = clock
        self.booking = booking
    }

    /// Creates an event with its venue, sections and seats in one transaction.
    package func create(_ draft: EventDraft, by viewer: Viewer) async throws -> Event {
        guard viewer.role.canOrganize else { throw BookingError.forbidden }
        let (event, seats) = try draft.validated(organizerID: viewer.userID, now: clock.now())
        try await store.createEvent(event, seats: seats)
        return event
    }

    /// Changes how an event sells (sale start, limits, waiting room, presale windows).
    /// Only its organizer or an admin may.
    package func update(eventID: UUID, _ change: EventRulesChange, by viewer: Viewer) async throws -> Event {
        var event = try await booking.event(id: eventID)
        guard viewer.role == .admin || (viewer.role.canOrganize && event.organizerID == viewer.userID) else {
            throw BookingError.forbidden
        }
        // The change applies to what is stored now: if another node (or request) changed
        // the event since this node read it, read it again and apply the change to that.
        for _ in 0..<5 {
            let updated = try event.applying(change, now: clock.now())
            let stored = try await store.updateEventRules(updated, replacing: event)
            await booking.desks[eventID].invalidate()
            if stored { return updated }
            guard let current = try await store.event(id: eventID) else { throw BookingError.eventNotFound }
            event = current
        }
        throw BookingError.conflictingChange
    }

    /// A page of events and the cursor of the next page, if any. Without a `from`, only
    /// events that have not started yet.
    package func browse(_ query: EventQuery) async throws -> (events: [Event], next: EventCursor?) {
        var query = query
        query.from = query.from ?? clock.now()
        query.limit = min(max(query.limit, 1), Self.maxPageSize)
        let requested = query.limit
        query.limit += 1
        let found = try await store.events(matching: query)
        let page = Array(found.prefix(requested))
        let next = found.count > requested ? page.last.map { EventCursor(startsAt: $0.startsAt, eventID: $0.id) } : nil
        return (page, next)
    }

    /// One event with live availability per section, from its seat map.
    package func listing(eventID: UUID) async throws -> EventListing {
        do {
            return try await booking.desks[eventID].listing()
        } catch BookingError.eventNotFound {
            booking.desks.forget(eventID)
            throw BookingError.eventNotFound
        }
    }
}
