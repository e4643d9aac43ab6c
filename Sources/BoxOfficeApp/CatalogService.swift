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
    let store: any CatalogStore
    let desks: EventDesks
    let queue: QueueService
    let clock: any BookingClock

    /// - Parameters:
    ///   - desks: the events' seat maps, dropped when an event's rules change.
    ///   - queue: the waiting rooms, whose cached rules are dropped too.
    package init(store: any CatalogStore, desks: EventDesks, queue: QueueService, clock: any BookingClock) {
        self.store = store
        self.desks = desks
        self.queue = queue
        self.clock = clock
    }

    /// Creates an event with its venue, sections and seats in one transaction.
    package func create(_ draft: EventDraft, by viewer: Viewer) async throws -> Event {
        try authorizeCreating(by: viewer)
        let (event, seats) = try draft.validated(organizerID: viewer.userID, now: clock.now())
        try await store.createEvent(event, seats: seats)
        return event
    }

    /// Organizers and admins make events; nobody else.
    package func authorizeCreating(by viewer: Viewer) throws {
        guard viewer.role.canOrganize else { throw BookingError.forbidden }
    }

    /// Changes how an event sells (sale start, limits, waiting room, presale windows).
    /// Only its organizer or an admin may.
    package func update(eventID: UUID, _ change: EventRulesChange, by viewer: Viewer) async throws -> Event {
        var event = try await desks.event(id: eventID)
        guard viewer.role == .admin || (viewer.role.canOrganize && event.organizerID == viewer.userID) else {
            throw BookingError.forbidden
        }
        // The change applies to what is stored now: if another node (or request) changed
        // the event since this node read it, read it again and apply the change to that.
        for _ in 0..<5 {
            let updated = try event.applying(change, now: clock.now())
            let stored = try await store.updateEventRules(updated, replacing: event, at: clock.now())
            await desks[eventID].invalidate()
            queue.forget(eventID: eventID)
            if stored { return updated }
            guard let current = try await store.event(id: eventID) else { throw BookingError.eventNotFound }
            event = current
        }
        throw BookingError.conflictingChange
    }

    /// Cancels an event: from now on nothing of it is sold (holds, the queue, presales
    /// answer `eventCancelled`), and the payment settler refunds every confirmed order in
    /// full (`RefundService.refundCancelledEvents`). Only its organizer or an admin may;
    /// cancelling again changes nothing.
    package func cancel(eventID: UUID, reason: String?, by viewer: Viewer) async throws -> Event {
        let event = try await desks.event(id: eventID)
        guard viewer.role == .admin || (viewer.role.canOrganize && event.organizerID == viewer.userID) else {
            throw BookingError.forbidden
        }
        if let reason, reason.count > 500 { throw BookingError.invalid(field: "reason", reason: "must be at most 500 characters") }
        guard !event.isCancelled else { return event }
        _ = try await store.cancelEvent(eventID: eventID, reason: reason?.trimmed, at: clock.now())
        await desks[eventID].invalidate()
        queue.forget(eventID: eventID)
        return try await desks.event(id: eventID)
    }

    /// Whether no event exists yet (demo data goes only into an empty catalogue).
    package func isEmpty() async throws -> Bool {
        try await store.eventCount() == 0
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

    /// The events a viewer works, past ones and cancelled ones included, in start order:
    /// an organizer's own; for door staff, those of the organizer they work for (`staff`,
    /// their account, read fresh: a switched-off scanner gets none); every event for an
    /// admin or a house scanner (made by an admin without an organizer).
    package func workedEvents(by viewer: Viewer, staff: User?, after: EventCursor?, limit: Int) async throws -> (events: [Event], next: EventCursor?) {
        var query = EventQuery(from: .distantPast, after: after, limit: limit)
        switch viewer.role {
        case .admin: break
        case .organizer: query.organizerID = viewer.userID
        case .scanner:
            guard let staff, staff.id == viewer.userID, staff.role == .scanner, staff.disabledAt == nil else { throw BookingError.forbidden }
            query.organizerID = staff.organizerID
        case .customer: throw BookingError.forbidden
        }
        return try await browse(query)
    }

    /// One event with live availability per section, from its seat map.
    package func listing(eventID: UUID) async throws -> EventListing {
        try await desks.listing(eventID: eventID)
    }
}
