import BoxOfficeCore
import Foundation
import PostgresNIO

extension PostgresStore {
    package func holdBatch(_ commands: [HoldCommand]) async throws -> [Result<HoldOutcome, BookingError>] {
        let guarded = availabilityGuard.load(ordering: .relaxed)
        let failCommit = failNextCommit.exchange(false, ordering: .relaxed)
        return try await transaction { connection in
            var results: [Result<HoldOutcome, BookingError>] = []
            results.reserveCapacity(commands.count)
            for command in commands {
                // boxoffice_hold decides before it writes, so a refused hold has changed
                // nothing and needs no savepoint: one round trip per hold.
                do {
                    results.append(.success(try await self.applyHold(command, guarded: guarded, connection)))
                } catch let error as BookingError {
                    results.append(.failure(error))
                }
            }
            if failCommit { throw SimulatedCommitFailure() }
            if let event = commands.first?.event.id, results.contains(where: { (try? $0.get()) != nil }) {
                try await self.announceChange(of: event, connection)
            }
            return results
        }
    }

    /// One round trip: `boxoffice_hold` (schema v6) applies the hold's rules in the database.
    private func applyHold(_ command: HoldCommand, guarded: Bool, _ connection: PostgresConnection) async throws -> HoldOutcome {
        var seatIDs: [String]?
        var sectionID: String?
        var quantity = 0
        var capacity = 0
        var price = 0
        switch command.selection {
        case let .seats(ids):
            seatIDs = ids.map(\.text)
            quantity = ids.count
        case let .generalAdmission(section, wanted):
            guard let found = command.event.section(section), found.kind == .generalAdmission else { throw BookingError.sectionNotFound }
            sectionID = section.text
            quantity = wanted
            capacity = found.capacity
            price = found.priceCents
        }
        let rows = try await connection.query("""
            SELECT outcome, ids, amount, out_lines FROM boxoffice_hold(
                \(command.reservationID.text), \(command.userID.text), \(command.event.id.text), \(seatIDs)::text[], \(sectionID),
                \(quantity)::int, \(capacity)::int, \(price)::int, \(command.heldUntil.epochMilliseconds), \(command.now.epochMilliseconds),
                \(command.event.maxTicketsPerUser)::int, \(command.idempotencyKey), \(command.requestHash), \(guarded))
            """, logger: logger).collect()
        guard let row = rows.first else { throw BookingError.invalid(field: "hold", reason: "no outcome") }
        let (outcome, ids, amount, lines) = try row.decode((String, [String]?, Int64?, String?).self)
        let uuids = (ids ?? []).compactMap(UUID.init(uuidString:))
        switch outcome {
        case "created":
            let seats = ReservedSeat.decodeLines(lines ?? "[]")
            return .created(Reservation(
                id: command.reservationID, userID: command.userID, eventID: command.event.id, seats: seats,
                gaSectionID: sectionID.flatMap(UUID.init(uuidString:)), quantity: quantity, status: .held,
                totalPriceCents: Int(amount ?? 0), heldUntil: Date(epochMilliseconds: command.heldUntil.epochMilliseconds),
                createdAt: Date(epochMilliseconds: command.now.epochMilliseconds), idempotencyKey: command.idempotencyKey,
                requestHash: command.requestHash))
        case "replayed":
            guard let id = uuids.first, let previous = try await connection.query(
                "SELECT * FROM reservations WHERE reservation_id = \(id.text)", logger: logger).collect().first.map(Reservation.init(postgres:))
            else { throw BookingError.reservationNotFound }
            return .replayed(previous)
        case "idempotency_mismatch": throw BookingError.idempotencyKeyReused
        case "limit":
            throw BookingError.ticketLimitExceeded(limit: command.event.maxTicketsPerUser, remaining: Int(amount ?? 0))
        case "not_in_event":
            let missing = Set(uuids)
            throw BookingError.seatsNotInEvent(command.seatOrder.filter { missing.contains($0) })
        case "unavailable":
            let taken = Set(uuids)
            throw BookingError.seatsUnavailable(command.seatOrder.filter { taken.contains($0) })
        case "section_not_found": throw BookingError.sectionNotFound
        case "insufficient": throw BookingError.insufficientInventory(available: Int(amount ?? 0))
        default: throw BookingError.invalid(field: "hold", reason: "unknown outcome \(outcome)")
        }
    }

    package func reservation(id: UUID) async throws -> Reservation? {
        try await rows("SELECT * FROM reservations WHERE reservation_id = \(id.text)").first.map(Reservation.init(postgres:))
    }

    /// The reservation, locked until the transaction ends.
    private func lockedReservation(_ id: UUID, _ connection: PostgresConnection) async throws -> Reservation? {
        try await connection.query("SELECT * FROM reservations WHERE reservation_id = \(id.text) FOR UPDATE", logger: logger)
            .collect().first.map(Reservation.init(postgres:))
    }

    package func beginPayment(reservationID: UUID, now: Date) async throws -> Reservation {
        try await transaction { connection in
            guard var reservation = try await self.lockedReservation(reservationID, connection) else { throw BookingError.reservationNotFound }
            guard reservation.status == .held else { throw BookingError.invalidState(reservation.status) }
            guard !reservation.isLapsed(at: now) else { throw BookingError.holdExpired }
            try await connection.query("UPDATE reservations SET status = 'PAYMENT_PENDING' WHERE reservation_id = \(reservationID.text)",
                                       logger: self.logger)
            try await connection.query("UPDATE seats SET held_until = NULL WHERE reservation_id = \(reservationID.text) AND status = 'HELD'",
                                       logger: self.logger)
            try await self.announceChange(of: reservation.eventID, connection)
            reservation.status = .paymentPending
            return reservation
        }
    }

    package func confirm(reservationID: UUID, paymentID: String, tickets: [Ticket], now: Date) async throws -> Reservation {
        try await transaction { connection in
            guard var reservation = try await self.lockedReservation(reservationID, connection) else { throw BookingError.reservationNotFound }
            guard reservation.status == .paymentPending else { throw BookingError.invalidState(reservation.status) }
            if let sectionID = reservation.gaSectionID {
                try await connection.query("""
                    UPDATE sections SET sold = sold + \(reservation.quantity), held = held - \(reservation.quantity)
                    WHERE section_id = \(sectionID.text)
                    """, logger: self.logger)
            } else {
                let sold = try await connection.query("""
                    UPDATE seats SET status = 'SOLD', held_until = NULL
                    WHERE reservation_id = \(reservationID.text) AND status = 'HELD' RETURNING seat_id
                    """, logger: self.logger).collect()
                guard sold.count == reservation.seats.count else { throw BookingError.seatsUnavailable(reservation.seats.map(\.seatID)) }
            }
            try await connection.query("""
                UPDATE reservations SET status = 'CONFIRMED', confirmed_at = \(now.epochMilliseconds), payment_id = \(paymentID)
                WHERE reservation_id = \(reservationID.text)
                """, logger: self.logger)
            try await connection.query("""
                INSERT INTO tickets (ticket_id, reservation_id, event_id, section_id, seat_id, seat_label, owner_id, holder_name,
                    status, qr_code, issued_at, updated_at)
                SELECT id, reservation, event, section, NULLIF(seat, ''), label, owner, holder, status, qr, issued, issued
                FROM UNNEST(\(tickets.map(\.id.text))::text[], \(tickets.map(\.reservationID.text))::text[],
                    \(tickets.map(\.eventID.text))::text[], \(tickets.map(\.sectionID.text))::text[], \(tickets.map { $0.seatID?.text ?? "" })::text[],
                    \(tickets.map(\.seatLabel))::text[], \(tickets.map(\.ownerID.text))::text[], \(tickets.map(\.holderName))::text[],
                    \(tickets.map(\.status.rawValue))::text[], \(tickets.map(\.qrCode))::text[], \(tickets.map(\.issuedAt.epochMilliseconds))::int8[])
                    AS t(id, reservation, event, section, seat, label, owner, holder, status, qr, issued)
                """, logger: self.logger)
            try await self.announceChange(of: reservation.eventID, connection)
            reservation.status = .confirmed
            reservation.confirmedAt = Date(epochMilliseconds: now.epochMilliseconds)
            reservation.paymentID = paymentID
            return reservation
        }
    }

    package func release(reservationID: UUID, as status: ReservationStatus, now: Date) async throws -> Reservation? {
        try await transaction { connection in
            guard var reservation = try await self.lockedReservation(reservationID, connection) else { return nil }
            switch status {
            case .expired: guard reservation.isLapsed(at: now) else { return nil }
            case .cancelled: guard reservation.status == .held || reservation.status == .paymentPending else { return nil }
            default: return nil
            }
            try await connection.query("UPDATE reservations SET status = \(status.rawValue) WHERE reservation_id = \(reservationID.text)",
                                       logger: self.logger)
            if let sectionID = reservation.gaSectionID {
                try await connection.query("UPDATE sections SET held = held - \(reservation.quantity) WHERE section_id = \(sectionID.text)",
                                           logger: self.logger)
            }
            try await connection.query("""
                UPDATE seats SET status = 'AVAILABLE', reservation_id = NULL, held_until = NULL
                WHERE reservation_id = \(reservationID.text) AND status = 'HELD'
                """, logger: self.logger)
            try await self.announceChange(of: reservation.eventID, connection)
            reservation.status = status
            return reservation
        }
    }

    package func lapsedReservations(now: Date, limit: Int) async throws -> [(reservationID: UUID, eventID: UUID)] {
        try await rows("""
            SELECT reservation_id, event_id FROM reservations WHERE status = 'HELD' AND held_until <= \(now.epochMilliseconds)
            ORDER BY held_until LIMIT \(limit)
            """).map { (PostgresColumns($0).uuid("reservation_id"), PostgresColumns($0).uuid("event_id")) }
    }
}
