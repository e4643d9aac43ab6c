import Foundation

/// What a buyer asks to hold.
package enum HoldSelection: Sendable, Equatable {
    /// These numbered seats, all or none.
    case seats([UUID])
    /// A quantity of places in a general-admission section.
    case generalAdmission(sectionID: UUID, quantity: Int)
}

extension HoldSelection {
    /// The selection cut to one place more than `limit` if it asks for more. The store
    /// refuses both alike, for the per-buyer limit, saying how many places the buyer may
    /// still add (which only the store knows); the cut keeps an absurd request as cheap as
    /// a small one. A buyer's limit is checked before any seat is looked up.
    package func capped(justAbove limit: Int) -> HoldSelection {
        switch self {
        case let .seats(ids) where ids.count > limit + 1: .seats(Array(ids.prefix(limit + 1)))
        case let .generalAdmission(section, quantity) where quantity > limit + 1: .generalAdmission(sectionID: section, quantity: limit + 1)
        default: self
        }
    }
}

/// A hold as the booking service hands it to a store: everything decided, ready to
/// be applied atomically.
package struct HoldCommand: Sendable {
    package var reservationID: UUID
    package var userID: UUID
    package var event: Event
    package var selection: HoldSelection
    package var heldUntil: Date
    package var now: Date
    package var idempotencyKey: String?
    package var requestHash: String?
    /// The presale window the hold is made under, with its own per-buyer limit.
    package var presale: PresaleClaim?

    package init(
        reservationID: UUID = .timeOrdered(), userID: UUID, event: Event, selection: HoldSelection, heldUntil: Date,
        now: Date, idempotencyKey: String?, requestHash: String?, presale: PresaleClaim? = nil
    ) {
        self.reservationID = reservationID
        self.userID = userID
        self.event = event
        self.selection = selection
        self.heldUntil = heldUntil
        self.now = now
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
        self.presale = presale
    }
}

extension HoldCommand {
    /// The requested seats in request order (empty for GA), so refusals list them as asked.
    package var seatOrder: [UUID] {
        if case let .seats(ids) = selection { return ids }
        return []
    }

    /// The GA quantity asked for (0 for seats).
    package var gaQuantity: Int {
        if case let .generalAdmission(_, quantity) = selection { return quantity }
        return 0
    }
}

/// The result of a hold that did not fail.
package enum HoldOutcome: Sendable, Equatable {
    /// A new reservation was committed.
    case created(Reservation)
    /// The idempotency key was seen before with the same request: the original reservation.
    case replayed(Reservation)
}

/// Filters and a page of the event catalogue.
package struct EventQuery: Sendable, Equatable {
    package var text: String?
    package var category: String?
    package var city: String?
    package var artist: String?
    package var from: Date?
    package var to: Date?
    /// Only this organizer's events.
    package var organizerID: UUID?
    /// Continue after this (starts_at, event id) position.
    package var after: EventCursor?
    package var limit: Int

    package init(text: String? = nil, category: String? = nil, city: String? = nil, artist: String? = nil,
                 from: Date? = nil, to: Date? = nil, after: EventCursor? = nil, limit: Int = 20) {
        self.text = text
        self.category = category
        self.city = city
        self.artist = artist
        self.from = from
        self.to = to
        self.after = after
        self.limit = limit
    }
}

/// A position in the catalogue's order (by start time, then id).
package struct EventCursor: Sendable, Equatable {
    package var startsAt: Date
    package var eventID: UUID

    package init(startsAt: Date, eventID: UUID) {
        self.startsAt = startsAt
        self.eventID = eventID
    }
}

/// One seat's current state as the store records it.
package struct SeatState: Sendable, Equatable {
    package var seat: Seat
    package var status: SeatStatus
    /// The reservation holding the seat, while HELD.
    package var reservationID: UUID?
    /// When the hold lapses; nil while payment is in progress.
    package var heldUntil: Date?

    package init(seat: Seat, status: SeatStatus, reservationID: UUID?, heldUntil: Date?) {
        self.seat = seat
        self.status = status
        self.reservationID = reservationID
        self.heldUntil = heldUntil
    }
}

/// A GA reservation that still claims places (HELD or PAYMENT_PENDING).
package struct GAHold: Sendable, Equatable {
    package var reservationID: UUID
    package var sectionID: UUID
    package var quantity: Int
    /// Nil while payment is in progress (does not lapse).
    package var heldUntil: Date?

    package init(reservationID: UUID, sectionID: UUID, quantity: Int, heldUntil: Date?) {
        self.reservationID = reservationID
        self.sectionID = sectionID
        self.quantity = quantity
        self.heldUntil = heldUntil
    }
}

/// Everything needed to rebuild an event's in-memory seat map.
package struct InventoryRecord: Sendable {
    package var event: Event
    package var seats: [SeatState]
    /// Places sold per GA section.
    package var gaSold: [UUID: Int]
    package var gaHolds: [GAHold]

    package init(event: Event, seats: [SeatState], gaSold: [UUID: Int], gaHolds: [GAHold]) {
        self.event = event
        self.seats = seats
        self.gaSold = gaSold
        self.gaHolds = gaHolds
    }
}
