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
                // A savepoint per hold: a refused hold rolls back alone.
                try await connection.query("SAVEPOINT hold", logger: self.logger)
                do {
                    let outcome = try await self.applyHold(command, guarded: guarded, connection)
                    try await connection.query("RELEASE SAVEPOINT hold", logger: self.logger)
                    results.append(.success(outcome))
                } catch let error as BookingError {
                    try await connection.query("ROLLBACK TO SAVEPOINT hold", logger: self.logger)
                    try await connection.query("RELEASE SAVEPOINT hold", logger: self.logger)
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

    private func applyHold(_ command: HoldCommand, guarded: Bool, _ connection: PostgresConnection) async throws -> HoldOutcome {
        func collect(_ query: PostgresQuery) async throws -> [PostgresRow] {
            try await connection.query(query, logger: logger).collect()
        }
        // The buyer's lock row serialises one buyer's holds across nodes, so the per-buyer
        // limit and idempotency keys hold even when two nodes take the same buyer at once.
        // (Not the users row: with sharding, accounts live on another database.)
        try await connection.query(
            "INSERT INTO buyer_locks (user_id) VALUES (\(command.userID.text)) ON CONFLICT (user_id) DO UPDATE SET user_id = EXCLUDED.user_id",
            logger: logger)
        if let key = command.idempotencyKey,
           let previous = try await collect("SELECT * FROM reservations WHERE user_id = \(command.userID.text) AND idempotency_key = \(key)")
               .first.map(Reservation.init(postgres:)) {
            guard previous.requestHash == command.requestHash else { throw BookingError.idempotencyKeyReused }
            return .replayed(previous)
        }
        let quantity = switch command.selection {
        case let .seats(ids): ids.count
        case let .generalAdmission(_, quantity): quantity
        }
        let owned = try await collect("""
            SELECT COALESCE(SUM(quantity), 0)::int8 FROM reservations
            WHERE user_id = \(command.userID.text) AND event_id = \(command.event.id.text)
              AND (status IN ('PAYMENT_PENDING', 'CONFIRMED') OR (status = 'HELD' AND held_until > \(command.now.epochMilliseconds)))
            """).first?.decode(Int.self) ?? 0
        let limit = command.event.maxTicketsPerUser
        if owned + quantity > limit { throw BookingError.ticketLimitExceeded(limit: limit, remaining: max(0, limit - owned)) }

        let reservation: Reservation
        switch command.selection {
        case let .seats(ids):
            let texts = ids.map(\.text)
            let known = try await collect("""
                SELECT seat_id, section_id, row_label, seat_number, price_cents FROM seats
                WHERE event_id = \(command.event.id.text) AND seat_id = ANY(\(texts))
                """).map(Seat.init(postgres:))
            let byID = Dictionary(uniqueKeysWithValues: known.map { ($0.id, $0) })
            let missing = ids.filter { byID[$0] == nil }
            guard missing.isEmpty else { throw BookingError.seatsNotInEvent(missing) }
            // The conditional update is the guard: a row another transaction holds is
            // re-checked after it commits, so two buyers never both match a seat.
            let claimed = try await collect("""
                UPDATE seats SET status = 'HELD', reservation_id = \(command.reservationID.text), held_until = \(command.heldUntil.epochMilliseconds)
                WHERE event_id = \(command.event.id.text) AND seat_id = ANY(\(texts))
                  AND (status = 'AVAILABLE' OR (status = 'HELD' AND held_until IS NOT NULL AND held_until <= \(command.now.epochMilliseconds))
                       OR \(!guarded))
                RETURNING seat_id
                """).compactMap { try? UUID(uuidString: $0.decode(String.self)) }
            let claimedSet = Set(claimed)
            let unavailable = ids.filter { !claimedSet.contains($0) }
            guard unavailable.isEmpty else { throw BookingError.seatsUnavailable(unavailable) }
            let seats = ids.map { ReservedSeat(byID[$0]!) }
            reservation = Reservation(
                id: command.reservationID, userID: command.userID, eventID: command.event.id, seats: seats, gaSectionID: nil,
                quantity: seats.count, status: .held, totalPriceCents: seats.reduce(0) { $0 + $1.priceCents },
                heldUntil: command.heldUntil, createdAt: command.now, idempotencyKey: command.idempotencyKey,
                requestHash: command.requestHash)
        case let .generalAdmission(sectionID, quantity):
            guard let section = command.event.section(sectionID), section.kind == .generalAdmission else {
                throw BookingError.sectionNotFound
            }
            // The section's row lock serialises GA holds of one section across nodes.
            guard let row = try await collect("SELECT sold, held FROM sections WHERE section_id = \(sectionID.text) FOR UPDATE").first
            else { throw BookingError.sectionNotFound }
            let (sold, claimed) = try row.decode((Int, Int).self)
            if section.capacity - sold - claimed < quantity {
                let live = try await collect("""
                    SELECT COALESCE(SUM(quantity), 0)::int8 FROM reservations
                    WHERE ga_section_id = \(sectionID.text)
                      AND (status = 'PAYMENT_PENDING' OR (status = 'HELD' AND held_until > \(command.now.epochMilliseconds)))
                    """).first?.decode(Int.self) ?? 0
                let available = section.capacity - sold - live
                guard quantity <= available else { throw BookingError.insufficientInventory(available: max(0, available)) }
            }
            try await connection.query("UPDATE sections SET held = held + \(quantity) WHERE section_id = \(sectionID.text)", logger: logger)
            reservation = Reservation(
                id: command.reservationID, userID: command.userID, eventID: command.event.id, seats: [], gaSectionID: sectionID,
                quantity: quantity, status: .held, totalPriceCents: quantity * section.priceCents, heldUntil: command.heldUntil,
                createdAt: command.now, idempotencyKey: command.idempotencyKey, requestHash: command.requestHash)
        }
        try await connection.query("""
            INSERT INTO reservations (reservation_id, user_id, event_id, ga_section_id, lines, quantity, status,
                total_price_cents, held_until, created_at, idempotency_key, request_hash)
            VALUES (\(reservation.id.text), \(reservation.userID.text), \(reservation.eventID.text), \(reservation.gaSectionID?.text),
                \(ReservedSeat.encodeLines(reservation.seats)), \(reservation.quantity), \(reservation.status.rawValue),
                \(reservation.totalPriceCents), \(reservation.heldUntil.epochMilliseconds), \(reservation.createdAt.epochMilliseconds),
                \(reservation.idempotencyKey), \(reservation.requestHash))
            """, logger: logger)
        return .created(reservation)
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
