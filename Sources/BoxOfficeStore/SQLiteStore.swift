import BoxOfficeCore
import Foundation
import GRDB
import Synchronization

/// Why a store could not be opened.
package enum StoreOpenError: Error, CustomStringConvertible {
    case schemaTooNew(found: Int, known: Int)
    case schemaOutdated(found: Int, known: Int)
    case cannotOpen(String)

    package var description: String {
        switch self {
        case let .schemaTooNew(found, known):
            "the database schema is version \(found) but this build knows only up to \(known); upgrade boxoffice"
        case let .schemaOutdated(found, known):
            "the database schema is version \(found); this build needs version \(known). Run `boxoffice migrate` (back up first) or start with --migrate"
        case let .cannotOpen(reason): reason
        }
    }
}

/// The embedded engine: one SQLite file in WAL mode with `synchronous=FULL`, so a
/// confirmed purchase is on disk before the buyer is told (see the README).
///
/// One connection serialises all writes; the booking service keeps reads off the hot
/// path with its in-memory seat maps.
package final class SQLiteStore: Store, StoreTestHooks {
    let queue: DatabaseQueue
    /// Test-only hook: the control half of the race tests switches the availability
    /// condition off to show that the race is real and the condition is what stops it.
    let availabilityGuard = Atomic<Bool>(true)
    /// Off only in the refund race's control test.
    let refundGuard = Atomic<Bool>(true)
    /// Test-only hook: makes the next hold batch's transaction fail after its holds ran.
    let failNextCommit = Atomic<Bool>(false)
    /// Live holds per buyer and event, for the per-buyer limit (see `HeldPlaces`).
    let heldPlaces = HeldPlaces()

    /// Opens (creating if needed) the database at `path`. A newer schema is refused;
    /// pending migrations are applied when `migrate` is true or the database is empty.
    /// `":memory:"` gives a private in-memory database.
    package init(path: String, migrate: Bool = true) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // WAL is set here rather than through `configuration.journalMode`, because GRDB's
        // WAL setting lowers `synchronous` to NORMAL afterwards; a test reads both back.
        let inMemory = path == ":memory:"
        configuration.prepareDatabase { db in
            if !inMemory { try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
            // Checkpoint every 10,000 WAL pages (~40 MB), not SQLite's 1,000: at 10,000 holds a
            // second the default checkpointed ten times a second, rewriting the same hot pages
            // into the database file each time. Commits stay fsynced to the WAL (durability is
            // unchanged); a checkpoint is rarer but longer (holds: +15 % req/s, p99 14 -> 28 ms).
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
            // Hot index pages stay in memory (16 MB, not 2 MB; a larger cache costs more in
            // SQLite's per-transaction cache walk): a sale's holds otherwise read
            // pages back from the WAL; savepoint journals stay in memory, not in a temp file.
            try db.execute(sql: "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY")
        }
        do {
            queue = inMemory
                ? try DatabaseQueue(configuration: configuration)
                : try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw StoreOpenError.cannotOpen("cannot open SQLite database at \(path): \(error)")
        }
        try migrateSchema(allowed: migrate)
        try loadHeldPlaces()
    }

    /// Fills the held-places map from the table (through the partial index of holds).
    private func loadHeldPlaces() throws {
        try queue.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT reservation_id, user_id, event_id, quantity, held_until, presale FROM reservations WHERE status = 'HELD'
                """)
            while let row = try rows.next() {
                guard let id = UUID(text: row[0] as String), let user = UUID(text: row[1] as String),
                      let event = UUID(text: row[2] as String) else { continue }
                heldPlaces.add(id, user: user, event: event, HeldPlaces.Entry(quantity: row[3], heldUntil: row[4], presale: row[5]))
            }
        }
    }

    /// A write transaction, then `committed` on the writer once it has committed: the
    /// held-places map follows committed writes only.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T,
                            committed: @escaping @Sendable (T) -> Void) async throws -> T {
        try await queue.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction {
                result = try body(db)
                return .commit
            }
            committed(result!)
            return result!
        }
    }

    /// The schema version recorded in the file (0 when empty).
    package func schemaVersion() throws -> Int {
        try queue.read { db in
            guard try db.tableExists("schema_migrations") else { return 0 }
            return try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(version), 0) FROM schema_migrations") ?? 0
        }
    }

    /// Applies pending migrations in one transaction. Foreign keys are off meanwhile (a
    /// migration may rebuild a table that others reference, which SQLite allows only
    /// then) and are checked before the transaction commits.
    private func migrateSchema(allowed: Bool) throws {
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction(.immediate) {
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)")
                let current = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(version), 0) FROM schema_migrations") ?? 0
                let known = SQLiteSchema.migrations.last?.version ?? 0
                guard current <= known else { throw StoreOpenError.schemaTooNew(found: current, known: known) }
                guard allowed || current == 0 || current == known else { throw StoreOpenError.schemaOutdated(found: current, known: known) }
                for migration in SQLiteSchema.migrations where migration.version > current {
                    try db.execute(sql: migration.sql)
                    try db.execute(sql: "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                                   arguments: [migration.version, Date().epochMilliseconds])
                }
                if let broken = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") {
                    throw StoreOpenError.cannotOpen("migration left a broken reference in table \(broken[0] as String? ?? "?")")
                }
                return .commit
            }
        }
    }

    /// Switches off the availability condition on seat holds. Only the race tests'
    /// control case calls this.
    package func disableRefundGuardForTesting() { refundGuard.store(false, ordering: .relaxed) }

    package func disableAvailabilityGuardForTesting() {
        availabilityGuard.store(false, ordering: .relaxed)
    }

    /// Makes the next hold batch fail as a whole, as a full disk or I/O error would.
    package func failNextHoldBatchForTesting() {
        failNextCommit.store(true, ordering: .relaxed)
    }

    /// Runs raw SQL; tests use it to corrupt or age a database on purpose.
    package func executeForTesting(_ sql: String) async throws {
        try await queue.write { db in try db.execute(sql: sql) }
    }

    /// SQLite's plan for a statement (`EXPLAIN QUERY PLAN`), so tests can check which
    /// index a hot statement reads.
    package func queryPlan(_ sql: String) async throws -> String {
        try await queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(
                Array(repeating: "x", count: sql.filter { $0 == "?" }.count))).map { $0["detail"] as String? ?? "" }
                .joined(separator: "\n")
        }
    }

    /// Reads a PRAGMA's value, so tests can check the durability settings in force.
    package func pragma(_ name: String) async throws -> String? {
        try await queue.read { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    // MARK: Accounts

    package func createUser(_ user: User) async throws {
        try await queue.write { db in
            let taken = try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE email = ?", arguments: [user.email]) ?? false
            if taken { throw BookingError.emailTaken }
            try db.execute(
                sql: """
                    INSERT INTO users (user_id, email, name, password_hash, role, created_at, organizer_id, disabled_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [user.id.text, user.email, user.name, user.passwordHash, user.role.rawValue,
                            user.createdAt.epochMilliseconds, user.organizerID?.text, user.disabledAt?.epochMilliseconds])
        }
    }

    package func scanners(of organizerID: UUID?) async throws -> [User] {
        try await queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM users WHERE role = 'scanner' AND (? IS NULL OR organizer_id = ?) ORDER BY created_at, user_id
                """, arguments: [organizerID?.text, organizerID?.text]).map(User.init(row:))
        }
    }

    package func disableUser(id: UUID, at: Date) async throws -> Bool {
        try await queue.write { db in
            try db.execute(sql: "UPDATE users SET disabled_at = COALESCE(disabled_at, ?) WHERE user_id = ?",
                           arguments: [at.epochMilliseconds, id.text])
            return db.changesCount > 0
        }
    }

    package func user(email: String) async throws -> User? {
        try await queue.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE email = ?"), arguments: [email]).map(User.init(row:))
        }
    }

    package func user(id: UUID) async throws -> User? {
        try await queue.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE user_id = ?"), arguments: [id.text]).map(User.init(row:))
        }
    }

    // MARK: Catalogue

    package func createEvent(_ event: Event, seats: [Seat]) async throws {
        try await queue.write { db in
            try db.execute(
                sql: """
                INSERT INTO events (event_id, organizer_id, title, artist, category, venue_name, city, time_zone, starts_at,
                    sale_starts_at, hold_duration_minutes, max_tickets_per_user, created_at, rules, currency)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [event.id.text, event.organizerID.text, event.title, event.artist, event.category,
                            event.venue.name, event.venue.city, event.venue.timeZone, event.startsAt.epochMilliseconds,
                            event.saleStartsAt?.epochMilliseconds, event.holdDurationMinutes,
                            event.maxTicketsPerUser, event.createdAt.epochMilliseconds, EventRulesCoding.encode(event), event.currency])
            let insertSection = try db.makeStatement(sql: """
                INSERT INTO sections (section_id, event_id, name, kind, price_cents, capacity, position)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for section in event.sections {
                try insertSection.execute(arguments: [section.id.text, event.id.text, section.name, section.kind.rawValue,
                                                      section.priceCents, section.capacity, section.position])
            }
            let insertSeat = try db.makeStatement(sql: """
                INSERT INTO seats (seat_id, event_id, section_id, row_label, row_index, seat_number, price_cents)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            var rowIndex = 0
            var previous: (UUID, String)?
            for seat in seats {
                if let previous, previous != (seat.sectionID, seat.row) { rowIndex += 1 }
                previous = (seat.sectionID, seat.row)
                try insertSeat.execute(arguments: [seat.id.text, event.id.text, seat.sectionID.text, seat.row, rowIndex,
                                                   seat.number, seat.priceCents])
            }
        }
    }

    package func event(id: UUID) async throws -> Event? {
        try await queue.read { db in try Self.event(id: id, db) }
    }

    static func event(id: UUID, _ db: Database) throws -> Event? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM events WHERE event_id = ?"), arguments: [id.text])
        else { return nil }
        return Event(row: row, sections: try sections(eventIDs: [id], db)[id] ?? [])
    }

    package func events(matching query: EventQuery) async throws -> [Event] {
        try await queue.read { db in
            var clauses: [String] = []
            var arguments = StatementArguments()
            if let text = query.text?.lowercased(), !text.isEmpty {
                clauses.append("(lower(title) LIKE ? ESCAPE '\\' OR lower(artist) LIKE ? ESCAPE '\\')")
                let pattern = "%\(Self.escapeLike(text))%"
                arguments += [pattern, pattern]
            }
            for (column, value) in [("category", query.category), ("city", query.city), ("artist", query.artist)] {
                guard let value = value?.lowercased(), !value.isEmpty else { continue }
                clauses.append("lower(\(column)) = ?")
                arguments += [value]
            }
            if let from = query.from {
                clauses.append("starts_at >= ?")
                arguments += [from.epochMilliseconds]
            }
            if let to = query.to {
                clauses.append("starts_at <= ?")
                arguments += [to.epochMilliseconds]
            }
            if let organizerID = query.organizerID {
                clauses.append("organizer_id = ?")
                arguments += [organizerID.text]
            }
            if let after = query.after {
                clauses.append("(starts_at > ? OR (starts_at = ? AND event_id > ?))")
                arguments += [after.startsAt.epochMilliseconds, after.startsAt.epochMilliseconds, after.eventID.text]
            }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            arguments += [query.limit]
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM events \(whereClause) ORDER BY starts_at, event_id LIMIT ?",
                                        arguments: arguments)
            let ids = rows.compactMap { UUID(text: $0["event_id"]) }
            let sections = try Self.sections(eventIDs: ids, db)
            return rows.map { row in
                let id = UUID(text: row["event_id"])!
                return Event(row: row, sections: sections[id] ?? [])
            }
        }
    }

    private static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    static func sections(eventIDs: [UUID], _ db: Database) throws -> [UUID: [Section]] {
        guard !eventIDs.isEmpty else { return [:] }
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM sections WHERE event_id IN (\(placeholders(eventIDs.count))) ORDER BY event_id, position",
            arguments: StatementArguments(eventIDs.map(\.text)))
        return Dictionary(grouping: rows.map(Section.init(row:)), by: \.eventID)
    }

    package func eventCount() async throws -> Int {
        try await queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0 }
    }

    package func inventory(eventID: UUID) async throws -> InventoryRecord? {
        try await queue.read { db in try Self.inventory(eventID: eventID, db) }
    }

    static func inventory(eventID: UUID, _ db: Database) throws -> InventoryRecord? {
        guard let event = try Self.event(id: eventID, db) else { return nil }
        let seats = try Row.fetchAll(db, sql: """
            SELECT seat_id, section_id, row_label, seat_number, price_cents, status, reservation_id, held_until
            FROM seats WHERE event_id = ? ORDER BY row_index, seat_number
            """, arguments: [eventID.text]).map(SeatState.init(row:))
        let sold = try Row.fetchAll(db, sql: "SELECT section_id, sold FROM sections WHERE event_id = ? AND kind = 'general_admission'",
                                    arguments: [eventID.text])
        let holds = try Row.fetchAll(db, sql: """
            SELECT reservation_id, ga_section_id, quantity, status, held_until FROM reservations
            WHERE event_id = ? AND ga_section_id IS NOT NULL AND status IN ('HELD', 'PAYMENT_PENDING')
            """, arguments: [eventID.text]).map(GAHold.init(row:))
        return InventoryRecord(
            event: event, seats: seats,
            gaSold: Dictionary(uniqueKeysWithValues: sold.map { (UUID(text: $0["section_id"])!, $0["sold"] as Int) }),
            gaHolds: holds)
    }

    // MARK: Tickets and settings

    package func tickets(ownerID: UUID) async throws -> [Ticket] {
        try await queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM tickets WHERE owner_id = ? ORDER BY issued_at DESC, ticket_id",
                             arguments: [ownerID.text]).map(Ticket.init(row:))
        }
    }

    package func ticket(id: UUID) async throws -> Ticket? {
        try await queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM tickets WHERE ticket_id = ?", arguments: [id.text]).map(Ticket.init(row:))
        }
    }

    package func tickets(reservationID: UUID) async throws -> [Ticket] {
        try await queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM tickets WHERE reservation_id = ? ORDER BY seat_label, ticket_id",
                             arguments: [reservationID.text]).map(Ticket.init(row:))
        }
    }

    package func auditRecord(eventID: UUID) async throws -> AuditRecord? {
        try await queue.read { db in
            guard let inventory = try Self.inventory(eventID: eventID, db) else { return nil }
            let confirmed = try Row.fetchAll(db, sql: "SELECT * FROM reservations WHERE event_id = ? AND status = 'CONFIRMED'",
                                             arguments: [eventID.text]).map(Reservation.init(row:))
            let tickets = try Row.fetchAll(db, sql: "SELECT * FROM tickets WHERE event_id = ?", arguments: [eventID.text])
                .map(Ticket.init(row:))
            return AuditRecord(inventory: inventory, confirmed: confirmed, tickets: tickets)
        }
    }

    /// One process owns an SQLite file, so no other node changes its inventory.
    package func inventoryChanges() -> AsyncStream<InventoryFeedItem> {
        AsyncStream { $0.finish() }
    }

    package func ping() async throws {
        _ = try await queue.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    package func ticketChanges(eventID: UUID, since: Date?) async throws -> [Ticket] {
        try await queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM tickets WHERE event_id = ? AND updated_at > ? ORDER BY updated_at, ticket_id",
                             arguments: [eventID.text, since?.epochMilliseconds ?? -1]).map(Ticket.init(row:))
        }
    }

    package func checkIn(ticketID: UUID, scannerID: UUID, at: Date) async throws -> (ticket: Ticket, marked: Bool)? {
        try await queue.write { db in
            let at = at.epochMilliseconds
            try db.execute(sql: """
                UPDATE tickets SET status = 'USED', used_at = ?, used_by = ?, updated_at = ? WHERE ticket_id = ? AND status = 'ACTIVE'
                """, arguments: [at, scannerID.text, at, ticketID.text])
            let marked = db.changesCount == 1
            if !marked {
                try db.execute(sql: """
                    UPDATE tickets SET used_at = ?, used_by = ?, updated_at = max(updated_at, ?)
                    WHERE ticket_id = ? AND status = 'USED' AND used_at > ?
                    """, arguments: [at, scannerID.text, at, ticketID.text, at])
            }
            guard let ticket = try Row.fetchOne(db, sql: "SELECT * FROM tickets WHERE ticket_id = ?", arguments: [ticketID.text])
                .map(Ticket.init(row:)) else { return nil }
            if marked { try Self.appendOutbox(.checkedIn(ticket, at: Date(epochMilliseconds: at)), db) }
            return (ticket, marked)
        }
    }

    package func setting(_ name: String) async throws -> String? {
        try await queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM settings WHERE name = ?", arguments: [name]) }
    }

    package func setSetting(_ name: String, value: String) async throws {
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                           arguments: [name, value])
        }
    }

    package func setSettingIfAbsent(_ name: String, value: String) async throws -> String {
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", arguments: [name, value])
            return try String.fetchOne(db, sql: "SELECT value FROM settings WHERE name = ?", arguments: [name]) ?? value
        }
    }
}

/// Hooks the tests use to prove their races are real and their audits catch corruption.
package protocol StoreTestHooks: Sendable {
    /// Switches off the availability condition on seat holds (the race tests' control case).
    func disableAvailabilityGuardForTesting()
    /// Switches off the check that a refund's tickets are still ACTIVE (the refund race's control case).
    func disableRefundGuardForTesting()
    /// Makes the next hold batch fail as a whole, as a full disk or I/O error would.
    func failNextHoldBatchForTesting()
    /// Runs raw SQL, to corrupt or age a database on purpose.
    func executeForTesting(_ sql: String) async throws
}

/// What the commit-failure test hook throws.
package struct SimulatedCommitFailure: Error {}

/// `?, ?, ?` for an IN list of `count` values.
func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
}
