import Foundation

/// A section as an organizer describes it, before it has ids.
package struct SectionDraft: Sendable, Equatable {
    package var name: String
    package var kind: SectionKind
    package var priceCents: Int
    package var rows: [RowPlan]
    package var capacity: Int?

    package init(name: String, kind: SectionKind, priceCents: Int, rows: [RowPlan] = [], capacity: Int? = nil) {
        self.name = name
        self.kind = kind
        self.priceCents = priceCents
        self.rows = rows
        self.capacity = capacity
    }
}

/// An event as an organizer describes it. `validated` checks every rule and builds
/// the event with its seats.
package struct EventDraft: Sendable, Equatable {
    package static let defaultHoldMinutes = 10
    package static let holdMinutesRange = 1...15
    package static let defaultMaxTicketsPerUser = 8
    package static let maxTicketsPerUserRange = 1...100
    package static let maxSeatsPerEvent = 200_000
    package static let maxSeatsPerRow = 1_000
    package static let maxGACapacity = 1_000_000
    package static let maxPriceCents = 100_000_000

    package var title: String
    package var artist: String
    package var category: String
    package var venue: Venue
    package var startsAt: Date
    package var saleStartsAt: Date?
    package var holdDurationMinutes: Int?
    package var maxTicketsPerUser: Int?
    package var sections: [SectionDraft]
    package var queue: QueueDraft?
    package var presales: [PresaleWindow]
    /// ISO 4217, any case; nil is `Event.defaultCurrency`.
    package var currency: String?
    package var refundPolicy: RefundPolicy?

    package init(
        title: String, artist: String, category: String, venue: Venue, startsAt: Date, saleStartsAt: Date? = nil,
        holdDurationMinutes: Int? = nil, maxTicketsPerUser: Int? = nil, sections: [SectionDraft],
        queue: QueueDraft? = nil, presales: [PresaleWindow] = [], currency: String? = nil,
        refundPolicy: RefundPolicy? = nil
    ) {
        self.title = title
        self.artist = artist
        self.category = category
        self.venue = venue
        self.startsAt = startsAt
        self.saleStartsAt = saleStartsAt
        self.holdDurationMinutes = holdDurationMinutes
        self.maxTicketsPerUser = maxTicketsPerUser
        self.sections = sections
        self.queue = queue
        self.presales = presales
        self.currency = currency
        self.refundPolicy = refundPolicy
    }

    /// Checks every rule and returns the event and its numbered seats, with fresh ids.
    package func validated(organizerID: UUID, now: Date) throws(BookingError) -> (Event, [Seat]) {
        try Self.requireText(title, field: "title", max: 200)
        try Self.requireText(artist, field: "artist", max: 200)
        try Self.requireText(category, field: "category", max: 100)
        try Self.requireText(venue.name, field: "venue.name", max: 200)
        try Self.requireText(venue.city, field: "venue.city", max: 100)
        guard venue.timeZone.count <= 64, TimeZone(identifier: venue.timeZone) != nil else {
            throw .invalid(field: "venue.time_zone", reason: "must be an IANA time zone such as \"Europe/Berlin\"")
        }
        guard startsAt > now else { throw .invalid(field: "starts_at", reason: "must be in the future") }
        let holdMinutes = holdDurationMinutes ?? Self.defaultHoldMinutes
        guard Self.holdMinutesRange.contains(holdMinutes) else {
            throw .invalid(field: "hold_duration_minutes", reason: "must be between 1 and 15")
        }
        let maxTickets = maxTicketsPerUser ?? Self.defaultMaxTicketsPerUser
        guard Self.maxTicketsPerUserRange.contains(maxTickets) else {
            throw .invalid(field: "max_tickets_per_user", reason: "must be between 1 and 100")
        }
        if let saleStartsAt, saleStartsAt > startsAt {
            throw .invalid(field: "sale_starts_at", reason: "must not be after starts_at")
        }
        let currency = try Self.currency(currency)
        guard !sections.isEmpty, sections.count <= 500 else {
            throw .invalid(field: "sections", reason: "must hold between 1 and 500 sections")
        }
        let eventID = UUID.random()
        var built: [Section] = []
        var seats: [Seat] = []
        var seenNames = Set<String>()
        for (position, draft) in sections.enumerated() {
            let field = "sections[\(position)]"
            try Self.requireText(draft.name, field: "\(field).name", max: 100)
            guard seenNames.insert(draft.name.lowercased()).inserted else {
                throw .invalid(field: "\(field).name", reason: "section names must be unique within an event")
            }
            guard (0...Self.maxPriceCents).contains(draft.priceCents) else {
                throw .invalid(field: "\(field).price_cents", reason: "must be between 0 and \(Self.maxPriceCents)")
            }
            let sectionID = UUID.random()
            switch draft.kind {
            case .seated:
                let sectionSeats = try Self.seats(of: draft, sectionID: sectionID, field: field)
                seats += sectionSeats
                guard seats.count <= Self.maxSeatsPerEvent else {
                    throw .invalid(field: "sections", reason: "an event may have at most \(Self.maxSeatsPerEvent) seats")
                }
                built.append(Section(id: sectionID, eventID: eventID, name: draft.name, kind: .seated,
                                     priceCents: draft.priceCents, capacity: sectionSeats.count, position: position))
            case .generalAdmission:
                guard draft.rows.isEmpty else {
                    throw .invalid(field: "\(field).rows", reason: "a general_admission section has a capacity, not rows")
                }
                guard let capacity = draft.capacity, (1...Self.maxGACapacity).contains(capacity) else {
                    throw .invalid(field: "\(field).capacity", reason: "must be between 1 and \(Self.maxGACapacity)")
                }
                built.append(Section(id: sectionID, eventID: eventID, name: draft.name, kind: .generalAdmission,
                                     priceCents: draft.priceCents, capacity: capacity, position: position))
            }
        }
        let event = Event(
            id: eventID, organizerID: organizerID, title: title.trimmed, artist: artist.trimmed,
            category: category.trimmed, venue: Venue(name: venue.name.trimmed, city: venue.city.trimmed, timeZone: venue.timeZone),
            startsAt: startsAt, saleStartsAt: saleStartsAt, holdDurationMinutes: holdMinutes,
            maxTicketsPerUser: maxTickets, createdAt: now, sections: built, currency: currency)
        return (try event.applying(EventRulesChange(queue: queue, presales: presales, refundPolicy: refundPolicy), now: now), seats)
    }

    /// A currency as charges carry it: three letters, lower case (`usd`, `eur`). Whether
    /// the provider accepts it is the provider's to say, at the first charge.
    private static func currency(_ code: String?) throws(BookingError) -> String {
        guard let code else { return Event.defaultCurrency }
        let lowered = code.trimmed.lowercased()
        guard lowered.utf8.count == 3, lowered.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) else {
            throw .invalid(field: "currency", reason: "must be an ISO 4217 code of three letters, such as usd or eur")
        }
        return lowered
    }

    private static func seats(of draft: SectionDraft, sectionID: UUID, field: String) throws(BookingError) -> [Seat] {
        guard draft.capacity == nil || draft.capacity == draft.rows.reduce(0, { $0 + $1.seats }) else {
            throw .invalid(field: "\(field).capacity", reason: "a seated section's capacity is the sum of its rows")
        }
        guard !draft.rows.isEmpty else {
            throw .invalid(field: "\(field).rows", reason: "a seated section needs at least one row")
        }
        var labels = Set<String>()
        var seats: [Seat] = []
        for (index, row) in draft.rows.enumerated() {
            let label = row.label.trimmed
            guard !label.isEmpty, label.count <= 8 else {
                throw .invalid(field: "\(field).rows[\(index)].label", reason: "must be 1 to 8 characters")
            }
            guard labels.insert(label).inserted else {
                throw .invalid(field: "\(field).rows[\(index)].label", reason: "row labels must be unique within a section")
            }
            guard (1...maxSeatsPerRow).contains(row.seats) else {
                throw .invalid(field: "\(field).rows[\(index)].seats", reason: "must be between 1 and \(maxSeatsPerRow)")
            }
            guard seats.count + row.seats <= maxSeatsPerEvent else {
                throw .invalid(field: "sections", reason: "an event may have at most \(maxSeatsPerEvent) seats")
            }
            for number in 1...row.seats {
                seats.append(Seat(id: .random(), sectionID: sectionID, row: label, number: number, priceCents: draft.priceCents))
            }
        }
        return seats
    }

    private static func requireText(_ value: String, field: String, max: Int) throws(BookingError) {
        let trimmed = value.trimmed
        guard !trimmed.isEmpty else { throw .invalid(field: field, reason: "must not be empty") }
        guard trimmed.count <= max else { throw .invalid(field: field, reason: "must be at most \(max) characters") }
    }
}

extension String {
    /// Without leading and trailing whitespace. Most strings have none, and the check for
    /// that looks at two bytes; Foundation's trim (slow: it walks a character set) runs
    /// only when an end may be whitespace (ASCII space or control, or any non-ASCII byte).
    package var trimmed: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        func mayBeSpace(_ byte: UInt8) -> Bool { byte <= 0x20 || byte >= 0x7F }
        guard mayBeSpace(first) || mayBeSpace(last) else { return self }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
