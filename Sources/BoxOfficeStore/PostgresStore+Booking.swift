import BoxOfficeCore
import Foundation
import PostgresNIO

extension PostgresStore {
    package func holdBatch(_ commands: [HoldCommand]) async throws -> [Result<HoldOutcome, BookingError>] {
        let guarded = availabilityGuard.load(ordering: .relaxed)
        let failCommit = failNextCommit.exchange(false, ordering: .relaxed)
        // A batch of GA holds names the holds it made in its change notice; see `InventoryNotice`.
        let notice = commands.first.map { InventoryNotice.prefix(node: nodeID, eventID: $0.event.id) } ?? ""
        if !failCommit, let statement = HoldGABatchStatement(commands, channel: Self.changeChannel, notice: notice) {
            return try await holdGABatch(commands, statement)
        }
        let json = "[" + commands.map(Self.batchArgument).joined(separator: ",") + "]"
        if !failCommit, let event = commands.first?.event.id {
            return try await holdBatchInOneStatement(commands, json: json, guarded: guarded, event: event)
        }
        return try await transaction { connection in
            // The whole group in one round trip (schema v7): boxoffice_hold for each command.
            let rows = try await connection.query(
                "SELECT idx, outcome, ids, amount, out_lines FROM boxoffice_hold_batch(\(json)::jsonb, \(guarded))",
                logger: self.logger).collect()
            let answers = try rows.map { row in
                let (_, outcome, ids, amount, lines) = try row.decode((Int, String, [String]?, Int64?, String?).self)
                return HoldAnswer(outcome: outcome, ids: ids, amount: amount, lines: lines)
            }
            let results = try await self.holdResults(answers, for: commands, connection)
            if failCommit { throw SimulatedCommitFailure() }
            let held: [InventoryChange] = results.compactMap { result in
                if case let .success(.created(reservation)) = result { .held(reservation) } else { nil }
            }
            if let event = commands.first?.event.id, !held.isEmpty {
                try await self.announceChange(of: event, held, connection)
            }
            return results
        }
    }

    /// The batch as one statement, its own transaction: the holds, then the change
    /// notice if any hold was made (sent by PostgreSQL when the statement commits). One
    /// round trip instead of BEGIN, the batch, the notice and COMMIT.
    private func holdBatchInOneStatement(
        _ commands: [HoldCommand], json: String, guarded: Bool, event: UUID
    ) async throws -> [Result<HoldOutcome, BookingError>] {
        let statement = HoldBatchStatement(json: json, guarded: guarded, channel: Self.changeChannel,
                                           notice: InventoryNotice.prefix(node: nodeID, eventID: event),
                                           entries: commands.map { InventoryNotice.entry(.held($0)) })
        return try await retryingConflicts {
            try await self.client.withConnection { connection in
                // All rows first: a replay reads its reservation on this connection.
                var answers: [HoldAnswer] = []
                for try await (_, outcome, ids, amount, lines, _) in try await connection.execute(statement, logger: self.logger) {
                    answers.append(HoldAnswer(outcome: outcome, ids: ids, amount: amount, lines: lines))
                }
                return try await self.holdResults(answers, for: commands, connection)
            }
        }
    }

    /// A batch of GA holds through `boxoffice_hold_ga_batch`: typed arrays in, one row of
    /// arrays out, its own transaction (the change notice leaves with the commit).
    private func holdGABatch(
        _ commands: [HoldCommand], _ statement: HoldGABatchStatement
    ) async throws -> [Result<HoldOutcome, BookingError>] {
        try await retryingConflicts {
            try await self.client.withConnection { connection in
                var answer: HoldGABatchStatement.Row?
                for try await row in try await connection.execute(statement, logger: self.logger) { answer = row }
                guard let (outcomes, ids, amounts) = answer, outcomes.count == commands.count,
                      ids.count == commands.count, amounts.count == commands.count
                else { throw BookingError.invalid(field: "hold", reason: "the database answered a batch of \(commands.count) holds with another count") }
                let answers = outcomes.indices.map { index in
                    HoldAnswer(outcome: outcomes[index], ids: ids[index].isEmpty ? nil : [ids[index]], amount: amounts[index],
                               lines: outcomes[index] == "created" ? "[]" : nil)
                }
                return try await self.holdResults(answers, for: commands, connection)
            }
        }
    }

    /// `boxoffice_hold_ga_batch`'s call, prepared once per connection, for a batch it may
    /// decide set-wise: all GA, one event, no presale window limit, no idempotency key
    /// given twice by one buyer. Nil for any other batch.
    struct HoldGABatchStatement: PostgresPreparedStatement {
        static let sql = """
            SELECT outcomes, ids, amounts FROM boxoffice_hold_ga_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
            """
        typealias Row = ([String], [String], [Int64])

        var event = ""
        var reservations: [String] = [], users: [String] = [], sections: [String] = []
        var quantities: [Int32] = [], capacities: [Int32] = [], prices: [Int32] = [], limits: [Int32] = []
        var heldUntil: [Int64] = [], now: [Int64] = []
        var keys: [String] = [], hashes: [String] = [], presales: [String] = []
        var channel: String
        /// The notices' prefix, and each hold's entry as if made.
        var notice: String
        var entries: [String] = []

        init?(_ commands: [HoldCommand], channel: String, notice: String) {
            guard let event = commands.first?.event.id else { return nil }
            self.event = event.text
            self.channel = channel
            self.notice = notice
            var keysGiven = Set<String>()
            for command in commands {
                guard case let .generalAdmission(sectionID, quantity) = command.selection, command.event.id == event,
                      command.presale?.limit == nil, let quantity = Int32(exactly: quantity) else { return nil }
                if let key = command.idempotencyKey {
                    guard keysGiven.insert(command.userID.text + " " + key).inserted else { return nil }
                }
                reservations.append(command.reservationID.text)
                users.append(command.userID.text)
                // An unknown or seated section goes in as an id no section has: the function answers section_not_found.
                if let section = command.event.section(sectionID), section.kind == .generalAdmission,
                   let capacity = Int32(exactly: section.capacity), let price = Int32(exactly: section.priceCents) {
                    sections.append(sectionID.text)
                    capacities.append(capacity)
                    prices.append(price)
                } else {
                    sections.append(UUID.random().text)
                    capacities.append(0)
                    prices.append(0)
                }
                quantities.append(quantity)
                limits.append(Int32(clamping: command.event.maxTicketsPerUser))
                heldUntil.append(command.heldUntil.epochMilliseconds)
                now.append(command.now.epochMilliseconds)
                keys.append(command.idempotencyKey ?? "")
                hashes.append(command.requestHash ?? "")
                presales.append(command.presale?.window ?? "")
                entries.append(InventoryNotice.entry(.held(command)))
            }
        }

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 16)
            bindings.append(event)
            bindings.append(reservations)
            bindings.append(users)
            bindings.append(sections)
            bindings.append(quantities)
            bindings.append(capacities)
            bindings.append(prices)
            bindings.append(heldUntil)
            bindings.append(now)
            bindings.append(limits)
            bindings.append(keys)
            bindings.append(hashes)
            bindings.append(presales)
            bindings.append(channel)
            bindings.append(notice)
            bindings.append(entries)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// The batch statement, prepared once per connection: it is parsed and planned once,
    /// not for every batch. The change notice names the holds made (`$5` holds each
    /// command's entry, as if made), in as many notices as they need: entries are grouped
    /// by their running length so that no notice passes 8,000 bytes, and an entry too long
    /// for one (a hold of a hundred seats) goes as a reload.
    struct HoldBatchStatement: PostgresPreparedStatement {
        static let sql = """
            WITH held AS (SELECT idx, outcome, ids, amount, out_lines FROM boxoffice_hold_batch($1::jsonb, $2)),
                 made AS (SELECT h.idx, CASE WHEN octet_length(($5::text[])[h.idx + 1]) > 3800 THEN '!' ELSE ($5::text[])[h.idx + 1] END AS entry
                          FROM held AS h WHERE h.outcome = 'created'),
                 grouped AS (SELECT idx, entry, (sum(octet_length(entry) + 1) OVER (ORDER BY idx)) / 4000 AS part FROM made),
                 notice AS (SELECT pg_notify($3, $4 || string_agg(entry, ';' ORDER BY idx)) FROM grouped GROUP BY part)
            SELECT idx, outcome, ids, amount, out_lines, (SELECT count(*) FROM notice) AS noticed
            FROM held ORDER BY idx
            """
        typealias Row = (Int, String, [String]?, Int64?, String?, Int64)

        var json: String
        var guarded: Bool
        var channel: String
        var notice: String
        var entries: [String]

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(json)
            bindings.append(guarded)
            bindings.append(channel)
            bindings.append(notice)
            bindings.append(entries)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// One command as `boxoffice_hold_batch` reads it, as a JSON object (written by hand:
    /// `JSONSerialization` took a quarter of the server's time in a sale).
    package static func batchArgument(_ command: HoldCommand) -> String {
        var out = "{\"reservation\":\"\(command.reservationID.text)\",\"user\":\"\(command.userID.text)\""
        out += ",\"event\":\"\(command.event.id.text)\",\"held_until\":\(command.heldUntil.epochMilliseconds)"
        out += ",\"now\":\(command.now.epochMilliseconds),\"limit\":\(command.event.maxTicketsPerUser)"
        if let key = command.idempotencyKey { out += ",\"key\":" + JSONText.quoted(key) }
        if let hash = command.requestHash { out += ",\"hash\":" + JSONText.quoted(hash) }
        if let presale = command.presale {
            out += ",\"presale\":" + JSONText.quoted(presale.window)
            if let limit = presale.limit { out += ",\"presale_limit\":\(limit)" }
        }
        switch command.selection {
        case let .seats(ids):
            out += ",\"seats\":[" + ids.map { "\"\($0.text)\"" }.joined(separator: ",") + "]"
            out += ",\"quantity\":\(ids.count),\"capacity\":0,\"price\":0"
        case let .generalAdmission(sectionID, quantity):
            // An unknown or seated section goes in as an id no section has: the function answers section_not_found.
            if let section = command.event.section(sectionID), section.kind == .generalAdmission {
                out += ",\"section\":\"\(sectionID.text)\",\"capacity\":\(section.capacity),\"price\":\(section.priceCents)"
            } else {
                out += ",\"section\":\"\(UUID.random().text)\",\"capacity\":0,\"price\":0"
            }
            out += ",\"quantity\":\(quantity)"
        }
        return out + "}"
    }

    /// What the database answered for one hold.
    struct HoldAnswer {
        var outcome: String
        var ids: [String]?
        var amount: Int64?
        var lines: String?
    }

    /// Each command's answer, in order, as its outcome or its refusal.
    private func holdResults(
        _ answers: [HoldAnswer], for commands: [HoldCommand], _ connection: PostgresConnection
    ) async throws -> [Result<HoldOutcome, BookingError>] {
        var results: [Result<HoldOutcome, BookingError>] = []
        results.reserveCapacity(commands.count)
        for (answer, command) in zip(answers, commands) {
            do {
                results.append(.success(try await holdOutcome(answer.outcome, ids: answer.ids, amount: answer.amount,
                                                              lines: answer.lines, command: command, connection)))
            } catch let error as BookingError {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// Turns `boxoffice_hold`'s answer into the hold's outcome or its refusal.
    private func holdOutcome(
        _ outcome: String, ids: [String]?, amount: Int64?, lines: String?, command: HoldCommand, _ connection: PostgresConnection
    ) async throws -> HoldOutcome {
        let uuids = (ids ?? []).compactMap(UUID.init(text:))
        switch outcome {
        case "created":
            var gaSection: UUID?
            if case let .generalAdmission(sectionID, _) = command.selection { gaSection = sectionID }
            return .created(Reservation(
                id: command.reservationID, userID: command.userID, eventID: command.event.id,
                seats: ReservedSeat.decodeLines(lines ?? "[]"), gaSectionID: gaSection,
                quantity: command.seatOrder.isEmpty ? command.gaQuantity : command.seatOrder.count, status: .held,
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
        case "window_limit":
            throw BookingError.ticketLimitExceeded(limit: command.presale?.limit ?? 0, remaining: Int(amount ?? 0))
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

    package func beginPayment(reservationID: UUID, paymentMethodID: String, paymentID: String?, confirmKey: String?,
                              now: Date) async throws -> Reservation {
        try await transaction { connection in
            guard var reservation = try await self.lockedReservation(reservationID, connection) else { throw BookingError.reservationNotFound }
            guard reservation.status == .held else { throw BookingError.invalidState(reservation.status) }
            guard !reservation.isLapsed(at: now) else { throw BookingError.holdExpired }
            try await connection.query("""
                UPDATE reservations SET status = 'PAYMENT_PENDING', payment_method = \(paymentMethodID),
                    payment_started_at = \(now.epochMilliseconds), confirm_key = \(confirmKey), payment_id = \(paymentID)
                WHERE reservation_id = \(reservationID.text)
                """, logger: self.logger)
            try await connection.query("UPDATE seats SET held_until = NULL WHERE reservation_id = \(reservationID.text) AND status = 'HELD'",
                                       logger: self.logger)
            try await self.announceChange(of: reservation.eventID, [.paying(reservation)], connection)
            reservation.status = .paymentPending
            reservation.confirmKey = confirmKey
            reservation.paymentMethodID = paymentMethodID
            reservation.paymentID = paymentID
            return reservation
        }
    }

    package func confirm(reservationID: UUID, paymentID: String, tickets: [Ticket], now: Date) async throws -> Reservation {
        try await transaction { connection in
            guard var reservation = try await self.lockedReservation(reservationID, connection) else { throw BookingError.reservationNotFound }
            guard reservation.status == .paymentPending else { throw BookingError.invalidState(reservation.status) }
            var soldAfter: Int?
            if let sectionID = reservation.gaSectionID {
                soldAfter = try await connection.query("""
                    UPDATE sections SET sold = sold + \(reservation.quantity), held = held - \(reservation.quantity)
                    WHERE section_id = \(sectionID.text) RETURNING sold
                    """, logger: self.logger).collect().first?.decode(Int.self)
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
            try await self.announceChange(of: reservation.eventID, [.confirmed(reservation, soldAfter: soldAfter)], connection)
            reservation.status = .confirmed
            reservation.confirmedAt = Date(epochMilliseconds: now.epochMilliseconds)
            reservation.paymentID = paymentID
            let currency = try await connection.query("SELECT currency FROM events WHERE event_id = \(reservation.eventID.text)",
                                                      logger: self.logger).collect().first?.decode(String.self) ?? Event.defaultCurrency
            try await self.appendOutbox(.confirmed(reservation, tickets: tickets, currency: currency, at: now), connection)
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
            try await self.announceChange(of: reservation.eventID, [.released(reservation)], connection)
            reservation.status = status
            try await self.appendOutbox(.released(reservation, at: now), connection)
            return reservation
        }
    }

    package func lapsedReservations(now: Date, limit: Int) async throws -> [(reservationID: UUID, eventID: UUID)] {
        try await rows("""
            SELECT reservation_id, event_id FROM reservations WHERE status = 'HELD' AND held_until <= \(now.epochMilliseconds)
            ORDER BY held_until LIMIT \(limit)
            """).map { (PostgresColumns($0).uuid("reservation_id"), PostgresColumns($0).uuid("event_id")) }
    }

    package func unsettledPayments(startedBefore: Date, limit: Int) async throws -> [(reservationID: UUID, paymentMethodID: String)] {
        try await rows("""
            SELECT reservation_id, payment_method FROM reservations
            WHERE status = 'PAYMENT_PENDING' AND payment_started_at < \(startedBefore.epochMilliseconds)
            ORDER BY payment_started_at LIMIT \(limit)
            """).map { (PostgresColumns($0).uuid("reservation_id"), PostgresColumns($0).optionalString("payment_method") ?? "") }
    }
}
