import BoxOfficeCore
import Foundation
import PostgresNIO

extension PostgresStore {
    package func createEvent(_ event: Event, seats: [Seat]) async throws {
        try await transaction { connection in
            try await connection.query("""
                INSERT INTO events (event_id, organizer_id, title, artist, category, venue_name, city, time_zone, starts_at,
                    sale_starts_at, hold_duration_minutes, max_tickets_per_user, created_at, rules, currency)
                VALUES (\(event.id.text), \(event.organizerID.text), \(event.title), \(event.artist), \(event.category),
                    \(event.venue.name), \(event.venue.city), \(event.venue.timeZone), \(event.startsAt.epochMilliseconds), \(event.saleStartsAt?.epochMilliseconds),
                    \(event.holdDurationMinutes), \(event.maxTicketsPerUser), \(event.createdAt.epochMilliseconds),
                    \(EventRulesCoding.encode(event)), \(event.currency))
                """, logger: self.logger)
            for section in event.sections {
                try await connection.query("""
                    INSERT INTO sections (section_id, event_id, name, kind, price_cents, capacity, position)
                    VALUES (\(section.id.text), \(event.id.text), \(section.name), \(section.kind.rawValue), \(section.priceCents),
                        \(section.capacity), \(section.position))
                    """, logger: self.logger)
            }
            // All seats in a few round trips: arrays unnested server-side, 20,000 rows a statement.
            var rowIndex = 0
            var previous: (UUID, String)?
            var indexes: [Int] = []
            indexes.reserveCapacity(seats.count)
            for seat in seats {
                if let previous, previous != (seat.sectionID, seat.row) { rowIndex += 1 }
                previous = (seat.sectionID, seat.row)
                indexes.append(rowIndex)
            }
            var start = 0
            while start < seats.count {
                let end = min(start + 20_000, seats.count)
                let chunk = seats[start..<end]
                try await connection.query("""
                    INSERT INTO seats (seat_id, event_id, section_id, row_label, row_index, seat_number, price_cents)
                    SELECT id, \(event.id.text), section, row_label, row_index, number, price
                    FROM UNNEST(\(chunk.map(\.id.text))::text[], \(chunk.map(\.sectionID.text))::text[], \(chunk.map(\.row))::text[],
                                \(Array(indexes[start..<end]))::int8[], \(chunk.map(\.number))::int8[], \(chunk.map(\.priceCents))::int8[])
                        AS s(id, section, row_label, row_index, number, price)
                    """, logger: self.logger)
                start = end
            }
        }
    }

    package func event(id: UUID) async throws -> Event? {
        guard let row = try await rows("SELECT * FROM events WHERE event_id = \(id.text)").first else { return nil }
        return Event(postgres: row, sections: try await sections(eventIDs: [id])[id] ?? [])
    }

    func sections(eventIDs: [UUID]) async throws -> [UUID: [Section]] {
        guard !eventIDs.isEmpty else { return [:] }
        let found = try await rows("SELECT * FROM sections WHERE event_id = ANY(\(eventIDs.map(\.text))) ORDER BY event_id, position")
        return Dictionary(grouping: found.map(Section.init(postgres:)), by: \.eventID)
    }

    package func events(matching query: EventQuery) async throws -> [Event] {
        var clauses: [String] = []
        var binds = PostgresBindings()
        func bind(_ value: some PostgresNonThrowingEncodable) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if let text = query.text?.lowercased(), !text.isEmpty {
            let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            let placeholder = bind(pattern)
            clauses.append("(lower(title) LIKE \(placeholder) OR lower(artist) LIKE \(placeholder))")
        }
        for (column, value) in [("category", query.category), ("city", query.city), ("artist", query.artist)] {
            guard let value = value?.lowercased(), !value.isEmpty else { continue }
            clauses.append("lower(\(column)) = \(bind(value))")
        }
        if let from = query.from { clauses.append("starts_at >= \(bind(from.epochMilliseconds))") }
        if let to = query.to { clauses.append("starts_at <= \(bind(to.epochMilliseconds))") }
        if let organizerID = query.organizerID { clauses.append("organizer_id = \(bind(organizerID.text))") }
        if let after = query.after {
            let start = bind(after.startsAt.epochMilliseconds)
            clauses.append("(starts_at > \(start) OR (starts_at = \(start) AND event_id > \(bind(after.eventID.text))))")
        }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let limit = bind(query.limit)
        let found = try await rows(PostgresQuery(
            unsafeSQL: "SELECT * FROM events \(whereClause) ORDER BY starts_at, event_id LIMIT \(limit)", binds: binds))
        let ids = found.map { PostgresColumns($0).uuid("event_id") }
        let sections = try await sections(eventIDs: ids)
        return zip(found, ids).map { Event(postgres: $0, sections: sections[$1] ?? []) }
    }

    package func eventCount() async throws -> Int {
        try await rows("SELECT COUNT(*)::int8 FROM events").first?.decode(Int.self) ?? 0
    }

    package func inventory(eventID: UUID) async throws -> InventoryRecord? {
        guard let event = try await event(id: eventID) else { return nil }
        return try await inventory(of: event)
    }

    func inventory(of event: Event) async throws -> InventoryRecord {
        try await Self.inventory(of: event) { try await self.rows($0) }
    }

    /// The event's seats and GA stock, read through `collect` (a pooled connection, or
    /// one transaction's connection for a consistent audit).
    static func inventory(of event: Event, _ collect: (PostgresQuery) async throws -> [PostgresRow]) async throws -> InventoryRecord {
        let eventID = event.id.text
        let seats = try await collect("""
            SELECT seat_id, section_id, row_label, seat_number, price_cents, status, reservation_id, held_until
            FROM seats WHERE event_id = \(eventID) ORDER BY row_index, seat_number
            """).map(SeatState.init(postgres:))
        let sold = try await collect("SELECT section_id, sold FROM sections WHERE event_id = \(eventID) AND kind = 'general_admission'")
        let holds = try await collect("""
            SELECT reservation_id, ga_section_id, quantity, status, held_until FROM reservations
            WHERE event_id = \(eventID) AND ga_section_id IS NOT NULL AND status IN ('HELD', 'PAYMENT_PENDING')
            """).map(GAHold.init(postgres:))
        return InventoryRecord(
            event: event, seats: seats,
            gaSold: Dictionary(uniqueKeysWithValues: sold.map { (PostgresColumns($0).uuid("section_id"), PostgresColumns($0).int("sold")) }),
            gaHolds: holds)
    }

    package func auditRecord(eventID: UUID) async throws -> AuditRecord? {
        guard let event = try await event(id: eventID) else { return nil }
        // One snapshot for the whole audit, so concurrent sales cannot make it disagree with itself.
        return try await transaction { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: self.logger)
            func collect(_ query: PostgresQuery) async throws -> [PostgresRow] {
                try await connection.query(query, logger: self.logger).collect()
            }
            let inventory = try await Self.inventory(of: event, collect)
            let confirmed = try await collect("SELECT * FROM reservations WHERE event_id = \(eventID.text) AND status = 'CONFIRMED'")
                .map(Reservation.init(postgres:))
            let tickets = try await collect("SELECT * FROM tickets WHERE event_id = \(eventID.text)").map(Ticket.init(postgres:))
            return AuditRecord(inventory: inventory, confirmed: confirmed, tickets: tickets)
        }
    }

    // MARK: Tickets

    package func tickets(ownerID: UUID) async throws -> [Ticket] {
        try await rows("SELECT * FROM tickets WHERE owner_id = \(ownerID.text) ORDER BY issued_at DESC, ticket_id").map(Ticket.init(postgres:))
    }

    package func ticket(id: UUID) async throws -> Ticket? {
        try await rows("SELECT * FROM tickets WHERE ticket_id = \(id.text)").first.map(Ticket.init(postgres:))
    }

    package func ticketChanges(eventID: UUID, since: Date?) async throws -> [Ticket] {
        try await rows("""
            SELECT * FROM tickets WHERE event_id = \(eventID.text) AND updated_at > \(since?.epochMilliseconds ?? -1)
            ORDER BY updated_at, ticket_id
            """).map(Ticket.init(postgres:))
    }

    package func checkIn(ticketID: UUID, scannerID: UUID, at: Date) async throws -> (ticket: Ticket, marked: Bool)? {
        let instant = at
        let at = at.epochMilliseconds
        let marked = try await transaction { connection -> Ticket? in
            guard let ticket = try await connection.query("""
                UPDATE tickets SET status = 'USED', used_at = \(at), used_by = \(scannerID.text), updated_at = \(at)
                WHERE ticket_id = \(ticketID.text) AND status = 'ACTIVE' RETURNING *
                """, logger: self.logger).collect().first.map(Ticket.init(postgres:)) else { return nil }
            try await self.appendOutbox(.checkedIn(ticket, at: instant), connection)
            return ticket
        }
        if let marked { return (marked, true) }
        try await client.query("""
            UPDATE tickets SET used_at = \(at), used_by = \(scannerID.text), updated_at = GREATEST(updated_at, \(at))
            WHERE ticket_id = \(ticketID.text) AND status = 'USED' AND used_at > \(at)
            """, logger: logger)
        return try await ticket(id: ticketID).map { ($0, false) }
    }

    package func tickets(reservationID: UUID) async throws -> [Ticket] {
        try await rows("SELECT * FROM tickets WHERE reservation_id = \(reservationID.text) ORDER BY seat_label, ticket_id")
            .map(Ticket.init(postgres:))
    }
}
