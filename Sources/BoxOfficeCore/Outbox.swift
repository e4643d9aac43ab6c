import Crypto
import Foundation

// The transactional outbox: every change someone outside may care about writes one
// message in the same transaction as the change, so a crash never loses one and a
// rolled-back change never sends one. The dispatcher turns messages into deliveries
// (webhooks now, email next) and sends them at least once, in order per event.

/// What happened, as webhook subscribers name it.
package enum OutboxEventType: String, CaseIterable, Sendable, Codable {
    case reservationHeld = "reservation.held"
    case reservationExpired = "reservation.expired"
    case reservationCancelled = "reservation.cancelled"
    case orderConfirmed = "order.confirmed"
    case ticketCheckedIn = "ticket.checked_in"
    case ticketVoided = "ticket.voided"
    case eventUpdated = "event.updated"
    case eventCancelled = "event.cancelled"
    case refundCreated = "refund.created"
    case refundSucceeded = "refund.succeeded"
    case refundFailed = "refund.failed"
}

/// A message a store write adds to the outbox.
package struct OutboxEntry: Sendable, Equatable {
    package var id: UUID
    package var type: OutboxEventType
    package var eventID: UUID
    package var createdAt: Date
    /// The `data` object as JSON text. Nil for `reservation.held`, whose data is made from
    /// the reservation when the message is dispatched (what it says never changes after
    /// the hold but its status), so a hold batch's transaction writes one small row for
    /// all its holds.
    package var data: String?
    /// The reservations a `reservation.held` row stands for (one message each, in order);
    /// for `order.confirmed` its reservation, for `refund.*` its refund.
    package var subjectIDs: [UUID]

    package init(id: UUID = .timeOrdered(), type: OutboxEventType, eventID: UUID, createdAt: Date, data: String?,
                 subjectIDs: [UUID] = []) {
        self.id = id
        self.type = type
        self.eventID = eventID
        self.createdAt = createdAt
        self.data = data
        self.subjectIDs = subjectIDs
    }

    /// The holds one batch made at one event (their data is made at dispatch).
    package static func held(_ reservationIDs: [UUID], eventID: UUID, at now: Date) -> OutboxEntry {
        OutboxEntry(type: .reservationHeld, eventID: eventID, createdAt: now, data: nil, subjectIDs: reservationIDs)
    }

    /// The id of the `reservation.held` message of a reservation: made from its id, so a
    /// message dispatched again after a crash has the same id.
    package static func heldMessageID(_ reservationID: UUID) -> UUID {
        var bytes = Array(SHA256.hash(data: Array("boxoffice/reservation.held/\(reservationID.text)".utf8)).prefix(16))
        bytes[6] = 0x80 | (bytes[6] & 0x0F)  // version 8: made by its own rule
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// A hold that ended (EXPIRED or CANCELLED).
    package static func released(_ reservation: Reservation, at now: Date) -> OutboxEntry {
        OutboxEntry(type: reservation.status == .expired ? .reservationExpired : .reservationCancelled, eventID: reservation.eventID,
                    createdAt: now, data: OutboxData.reservation(reservation))
    }

    /// Names its reservation (`subjectIDs`), whose buyer the confirmation email goes to.
    package static func confirmed(_ reservation: Reservation, tickets: [Ticket], currency: String, at now: Date) -> OutboxEntry {
        OutboxEntry(type: .orderConfirmed, eventID: reservation.eventID, createdAt: now,
                    data: OutboxData.order(reservation, tickets: tickets, currency: currency), subjectIDs: [reservation.id])
    }

    package static func checkedIn(_ ticket: Ticket, at now: Date) -> OutboxEntry {
        OutboxEntry(type: .ticketCheckedIn, eventID: ticket.eventID, createdAt: now, data: OutboxData.ticket(ticket))
    }

    package static func voided(_ ticket: Ticket, refundID: UUID, at now: Date) -> OutboxEntry {
        OutboxEntry(type: .ticketVoided, eventID: ticket.eventID, createdAt: now, data: OutboxData.ticket(ticket, refundID: refundID))
    }

    /// Names its refund (`subjectIDs`), for the buyer's refund and cancellation emails.
    package static func refund(_ type: OutboxEventType, _ refund: Refund, at now: Date) -> OutboxEntry {
        OutboxEntry(type: type, eventID: refund.eventID, createdAt: now, data: OutboxData.refund(refund), subjectIDs: [refund.id])
    }

    /// `refund.succeeded` when a refund has just succeeded, `refund.failed` when it has just
    /// failed (not again on each failed retry); nil otherwise.
    package static func refundFinished(_ refund: Refund, previousStatus: String?, at now: Date) -> OutboxEntry? {
        guard previousStatus != refund.status.rawValue else { return nil }
        switch refund.status {
        case .succeeded: return .refund(.refundSucceeded, refund, at: now)
        case .failed: return .refund(.refundFailed, refund, at: now)
        case .pending: return nil
        }
    }

    package static func event(_ type: OutboxEventType, _ event: Event, at now: Date) -> OutboxEntry {
        OutboxEntry(type: type, eventID: event.id, createdAt: now, data: OutboxData.event(event))
    }
}

/// A message as the outbox holds it.
package struct OutboxMessage: Sendable, Equatable {
    /// The store's order: within an event, messages are dispatched in this order.
    package var sequence: Int64
    package var entry: OutboxEntry

    package init(sequence: Int64, entry: OutboxEntry) {
        self.sequence = sequence
        self.entry = entry
    }

    /// The body every delivery of this message sends: `{"id", "type", "created_at",
    /// "event_id", "data"}` (`data` must be filled in).
    package func body(data: String) -> String {
        "{\"id\":\"\(entry.id.text)\",\"type\":\"\(entry.type.rawValue)\",\"created_at\":\"\(ISO8601Text.format(entry.createdAt))\","
            + "\"event_id\":\"\(entry.eventID.text)\",\"data\":\(data)}"
    }
}

/// The `data` objects of the outbox's messages, written by hand in a fixed key order
/// (the same bytes on every engine and every retry).
package enum OutboxData {
    package static func reservation(_ reservation: Reservation) -> String {
        "{\"reservation\":" + reservationObject(reservation) + "}"
    }

    static func reservationObject(_ r: Reservation) -> String {
        var out = "{\"reservation_id\":\"\(r.id.text)\",\"user_id\":\"\(r.userID.text)\",\"status\":\"\(r.status.rawValue)\""
        out += ",\"quantity\":\(r.quantity),\"total_price_cents\":\(r.totalPriceCents)"
        out += ",\"section_id\":" + (r.gaSectionID.map { "\"\($0.text)\"" } ?? "null")
        out += ",\"seats\":" + ReservedSeat.encodeLines(r.seats)
        out += ",\"held_until\":\"\(ISO8601Text.format(r.heldUntil))\",\"created_at\":\"\(ISO8601Text.format(r.createdAt))\"}"
        return out
    }

    package static func order(_ r: Reservation, tickets: [Ticket], currency: String) -> String {
        var out = "{\"order\":{\"reservation_id\":\"\(r.id.text)\",\"user_id\":\"\(r.userID.text)\",\"quantity\":\(r.quantity)"
        out += ",\"total_price_cents\":\(r.totalPriceCents),\"currency\":" + JSONText.quoted(currency)
        out += ",\"payment_id\":" + (r.paymentID.map(JSONText.quoted) ?? "null")
        out += ",\"confirmed_at\":" + (r.confirmedAt.map { "\"\(ISO8601Text.format($0))\"" } ?? "null")
        out += ",\"tickets\":[" + tickets.map { ticketObject($0) }.joined(separator: ",") + "]}}"
        return out
    }

    package static func ticket(_ ticket: Ticket, refundID: UUID? = nil) -> String {
        var out = "{\"ticket\":" + ticketObject(ticket)
        if let refundID { out += ",\"refund_id\":\"\(refundID.text)\"" }
        return out + "}"
    }

    static func ticketObject(_ t: Ticket) -> String {
        var out = "{\"ticket_id\":\"\(t.id.text)\",\"reservation_id\":\"\(t.reservationID.text)\",\"section_id\":\"\(t.sectionID.text)\""
        out += ",\"seat_id\":" + (t.seatID.map { "\"\($0.text)\"" } ?? "null")
        out += ",\"seat_label\":" + JSONText.quoted(t.seatLabel) + ",\"holder_name\":" + JSONText.quoted(t.holderName)
        out += ",\"status\":\"\(t.status.rawValue)\",\"issued_at\":\"\(ISO8601Text.format(t.issuedAt))\""
        out += ",\"used_at\":" + (t.usedAt.map { "\"\(ISO8601Text.format($0))\"" } ?? "null")
        return out + "}"
    }

    package static func refund(_ r: Refund) -> String {
        var out = "{\"refund\":{\"refund_id\":\"\(r.id.text)\",\"reservation_id\":\"\(r.reservationID.text)\""
        out += ",\"ticket_ids\":[" + r.ticketIDs.map { "\"\($0.text)\"" }.joined(separator: ",") + "]"
        out += ",\"amount_cents\":\(r.amountCents),\"fee_cents\":\(r.feeCents),\"currency\":" + JSONText.quoted(r.currency)
        out += ",\"status\":\"\(r.status.rawValue)\",\"reason\":" + (r.reason.map(JSONText.quoted) ?? "null")
        out += ",\"provider_refund_id\":" + (r.providerRefundID.map(JSONText.quoted) ?? "null")
        out += ",\"failure_message\":" + (r.failureMessage.map(JSONText.quoted) ?? "null")
        out += ",\"attempts\":\(r.attempts),\"created_at\":\"\(ISO8601Text.format(r.createdAt))\"}}"
        return out
    }

    package static func event(_ e: Event) -> String {
        var out = "{\"event\":{\"event_id\":\"\(e.id.text)\",\"title\":" + JSONText.quoted(e.title)
        out += ",\"artist\":" + JSONText.quoted(e.artist)
        out += ",\"venue\":{\"name\":" + JSONText.quoted(e.venue.name) + ",\"city\":" + JSONText.quoted(e.venue.city)
            + ",\"time_zone\":" + JSONText.quoted(e.venue.timeZone) + "}"
        out += ",\"starts_at\":\"\(ISO8601Text.format(e.startsAt))\""
        out += ",\"sale_starts_at\":" + (e.saleStartsAt.map { "\"\(ISO8601Text.format($0))\"" } ?? "null")
        out += ",\"hold_duration_minutes\":\(e.holdDurationMinutes),\"max_tickets_per_user\":\(e.maxTicketsPerUser)"
        out += ",\"waiting_room\":\(e.activeQueue != nil),\"currency\":" + JSONText.quoted(e.currency)
        out += ",\"cancelled_at\":" + (e.cancelledAt.map { "\"\(ISO8601Text.format($0))\"" } ?? "null")
        out += ",\"cancellation_reason\":" + (e.cancellationReason.map(JSONText.quoted) ?? "null") + "}}"
        return out
    }
}

/// ISO 8601 instants as the API writes them: `2026-07-01T20:00:00Z`, whole seconds, UTC.
/// Written by hand: it runs for every date of every response.
package enum ISO8601Text {
    package static func format(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
