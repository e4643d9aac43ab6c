import BoxOfficeCore
import Foundation
import PostgresNIO

extension PostgresStore {
    package func recordRefund(_ refund: Refund, returnToSale: Bool, now: Date) async throws -> RefundRecording {
        try await transaction { connection in
            // The reservation's row lock orders refunds of one reservation: a racing refund
            // waits here and then sees the tickets this one marked.
            _ = try await connection.query("SELECT 1 FROM reservations WHERE reservation_id = \(refund.reservationID.text) FOR UPDATE",
                                           logger: self.logger).collect()
            if let key = refund.idempotencyKey,
               let row = try await connection.query("""
                   SELECT * FROM refunds WHERE reservation_id = \(refund.reservationID.text) AND idempotency_key = \(key)
                   """, logger: self.logger).collect().first {
                return .existing(Refund(postgres: row))
            }
            var tickets: [UUID: (status: String, seatID: UUID?, sectionID: UUID)] = [:]
            for row in try await connection.query("""
                SELECT ticket_id, status, seat_id, section_id FROM tickets WHERE reservation_id = \(refund.reservationID.text)
                """, logger: self.logger).collect() {
                let c = PostgresColumns(row)
                tickets[c.uuid("ticket_id")] = (c.string("status"), c.optionalUUID("seat_id"), c.uuid("section_id"))
            }
            let refused = refund.ticketIDs.filter { tickets[$0]?.status != TicketStatus.active.rawValue }
            guard refused.isEmpty || !self.refundGuard.load(ordering: .relaxed) else { throw BookingError.ticketNotRefundable(refused) }
            let ids = refund.ticketIDs.map(\.text)
            try await connection.query("""
                UPDATE tickets SET status = 'REFUNDED', updated_at = \(now.epochMilliseconds)
                WHERE ticket_id = ANY(\(ids)) AND status = 'ACTIVE'
                """, logger: self.logger)
            var freedSeats: [UUID] = []
            var freedGA: (sectionID: UUID, quantity: Int, soldAfter: Int?)?
            if returnToSale {
                let seatIDs = refund.ticketIDs.compactMap { tickets[$0]?.seatID?.text }
                if !seatIDs.isEmpty {
                    for row in try await connection.query("""
                        UPDATE seats SET status = 'AVAILABLE', reservation_id = NULL, held_until = NULL
                        WHERE seat_id = ANY(\(seatIDs)) AND status = 'SOLD' AND reservation_id = \(refund.reservationID.text)
                        RETURNING seat_id
                        """, logger: self.logger).collect() {
                        freedSeats.append(PostgresColumns(row).uuid("seat_id"))
                    }
                }
                var gaPlaces: [UUID: Int] = [:]
                for id in refund.ticketIDs where tickets[id]?.seatID == nil {
                    if let sectionID = tickets[id]?.sectionID { gaPlaces[sectionID, default: 0] += 1 }
                }
                // A reservation's GA places are all in one section.
                for (sectionID, quantity) in gaPlaces {
                    let soldAfter = try await connection.query(
                        "UPDATE sections SET sold = sold - \(quantity) WHERE section_id = \(sectionID.text) RETURNING sold",
                        logger: self.logger).collect().first?.decode(Int.self)
                    freedGA = (sectionID, quantity, soldAfter)
                }
                try await self.announceChange(
                    of: refund.eventID,
                    [.refunded(refund: refund.id, reservation: refund.reservationID, seats: freedSeats,
                               generalAdmission: freedGA.map { .init(sectionID: $0.sectionID, quantity: $0.quantity, soldAfter: $0.soldAfter) })],
                    connection)
            }
            try await connection.query("""
                INSERT INTO refunds (refund_id, reservation_id, event_id, ticket_ids, amount_cents, fee_cents, currency, status, reason,
                    requested_by, idempotency_key, provider_refund_id, failure_message, attempts, created_at, updated_at)
                VALUES (\(refund.id.text), \(refund.reservationID.text), \(refund.eventID.text), \(RefundRows.ticketList(refund.ticketIDs)),
                    \(refund.amountCents), \(refund.feeCents), \(refund.currency), \(refund.status.rawValue), \(refund.reason),
                    \(refund.requestedBy.text), \(refund.idempotencyKey), \(refund.providerRefundID), \(refund.failureMessage),
                    \(refund.attempts), \(refund.createdAt.epochMilliseconds), \(refund.updatedAt.epochMilliseconds))
                """, logger: self.logger)
            let voided = try await connection.query("SELECT * FROM tickets WHERE ticket_id = ANY(\(ids)) ORDER BY seat_label, ticket_id",
                                                    logger: self.logger).collect().map(Ticket.init(postgres:))
            try await self.appendOutbox([.refund(.refundCreated, refund, at: now)] + voided.map { .voided($0, refundID: refund.id, at: now) },
                                        connection)
            return .recorded(refund, freedSeats: freedSeats, freedGA: freedGA.map { ($0.sectionID, $0.quantity) })
        }
    }

    package func refund(id: UUID) async throws -> Refund? {
        try await rows("SELECT * FROM refunds WHERE refund_id = \(id.text)").first.map(Refund.init(postgres:))
    }

    package func refunds(reservationID: UUID) async throws -> [Refund] {
        try await rows("SELECT * FROM refunds WHERE reservation_id = \(reservationID.text) ORDER BY created_at, refund_id")
            .map(Refund.init(postgres:))
    }

    package func refunds(eventID: UUID) async throws -> [Refund] {
        try await rows("SELECT * FROM refunds WHERE event_id = \(eventID.text) ORDER BY created_at, refund_id").map(Refund.init(postgres:))
    }

    package func finishRefund(id: UUID, status: RefundStatus, providerRefundID: String?, failureMessage: String?,
                              now: Date) async throws -> Refund? {
        try await transaction { connection in
            let before = try await connection.query("SELECT status FROM refunds WHERE refund_id = \(id.text) FOR UPDATE", logger: self.logger)
                .collect().first?.decode(String.self)
            guard let before else { return nil }
            try await connection.query("""
                UPDATE refunds SET status = \(status.rawValue), provider_refund_id = COALESCE(\(providerRefundID), provider_refund_id),
                    failure_message = \(failureMessage), attempts = attempts + 1, updated_at = \(now.epochMilliseconds)
                WHERE refund_id = \(id.text) AND status <> 'SUCCEEDED'
                """, logger: self.logger)
            let refund = try await connection.query("SELECT * FROM refunds WHERE refund_id = \(id.text)", logger: self.logger)
                .collect().first.map(Refund.init(postgres:))
            if let refund, let message = OutboxEntry.refundFinished(refund, previousStatus: before, at: now) {
                try await self.appendOutbox(message, connection)
            }
            return refund
        }
    }

    package func unsettledRefunds(updatedBefore: Date, limit: Int) async throws -> [Refund] {
        try await rows("""
            SELECT * FROM refunds WHERE status <> 'SUCCEEDED' AND updated_at < \(updatedBefore.epochMilliseconds)
            ORDER BY updated_at LIMIT \(limit)
            """).map(Refund.init(postgres:))
    }
}

extension PostgresStore {
    package func cancelEvent(eventID: UUID, reason: String?, at: Date) async throws -> Bool {
        try await transaction { connection in
            let changed = try await connection.query("""
                UPDATE events SET cancelled_at = \(at.epochMilliseconds), cancellation_reason = \(reason)
                WHERE event_id = \(eventID.text) AND cancelled_at IS NULL RETURNING event_id
                """, logger: self.logger).collect()
            try await self.announceReload(of: eventID, connection)
            if !changed.isEmpty, let event = try await self.eventFields(eventID, connection) {
                try await self.appendOutbox(.event(.eventCancelled, event, at: at), connection)
            }
            return !changed.isEmpty
        }
    }

    package func ordersToRefund(limit: Int) async throws -> [(eventID: UUID, reservationIDs: [UUID])] {
        var orders: [UUID: [UUID]] = [:]
        for row in try await rows("""
            SELECT r.event_id, r.reservation_id FROM events e JOIN reservations r ON r.event_id = e.event_id
            WHERE e.cancelled_at IS NOT NULL AND r.status = 'CONFIRMED'
              AND EXISTS (SELECT 1 FROM tickets t WHERE t.reservation_id = r.reservation_id AND t.status = 'ACTIVE')
            ORDER BY r.created_at LIMIT \(limit)
            """) {
            let c = PostgresColumns(row)
            orders[c.uuid("event_id"), default: []].append(c.uuid("reservation_id"))
        }
        return orders.map { (eventID: $0.key, reservationIDs: $0.value) }
    }
}

extension Refund {
    init(postgres row: PostgresRow) {
        let c = PostgresColumns(row)
        self.init(id: c.uuid("refund_id"), reservationID: c.uuid("reservation_id"), eventID: c.uuid("event_id"),
                  ticketIDs: RefundRows.tickets(c.string("ticket_ids")), amountCents: c.int("amount_cents"), feeCents: c.int("fee_cents"),
                  currency: c.string("currency"), status: RefundStatus(rawValue: c.string("status")) ?? .pending,
                  reason: c.optionalString("reason"), requestedBy: c.uuid("requested_by"), idempotencyKey: c.optionalString("idempotency_key"),
                  providerRefundID: c.optionalString("provider_refund_id"), failureMessage: c.optionalString("failure_message"),
                  attempts: c.int("attempts"), createdAt: c.date("created_at"), updatedAt: c.date("updated_at"))
    }
}
