import BoxOfficeCore
import Foundation
import GRDB

extension SQLiteStore {
    package func recordRefund(_ refund: Refund, returnToSale: Bool, now: Date) async throws -> RefundRecording {
        try await queue.write { db in
            if let key = refund.idempotencyKey,
               let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM refunds WHERE reservation_id = ? AND idempotency_key = ?"),
                                          arguments: [refund.reservationID.text, key]) {
                return .existing(Refund(row: row))
            }
            var tickets: [UUID: (status: String, seatID: UUID?, sectionID: UUID)] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT ticket_id, status, seat_id, section_id FROM tickets WHERE reservation_id = ?"),
                                        arguments: [refund.reservationID.text]) {
                tickets[row.uuid("ticket_id")] = (row["status"], row.optionalUUID("seat_id"), row.uuid("section_id"))
            }
            let refused = refund.ticketIDs.filter { tickets[$0]?.status != TicketStatus.active.rawValue }
            guard refused.isEmpty || !self.refundGuard.load(ordering: .relaxed) else { throw BookingError.ticketNotRefundable(refused) }
            let markRefunded = try db.cachedStatement(sql: "UPDATE tickets SET status = 'REFUNDED', updated_at = ? WHERE ticket_id = ? AND status = 'ACTIVE'")
            for id in refund.ticketIDs {
                try markRefunded.execute(arguments: [now.epochMilliseconds, id.text])
            }
            var freedSeats: [UUID] = []
            var freedGA: (sectionID: UUID, quantity: Int)?
            if returnToSale {
                let freeSeat = try db.cachedStatement(sql: """
                    UPDATE seats SET status = 'AVAILABLE', reservation_id = NULL, held_until = NULL
                    WHERE seat_id = ? AND status = 'SOLD' AND reservation_id = ?
                    """)
                var gaPlaces: [UUID: Int] = [:]
                for id in refund.ticketIDs {
                    guard let ticket = tickets[id] else { continue }
                    if let seatID = ticket.seatID {
                        try freeSeat.execute(arguments: [seatID.text, refund.reservationID.text])
                        if db.changesCount == 1 { freedSeats.append(seatID) }
                    } else {
                        gaPlaces[ticket.sectionID, default: 0] += 1
                    }
                }
                for (sectionID, quantity) in gaPlaces {
                    try db.cachedStatement(sql: "UPDATE sections SET sold = sold - ? WHERE section_id = ?")
                        .execute(arguments: [quantity, sectionID.text])
                    freedGA = (sectionID, quantity)
                }
            }
            try db.cachedStatement(sql: """
                INSERT INTO refunds (refund_id, reservation_id, event_id, ticket_ids, amount_cents, fee_cents, currency, status, reason,
                    requested_by, idempotency_key, provider_refund_id, failure_message, attempts, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    refund.id.text, refund.reservationID.text, refund.eventID.text, RefundRows.ticketList(refund.ticketIDs),
                    refund.amountCents, refund.feeCents, refund.currency, refund.status.rawValue, refund.reason,
                    refund.requestedBy.text, refund.idempotencyKey, refund.providerRefundID, refund.failureMessage, refund.attempts,
                    refund.createdAt.epochMilliseconds, refund.updatedAt.epochMilliseconds,
                ])
            let voided = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM tickets WHERE reservation_id = ?"),
                                          arguments: [refund.reservationID.text]).map(Ticket.init(row:))
                .filter { refund.ticketIDs.contains($0.id) }
            try Self.appendOutbox([.refund(.refundCreated, refund, at: now)] + voided.map { .voided($0, refundID: refund.id, at: now) }, db)
            return .recorded(refund, freedSeats: freedSeats, freedGA: freedGA)
        }
    }

    package func refund(id: UUID) async throws -> Refund? {
        try await queue.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM refunds WHERE refund_id = ?"), arguments: [id.text]).map(Refund.init(row:))
        }
    }

    package func refunds(reservationID: UUID) async throws -> [Refund] {
        try await queue.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM refunds WHERE reservation_id = ? ORDER BY created_at, refund_id"),
                             arguments: [reservationID.text]).map(Refund.init(row:))
        }
    }

    package func refunds(eventID: UUID) async throws -> [Refund] {
        try await queue.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM refunds WHERE event_id = ? ORDER BY created_at, refund_id"),
                             arguments: [eventID.text]).map(Refund.init(row:))
        }
    }

    package func finishRefund(id: UUID, status: RefundStatus, providerRefundID: String?, failureMessage: String?,
                              now: Date) async throws -> Refund? {
        try await queue.write { db in
            let before = try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM refunds WHERE refund_id = ?"), arguments: [id.text])
            try db.cachedStatement(sql: """
                UPDATE refunds SET status = ?, provider_refund_id = COALESCE(?, provider_refund_id), failure_message = ?,
                    attempts = attempts + 1, updated_at = ?
                WHERE refund_id = ? AND status <> 'SUCCEEDED'
                """).execute(arguments: [status.rawValue, providerRefundID, failureMessage, now.epochMilliseconds, id.text])
            let refund = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM refunds WHERE refund_id = ?"), arguments: [id.text])
                .map(Refund.init(row:))
            if let refund, let message = OutboxEntry.refundFinished(refund, previousStatus: before, at: now) {
                try Self.appendOutbox(message, db)
            }
            return refund
        }
    }

    package func unsettledRefunds(updatedBefore: Date, limit: Int) async throws -> [Refund] {
        try await queue.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM refunds WHERE status <> 'SUCCEEDED' AND updated_at < ? ORDER BY updated_at LIMIT ?
                """), arguments: [updatedBefore.epochMilliseconds, limit]).map(Refund.init(row:))
        }
    }
}

extension SQLiteStore {
    package func cancelEvent(eventID: UUID, reason: String?, at: Date) async throws -> Bool {
        try await queue.write { db in
            try db.cachedStatement(sql: "UPDATE events SET cancelled_at = ?, cancellation_reason = ? WHERE event_id = ? AND cancelled_at IS NULL")
                .execute(arguments: [at.epochMilliseconds, reason, eventID.text])
            guard db.changesCount == 1 else { return false }
            if let event = try Self.event(id: eventID, db) { try Self.appendOutbox(.event(.eventCancelled, event, at: at), db) }
            return true
        }
    }

    package func ordersToRefund(limit: Int) async throws -> [(eventID: UUID, reservationIDs: [UUID])] {
        try await queue.read { db in
            var orders: [UUID: [UUID]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT r.event_id, r.reservation_id FROM events e JOIN reservations r ON r.event_id = e.event_id
                WHERE e.cancelled_at IS NOT NULL AND r.status = 'CONFIRMED'
                  AND EXISTS (SELECT 1 FROM tickets t WHERE t.reservation_id = r.reservation_id AND t.status = 'ACTIVE')
                ORDER BY r.created_at LIMIT ?
                """, arguments: [limit]) {
                orders[row.uuid("event_id"), default: []].append(row.uuid("reservation_id"))
            }
            return orders.map { (eventID: $0.key, reservationIDs: $0.value) }
        }
    }
}

/// How both engines store a refund's tickets: their ids, comma-separated.
enum RefundRows {
    static func ticketList(_ ids: [UUID]) -> String { ids.map(\.text).joined(separator: ",") }
    static func tickets(_ text: String) -> [UUID] { text.split(separator: ",").compactMap { UUID(text: String($0)) } }
}

extension Refund {
    init(row: Row) {
        self.init(id: row.uuid("refund_id"), reservationID: row.uuid("reservation_id"), eventID: row.uuid("event_id"),
                  ticketIDs: RefundRows.tickets(row["ticket_ids"]), amountCents: row["amount_cents"], feeCents: row["fee_cents"],
                  currency: row["currency"], status: RefundStatus(rawValue: row["status"]) ?? .pending, reason: row["reason"],
                  requestedBy: row.uuid("requested_by"), idempotencyKey: row["idempotency_key"], providerRefundID: row["provider_refund_id"],
                  failureMessage: row["failure_message"], attempts: row["attempts"], createdAt: row.date("created_at"),
                  updatedAt: row.date("updated_at"))
    }
}
