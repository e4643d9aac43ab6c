import BoxOfficeCore
import Foundation
import PostgresNIO

/// Reads columns by name, with the same corrupted-id tolerance as the SQLite rows.
struct PostgresColumns {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) { self.row = row.makeRandomAccess() }

    func string(_ column: String) -> String { (try? row[column].decode(String.self)) ?? "" }
    func optionalString(_ column: String) -> String? { try? row[column].decode(String?.self) }
    func int(_ column: String) -> Int { (try? row[column].decode(Int.self)) ?? 0 }
    func optionalInt(_ column: String) -> Int? { (try? row[column].decode(Int?.self)) ?? nil }
    func uuid(_ column: String) -> UUID { UUID(text: string(column)) ?? PostgresColumns.nilUUID }
    func optionalUUID(_ column: String) -> UUID? { optionalString(column).flatMap(UUID.init(text:)) }
    func date(_ column: String) -> Date { Date(epochMilliseconds: (try? row[column].decode(Int64.self)) ?? 0) }
    func optionalDate(_ column: String) -> Date? { (try? row[column].decode(Int64?.self))?.map(Date.init(epochMilliseconds:)) }

    static let nilUUID = UUID(text: "00000000-0000-0000-0000-000000000000")!
}

extension User {
    init(postgres row: PostgresRow) {
        let c = PostgresColumns(row)
        self.init(id: c.uuid("user_id"), email: c.string("email"), name: c.string("name"), passwordHash: c.string("password_hash"),
                  role: Role(rawValue: c.string("role")) ?? .customer, createdAt: c.date("created_at"),
                  organizerID: c.optionalUUID("organizer_id"), disabledAt: c.optionalDate("disabled_at"))
    }
}

extension Event {
    init(postgres row: PostgresRow, sections: [Section]) {
        let c = PostgresColumns(row)
        self.init(
            id: c.uuid("event_id"), organizerID: c.uuid("organizer_id"), title: c.string("title"), artist: c.string("artist"),
            category: c.string("category"), venue: Venue(name: c.string("venue_name"), city: c.string("city"), timeZone: c.string("time_zone")),
            startsAt: c.date("starts_at"), saleStartsAt: c.optionalDate("sale_starts_at"),
            holdDurationMinutes: c.int("hold_duration_minutes"), maxTicketsPerUser: c.int("max_tickets_per_user"),
            createdAt: c.date("created_at"), sections: sections, currency: c.string("currency"),
            cancelledAt: c.optionalDate("cancelled_at"), cancellationReason: c.optionalString("cancellation_reason"))
        EventRulesCoding.apply(c.optionalString("rules"), to: &self)
    }
}

extension Section {
    init(postgres row: PostgresRow) {
        let c = PostgresColumns(row)
        self.init(id: c.uuid("section_id"), eventID: c.uuid("event_id"), name: c.string("name"),
                  kind: SectionKind(rawValue: c.string("kind")) ?? .seated, priceCents: c.int("price_cents"),
                  capacity: c.int("capacity"), position: c.int("position"))
    }
}

extension Seat {
    init(postgres row: PostgresRow) {
        let c = PostgresColumns(row)
        self.init(id: c.uuid("seat_id"), sectionID: c.uuid("section_id"), row: c.string("row_label"),
                  number: c.int("seat_number"), priceCents: c.int("price_cents"))
    }
}

extension SeatState {
    init(postgres row: PostgresRow) {
        let c = PostgresColumns(row)
        self.init(seat: Seat(postgres: row), status: SeatStatus(rawValue: c.string("status")) ?? .blocked,
                  reservationID: c.optionalUUID("reservation_id"), heldUntil: c.optionalDate("held_until"))
    }
}

extension GAHold {
    init(postgres row: PostgresRow) {
        let c = PostgresColumns(row)
        let pending = c.string("status") == ReservationStatus.paymentPending.rawValue
        self.init(reservationID: c.uuid("reservation_id"), sectionID: c.uuid("ga_section_id"), quantity: c.int("quantity"),
                  heldUntil: pending ? nil : c.date("held_until"))
    }
}

extension Reservation {
    init(postgres row: PostgresRow) {
        let c = PostgresColumns(row)
        self.init(
            id: c.uuid("reservation_id"), userID: c.uuid("user_id"), eventID: c.uuid("event_id"),
            seats: ReservedSeat.decodeLines(c.string("lines")), gaSectionID: c.optionalUUID("ga_section_id"),
            quantity: c.int("quantity"), status: ReservationStatus(rawValue: c.string("status")) ?? .cancelled,
            totalPriceCents: c.int("total_price_cents"), heldUntil: c.date("held_until"), createdAt: c.date("created_at"),
            confirmedAt: c.optionalDate("confirmed_at"), paymentID: c.optionalString("payment_id"),
            idempotencyKey: c.optionalString("idempotency_key"), requestHash: c.optionalString("request_hash"),
            confirmKey: c.optionalString("confirm_key"), paymentMethodID: c.optionalString("payment_method"))
    }
}

extension Ticket {
    init(postgres row: PostgresRow) {
        let c = PostgresColumns(row)
        self.init(
            id: c.uuid("ticket_id"), reservationID: c.uuid("reservation_id"), eventID: c.uuid("event_id"),
            sectionID: c.uuid("section_id"), seatID: c.optionalUUID("seat_id"), seatLabel: c.string("seat_label"),
            ownerID: c.uuid("owner_id"), holderName: c.string("holder_name"),
            status: TicketStatus(rawValue: c.string("status")) ?? .cancelled, qrCode: c.string("qr_code"),
            issuedAt: c.date("issued_at"), usedAt: c.optionalDate("used_at"), usedBy: c.optionalUUID("used_by"))
    }
}
