import BoxOfficeCore
import Foundation
import GRDB

extension Row {
    /// A corrupted id reads as the nil UUID rather than crashing the server; the audit
    /// then reports whatever it no longer matches.
    func uuid(_ column: String) -> UUID { UUID(text: (self[column] as String?) ?? "") ?? Self.nilUUID }
    private static let nilUUID = UUID(text: "00000000-0000-0000-0000-000000000000")!
    func optionalUUID(_ column: String) -> UUID? { (self[column] as String?).flatMap(UUID.init(text:)) }
    func date(_ column: String) -> Date { Date(epochMilliseconds: self[column]) }
    func optionalDate(_ column: String) -> Date? { (self[column] as Int64?).map(Date.init(epochMilliseconds:)) }
}

extension User {
    init(row: Row) {
        self.init(id: row.uuid("user_id"), email: row["email"], name: row["name"], passwordHash: row["password_hash"],
                  role: Role(rawValue: row["role"]) ?? .customer, createdAt: row.date("created_at"),
                  organizerID: row.optionalUUID("organizer_id"), disabledAt: row.optionalDate("disabled_at"))
    }
}

extension Event {
    init(row: Row, sections: [Section]) {
        self.init(
            id: row.uuid("event_id"), organizerID: row.uuid("organizer_id"), title: row["title"], artist: row["artist"],
            category: row["category"], venue: Venue(name: row["venue_name"], city: row["city"], timeZone: row["time_zone"]),
            startsAt: row.date("starts_at"), saleStartsAt: row.optionalDate("sale_starts_at"),
            holdDurationMinutes: row["hold_duration_minutes"], maxTicketsPerUser: row["max_tickets_per_user"],
            createdAt: row.date("created_at"), sections: sections, currency: row["currency"],
            cancelledAt: row.optionalDate("cancelled_at"), cancellationReason: row["cancellation_reason"])
        EventRulesCoding.apply(row["rules"], to: &self)
    }
}

extension Section {
    init(row: Row) {
        self.init(id: row.uuid("section_id"), eventID: row.uuid("event_id"), name: row["name"],
                  kind: SectionKind(rawValue: row["kind"]) ?? .seated, priceCents: row["price_cents"],
                  capacity: row["capacity"], position: row["position"])
    }
}

extension Seat {
    init(row: Row) {
        self.init(id: row.uuid("seat_id"), sectionID: row.uuid("section_id"), row: row["row_label"],
                  number: row["seat_number"], priceCents: row["price_cents"])
    }
}

extension SeatState {
    init(row: Row) {
        self.init(seat: Seat(row: row), status: SeatStatus(rawValue: row["status"]) ?? .blocked,
                  reservationID: row.optionalUUID("reservation_id"), heldUntil: row.optionalDate("held_until"))
    }
}

extension GAHold {
    init(row: Row) {
        let pending = (row["status"] as String) == ReservationStatus.paymentPending.rawValue
        self.init(reservationID: row.uuid("reservation_id"), sectionID: row.uuid("ga_section_id"),
                  quantity: row["quantity"], heldUntil: pending ? nil : row.date("held_until"))
    }
}

extension Reservation {
    init(row: Row) {
        self.init(
            id: row.uuid("reservation_id"), userID: row.uuid("user_id"), eventID: row.uuid("event_id"),
            seats: ReservedSeat.decodeLines(row["lines"]), gaSectionID: row.optionalUUID("ga_section_id"),
            quantity: row["quantity"], status: ReservationStatus(rawValue: row["status"]) ?? .cancelled,
            totalPriceCents: row["total_price_cents"], heldUntil: row.date("held_until"), createdAt: row.date("created_at"),
            confirmedAt: row.optionalDate("confirmed_at"), paymentID: row["payment_id"],
            idempotencyKey: row["idempotency_key"], requestHash: row["request_hash"], confirmKey: row["confirm_key"],
            paymentMethodID: row["payment_method"])
    }
}

extension Ticket {
    init(row: Row) {
        self.init(
            id: row.uuid("ticket_id"), reservationID: row.uuid("reservation_id"), eventID: row.uuid("event_id"),
            sectionID: row.uuid("section_id"), seatID: row.optionalUUID("seat_id"), seatLabel: row["seat_label"],
            ownerID: row.uuid("owner_id"), holderName: row["holder_name"],
            status: TicketStatus(rawValue: row["status"]) ?? .cancelled, qrCode: row["qr_code"],
            issuedAt: row.date("issued_at"), usedAt: row.optionalDate("used_at"), usedBy: row.optionalUUID("used_by"))
    }
}
