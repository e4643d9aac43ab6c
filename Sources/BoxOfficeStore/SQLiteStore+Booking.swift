import BoxOfficeCore
import Foundation
import GRDB
import Synchronization

extension SQLiteStore {
    package func holdBatch(_ commands: [HoldCommand]) async throws -> [Result<HoldOutcome, BookingError>] {
        try await holdBatch(taking: { commands })
    }

    /// The batch is taken on the writer's queue, at the moment the writer is free, so
    /// the holds that arrived while the previous batch committed all join it.
    package func holdBatch(taking take: @Sendable () -> [HoldCommand]) async throws -> [Result<HoldOutcome, BookingError>] {
        let guarded = availabilityGuard.load(ordering: .relaxed)
        return try await queue.writeWithoutTransaction { db -> [Result<HoldOutcome, BookingError>] in
            let commands = take()
            guard !commands.isEmpty else { return [] }
            let failCommit = self.failNextCommit.exchange(false, ordering: .relaxed)
            var results: [Result<HoldOutcome, BookingError>] = []
            results.reserveCapacity(commands.count)
            // Holds this batch made, counted for the limit until the map takes them on commit.
            let batchHeld = HeldPlaces()
            try db.inTransaction {
                // One small outbox row for all the holds this batch makes (their data is made at dispatch).
                var made: [(event: UUID, reservation: UUID)] = []
                // GA places taken by this batch per section, added to `held` once at the end.
                var taken: [UUID: Int] = [:]
                // Each section's sold and held counts as this transaction first read them: only
                // this batch changes them before it commits (adding `taken` at the end).
                var stock: [UUID: (sold: Int, held: Int)] = [:]
                for command in commands {
                    do {
                        switch command.selection {
                        case let .generalAdmission(sectionID, quantity):
                            // No savepoint: a GA hold decides from reads, then writes one row, so a
                            // refusal has written nothing (and a failed write fails the batch).
                            let held = self.held(by: command, besides: batchHeld)
                            let outcome = try Self.applyHold(command, guarded: guarded, db) {
                                try Self.holdPlaces(quantity, in: sectionID, command, held: held, stock: &stock,
                                                    alreadyTaken: taken[sectionID, default: 0], db)
                            }
                            if case let .created(reservation) = outcome {
                                taken[sectionID, default: 0] += quantity
                                batchHeld.add(reservation, presale: command.presale?.window)
                                made.append((reservation.eventID, reservation.id))
                            }
                            results.append(.success(outcome))
                        case let .seats(ids):
                            let held = self.held(by: command, besides: batchHeld)
                            let outcome = try Self.inSavepoint(db) {
                                try Self.applyHold(command, guarded: guarded, db) {
                                    try Self.holdSeats(ids, command, held: held, guarded: guarded, db)
                                }
                            }
                            if case let .created(reservation) = outcome {
                                batchHeld.add(reservation, presale: command.presale?.window)
                                made.append((reservation.eventID, reservation.id))
                            }
                            results.append(.success(outcome))
                        }
                    } catch let error as BookingError {
                        results.append(.failure(error))
                    }
                }
                var claim = RawBinding(try db.cachedStatement(sql: "UPDATE sections SET held = held + ? WHERE section_id = ?"))
                for (sectionID, quantity) in taken where quantity > 0 {
                    claim.int(quantity)
                    claim.text(sectionID.text)
                    try claim.run(db)
                }
                if !made.isEmpty {
                    // One event per batch in practice (each event has its own desk); grouped to be sure.
                    var events: [UUID] = []
                    for (event, _) in made where !events.contains(event) { events.append(event) }
                    try Self.appendOutbox(events.map { event in
                        .held(made.filter { $0.event == event }.map(\.reservation), eventID: event, at: commands[0].now)
                    }, db)
                }
                if failCommit { throw SimulatedCommitFailure() }
                return .commit
            }
            self.heldPlaces.add(contentsOf: batchHeld)
            return results
        }
    }

    /// What the command's buyer holds (unlapsed) at its event, in all and under its presale
    /// window: the committed holds, and this batch's so far.
    private func held(by command: HoldCommand, besides batch: HeldPlaces) -> (total: Int, inWindow: Int) {
        let (now, window) = (command.now.epochMilliseconds, command.presale?.window)
        let committed = heldPlaces.held(user: command.userID, event: command.event.id, now: now, window: window)
        let batched = batch.held(user: command.userID, event: command.event.id, now: now, window: window)
        return (committed.total + batched.total, committed.inWindow + batched.inWindow)
    }

    /// A savepoint per hold, so a refused hold rolls back alone. GRDB's `inSavepoint`
    /// prepares its statements anew each time; these are cached.
    private static func inSavepoint<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        func execute(_ sql: String, _ db: Database) throws {
            var statement = RawBinding(try db.cachedStatement(sql: sql))
            try statement.run(db)
        }
        try execute("SAVEPOINT hold", db)
        do {
            let value = try body()
            try execute("RELEASE SAVEPOINT hold", db)
            return value
        } catch {
            try execute("ROLLBACK TO SAVEPOINT hold", db)
            try execute("RELEASE SAVEPOINT hold", db)
            throw error
        }
    }

    package var holdPipelineDepth: Int { 2 }

    /// A replay of the buyer's idempotency key, or the reservation `take` makes, inserted.
    private static func applyHold(_ command: HoldCommand, guarded: Bool, _ db: Database,
                                  take: () throws -> Reservation) throws -> HoldOutcome {
        if let key = command.idempotencyKey,
           let previous = try Row.fetchOne(
               db.cachedStatement(sql: "SELECT * FROM reservations WHERE user_id = ? AND idempotency_key = ?"),
               arguments: [command.userID.text, key]).map(Reservation.init(row:)) {
            guard previous.requestHash == command.requestHash else { throw BookingError.idempotencyKeyReused }
            return .replayed(previous)
        }
        let reservation = try take()
        try insert(reservation, presale: command.presale?.window, db)
        return .created(reservation)
    }

    /// The places a buyer is paying for or has bought at an event; read through the
    /// partial index `reservations_paid_by_buyer` (a test checks the plan).
    package static let paidPlacesSQL = """
        SELECT COALESCE(SUM(quantity), 0) FROM reservations
        WHERE user_id = ? AND event_id = ? AND status IN ('PAYMENT_PENDING', 'CONFIRMED')
        """

    /// Refuses the hold if it would take the buyer past the event's per-user limit,
    /// counting what they hold (unlapsed: `held`, from memory), are paying for and have
    /// bought (from the table).
    private static func checkLimit(_ quantity: Int, _ command: HoldCommand, held: (total: Int, inWindow: Int),
                                   _ db: Database) throws {
        var paidQuery = RawBinding(try db.cachedStatement(sql: paidPlacesSQL))
        paidQuery.text(command.userID.text)
        paidQuery.text(command.event.id.text)
        let owned = Int(try paidQuery.firstRow(db, columns: 1)?[0] ?? 0) + held.total
        let limit = command.event.maxTicketsPerUser
        // Under a presale window's own limit, what the buyer may still add is the lower of the two.
        var window: (limit: Int, owned: Int)?
        if let presale = command.presale, let windowLimit = presale.limit {
            window = (windowLimit, try (Int.fetchOne(db.cachedStatement(sql: """
                SELECT COALESCE(SUM(quantity), 0) FROM reservations
                WHERE user_id = ? AND event_id = ? AND status IN ('PAYMENT_PENDING', 'CONFIRMED') AND presale = ?
                """), arguments: [command.userID.text, command.event.id.text, presale.window]) ?? 0) + held.inWindow)
        }
        let remaining = min(limit - owned, window.map { $0.limit - $0.owned } ?? .max)
        if owned + quantity > limit {
            throw BookingError.ticketLimitExceeded(limit: limit, remaining: max(0, remaining))
        }
        guard let (windowLimit, ownedInWindow) = window else { return }
        if ownedInWindow + quantity > windowLimit {
            throw BookingError.ticketLimitExceeded(limit: windowLimit, remaining: max(0, min(windowLimit - ownedInWindow, limit - owned)))
        }
    }

    private static func holdSeats(_ ids: [UUID], _ command: HoldCommand, held: (total: Int, inWindow: Int), guarded: Bool,
                                  _ db: Database) throws -> Reservation {
        try checkLimit(ids.count, command, held: held, db)
        let idTexts = ids.map(\.text)
        let known = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT seat_id, section_id, row_label, seat_number, price_cents FROM seats
                WHERE event_id = ? AND seat_id IN (\(placeholders(ids.count)))
                """),
            arguments: StatementArguments([command.event.id.text] + idTexts)).map(Seat.init(row:))
        let byID = Dictionary(uniqueKeysWithValues: known.map { ($0.id, $0) })
        let missing = ids.filter { byID[$0] == nil }
        guard missing.isEmpty else { throw BookingError.seatsNotInEvent(missing) }

        let now = command.now.epochMilliseconds
        let claimed = try String.fetchAll(
            db.cachedStatement(sql: """
                UPDATE seats SET status = 'HELD', reservation_id = ?, held_until = ?
                WHERE event_id = ? AND seat_id IN (\(placeholders(ids.count)))
                  AND (status = 'AVAILABLE' OR (status = 'HELD' AND held_until IS NOT NULL AND held_until <= ?) OR ?)
                RETURNING seat_id
                """),
            arguments: StatementArguments([command.reservationID.text, command.heldUntil.epochMilliseconds,
                                           command.event.id.text] + idTexts + [now, !guarded]))
        let claimedSet = Set(claimed.compactMap(UUID.init(text:)))
        let unavailable = ids.filter { !claimedSet.contains($0) }
        guard unavailable.isEmpty else { throw BookingError.seatsUnavailable(unavailable) }

        let seats = ids.map { ReservedSeat(byID[$0]!) }
        return Reservation(
            id: command.reservationID, userID: command.userID, eventID: command.event.id, seats: seats,
            gaSectionID: nil, quantity: seats.count, status: .held,
            totalPriceCents: seats.reduce(0) { $0 + $1.priceCents }, heldUntil: command.heldUntil,
            createdAt: command.now, idempotencyKey: command.idempotencyKey, requestHash: command.requestHash)
    }

    /// `alreadyTaken`: the places this batch's earlier holds took in the section, not yet
    /// added to `held` (their reservations are inserted, so the live sum counts them).
    private static func holdPlaces(_ quantity: Int, in sectionID: UUID, _ command: HoldCommand, held: (total: Int, inWindow: Int),
                                   stock: inout [UUID: (sold: Int, held: Int)], alreadyTaken: Int,
                                   _ db: Database) throws -> Reservation {
        guard let section = command.event.section(sectionID), section.kind == .generalAdmission else {
            throw BookingError.sectionNotFound
        }
        try checkLimit(quantity, command, held: held, db)
        if stock[sectionID] == nil {
            var stockQuery = RawBinding(try db.cachedStatement(sql: "SELECT sold, held FROM sections WHERE section_id = ?"))
            stockQuery.text(sectionID.text)
            guard let row = try stockQuery.firstRow(db, columns: 2) else { throw BookingError.sectionNotFound }
            stock[sectionID] = (Int(row[0]), Int(row[1]))
        }
        let (sold, held) = stock[sectionID]!
        let claimed = held + alreadyTaken
        // `held` counts lapsed holds too, so when it leaves room the room is real; only
        // near a sell-out do we sum the holds that have not lapsed.
        if section.capacity - sold - claimed < quantity {
            let live = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT COALESCE(SUM(quantity), 0) FROM reservations
                WHERE ga_section_id = ? AND (status = 'PAYMENT_PENDING' OR (status = 'HELD' AND held_until > ?))
                """), arguments: [sectionID.text, command.now.epochMilliseconds]) ?? 0
            let available = section.capacity - sold - live
            guard quantity <= available else { throw BookingError.insufficientInventory(available: max(0, available)) }
        }
        return Reservation(
            id: command.reservationID, userID: command.userID, eventID: command.event.id, seats: [],
            gaSectionID: sectionID, quantity: quantity, status: .held, totalPriceCents: quantity * section.priceCents,
            heldUntil: command.heldUntil, createdAt: command.now, idempotencyKey: command.idempotencyKey,
            requestHash: command.requestHash)
    }

    private static func insert(_ reservation: Reservation, presale: String?, _ db: Database) throws {
        var insert = RawBinding(try db.cachedStatement(sql: """
            INSERT INTO reservations (reservation_id, user_id, event_id, ga_section_id, lines, quantity, status,
                total_price_cents, held_until, created_at, idempotency_key, request_hash, presale)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """))
        insert.text(reservation.id.text)
        insert.text(reservation.userID.text)
        insert.text(reservation.eventID.text)
        insert.text(reservation.gaSectionID?.text)
        insert.text(ReservedSeat.encodeLines(reservation.seats))
        insert.int(reservation.quantity)
        insert.text(reservation.status.rawValue)
        insert.int(reservation.totalPriceCents)
        insert.int(reservation.heldUntil.epochMilliseconds)
        insert.int(reservation.createdAt.epochMilliseconds)
        insert.text(reservation.idempotencyKey)
        insert.text(reservation.requestHash)
        insert.text(presale)
        try insert.run(db)
    }

    package func reservation(id: UUID) async throws -> Reservation? {
        try await queue.read { db in try Self.reservation(id: id, db) }
    }

    static func reservation(id: UUID, _ db: Database) throws -> Reservation? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM reservations WHERE reservation_id = ?"),
                         arguments: [id.text]).map(Reservation.init(row:))
    }

    package func beginPayment(reservationID: UUID, paymentMethodID: String, paymentID: String?, confirmKey: String?,
                              now: Date) async throws -> Reservation {
        try await write({ db in
            guard var reservation = try Self.reservation(id: reservationID, db) else { throw BookingError.reservationNotFound }
            guard reservation.status == .held else { throw BookingError.invalidState(reservation.status) }
            guard !reservation.isLapsed(at: now) else { throw BookingError.holdExpired }
            try db.cachedStatement(sql: """
                UPDATE reservations SET status = 'PAYMENT_PENDING', payment_method = ?, payment_started_at = ?, confirm_key = ?,
                    payment_id = ?
                WHERE reservation_id = ?
                """).execute(arguments: [paymentMethodID, now.epochMilliseconds, confirmKey, paymentID, reservationID.text])
            // A NULL held_until is a hold that cannot lapse: nobody can take the seats mid-charge.
            try db.cachedStatement(sql: "UPDATE seats SET held_until = NULL WHERE reservation_id = ? AND status = 'HELD'")
                .execute(arguments: [reservationID.text])
            reservation.status = .paymentPending
            reservation.confirmKey = confirmKey
            reservation.paymentMethodID = paymentMethodID
            reservation.paymentID = paymentID
            return reservation
        }, committed: { [heldPlaces] paying in
            // Counted from the table from now on.
            heldPlaces.remove(paying.id, user: paying.userID, event: paying.eventID)
        })
    }

    package func confirm(reservationID: UUID, paymentID: String, tickets: [Ticket], now: Date) async throws -> Reservation {
        try await queue.write { db in
            guard var reservation = try Self.reservation(id: reservationID, db) else { throw BookingError.reservationNotFound }
            guard reservation.status == .paymentPending else { throw BookingError.invalidState(reservation.status) }
            if let sectionID = reservation.gaSectionID {
                try db.cachedStatement(sql: "UPDATE sections SET sold = sold + ?, held = held - ? WHERE section_id = ?")
                    .execute(arguments: [reservation.quantity, reservation.quantity, sectionID.text])
            } else {
                try db.cachedStatement(sql: "UPDATE seats SET status = 'SOLD', held_until = NULL WHERE reservation_id = ? AND status = 'HELD'")
                    .execute(arguments: [reservationID.text])
                guard db.changesCount == reservation.seats.count else {
                    throw BookingError.seatsUnavailable(reservation.seats.map(\.seatID))
                }
            }
            try db.cachedStatement(sql: """
                UPDATE reservations SET status = 'CONFIRMED', confirmed_at = ?, payment_id = ? WHERE reservation_id = ?
                """).execute(arguments: [now.epochMilliseconds, paymentID, reservationID.text])
            let insertTicket = try db.cachedStatement(sql: """
                INSERT INTO tickets (ticket_id, reservation_id, event_id, section_id, seat_id, seat_label, owner_id,
                    holder_name, status, qr_code, issued_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for ticket in tickets {
                try insertTicket.execute(arguments: [
                    ticket.id.text, ticket.reservationID.text, ticket.eventID.text, ticket.sectionID.text, ticket.seatID?.text,
                    ticket.seatLabel, ticket.ownerID.text, ticket.holderName, ticket.status.rawValue, ticket.qrCode,
                    ticket.issuedAt.epochMilliseconds, ticket.issuedAt.epochMilliseconds,
                ])
            }
            reservation.status = .confirmed
            reservation.confirmedAt = Date(epochMilliseconds: now.epochMilliseconds)
            reservation.paymentID = paymentID
            try Self.appendOutbox(.confirmed(reservation, tickets: tickets, currency: Self.currency(eventID: reservation.eventID, db), at: now), db)
            return reservation
        }
    }

    package func release(reservationID: UUID, as status: ReservationStatus, now: Date) async throws -> Reservation? {
        try await write({ db in
            guard var reservation = try Self.reservation(id: reservationID, db) else { return nil }
            switch status {
            case .expired: guard reservation.isLapsed(at: now) else { return nil }
            case .cancelled: guard reservation.status == .held || reservation.status == .paymentPending else { return nil }
            default: return nil
            }
            try db.cachedStatement(sql: "UPDATE reservations SET status = ? WHERE reservation_id = ?")
                .execute(arguments: [status.rawValue, reservationID.text])
            if let sectionID = reservation.gaSectionID {
                try db.cachedStatement(sql: "UPDATE sections SET held = held - ? WHERE section_id = ?")
                    .execute(arguments: [reservation.quantity, sectionID.text])
            }
            try db.cachedStatement(sql: """
                UPDATE seats SET status = 'AVAILABLE', reservation_id = NULL, held_until = NULL
                WHERE reservation_id = ? AND status = 'HELD'
                """).execute(arguments: [reservationID.text])
            reservation.status = status
            try Self.appendOutbox(.released(reservation, at: now), db)
            return reservation
        }, committed: { [heldPlaces] released in
            if let released { heldPlaces.remove(released.id, user: released.userID, event: released.eventID) }
        })
    }

    package func lapsedReservations(now: Date, limit: Int) async throws -> [(reservationID: UUID, eventID: UUID)] {
        try await queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT reservation_id, event_id FROM reservations WHERE status = 'HELD' AND held_until <= ?
                ORDER BY held_until LIMIT ?
                """, arguments: [now.epochMilliseconds, limit]).map {
                (UUID(text: $0["reservation_id"])!, UUID(text: $0["event_id"])!)
            }
        }
    }

    package func unsettledPayments(startedBefore: Date, limit: Int) async throws -> [(reservationID: UUID, paymentMethodID: String)] {
        try await queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT reservation_id, payment_method FROM reservations
                WHERE status = 'PAYMENT_PENDING' AND payment_started_at < ? ORDER BY payment_started_at LIMIT ?
                """, arguments: [startedBefore.epochMilliseconds, limit]).map {
                (UUID(text: $0["reservation_id"])!, $0["payment_method"] ?? "")
            }
        }
    }
}
