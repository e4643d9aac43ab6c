import BoxOfficeCore
import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// Where and how to reach PostgreSQL, parsed from `postgres://user:pass@host:port/db?...`.
package struct PostgresLocation: Sendable, Equatable {
    package var host: String
    package var port: Int
    package var username: String
    package var password: String?
    package var database: String
    /// `disable`, `prefer` (the default) or `require`.
    package var sslMode: String
    package var poolSize: Int
    /// Milliseconds; 0 for none.
    package var statementTimeout: Int
    /// Seconds allowed to open one connection (libpq's `connect_timeout`); 10 by default.
    package var connectTimeout: Int

    /// Parses a URL; query parameters `sslmode`, `pool_size`, `statement_timeout` (ms),
    /// `connect_timeout` (s).
    package init(url text: String) throws {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? ""),
              let host = url.host, !host.isEmpty
        else { throw StoreOpenError.cannotOpen("not a PostgreSQL URL: expected postgres://user:password@host:5432/database") }
        self.host = host
        port = url.port ?? 5432
        username = url.user ?? "postgres"
        password = url.password
        database = String(url.path.drop { $0 == "/" })
        if database.isEmpty { database = username }
        let items = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        sslMode = items["sslmode"] ?? "prefer"
        guard ["disable", "prefer", "require", "allow", "verify-full"].contains(sslMode) else {
            throw StoreOpenError.cannotOpen("sslmode must be disable, prefer or require")
        }
        poolSize = Int(items["pool_size"] ?? "") ?? 20
        statementTimeout = Int(items["statement_timeout"] ?? "") ?? 0
        connectTimeout = Int(items["connect_timeout"] ?? "") ?? 10
        guard (1...1_000).contains(poolSize), statementTimeout >= 0, (1...600).contains(connectTimeout) else {
            throw StoreOpenError.cannotOpen(
                "pool_size must be 1-1000, statement_timeout a number of milliseconds and connect_timeout 1-600 seconds")
        }
    }

    /// The URL without the password, for messages.
    package var redacted: String { "postgres://\(username)@\(host):\(port)/\(database)" }

    var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch sslMode {
        case "disable": .disable
        case "require", "verify-full": .require(.makeClientConfiguration())
        default: .prefer(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: username, password: password,
                                                         database: database, tls: tls)
        configuration.options.maximumConnections = poolSize
        configuration.options.connectTimeout = .seconds(Int64(connectTimeout))
        if statementTimeout > 0 {
            configuration.options.additionalStartupParameters = [("statement_timeout", "\(statementTimeout)")]
        }
        return configuration
    }
}

/// The PostgreSQL engine: the same behaviour as `SQLiteStore`, on a connection pool,
/// safe for several stateless nodes on one database. Every booking write is a
/// conditional update or takes a row lock, so no node's memory decides a sale.
package final class PostgresStore: Store, StoreTestHooks {
    let client: PostgresClient
    let logger: Logger
    package let location: PostgresLocation
    /// Test-only hooks, as on `SQLiteStore`.
    let availabilityGuard = Atomic<Bool>(true)
    /// Off only in the refund race's control test.
    let refundGuard = Atomic<Bool>(true)
    let failNextCommit = Atomic<Bool>(false)
    /// This process's id in change notifications, so it ignores its own.
    let nodeID = UUID().text
    static let changeChannel = "boxoffice_inventory"

    private init(location: PostgresLocation, logger: Logger) {
        self.location = location
        self.logger = logger
        client = PostgresClient(configuration: location.clientConfiguration, backgroundLogger: logger)
    }

    /// Checks that the database can be reached (failing with one clear line if not) and
    /// makes the store. Its connection pool does nothing until `pool` runs: in the
    /// server's service group, or for the length of a command (`DatabaseEngine`).
    package static func connect(url: String, logger: Logger = Logger(label: "boxoffice.postgres")) async throws -> PostgresStore {
        let location = try PostgresLocation(url: url)
        try await probe(location, logger: logger)
        return PostgresStore(location: location, logger: logger)
    }

    /// The connection pool's run loop, a `Service`: queries wait until it runs, and end
    /// when it stops.
    package var pool: any Service { client }

    /// Checks the schema, with the pool running: a newer one is refused; pending
    /// migrations are applied when `migrate` is true or the database is empty, refused otherwise.
    package func prepare(migrate: Bool) async throws {
        do {
            try await ping()
            try await self.migrate(allowed: migrate)
        } catch let error as StoreOpenError {
            throw error
        } catch {
            throw StoreOpenError.cannotOpen("cannot use PostgreSQL at \(location.redacted): \(Self.describe(error))")
        }
    }

    /// Creates a database on the server `adminURL` names (tests give each test its own).
    package static func createDatabaseForTesting(adminURL: String, name: String) async throws {
        let location = try PostgresLocation(url: adminURL)
        let connection = try await directConnection(location, logger: Logger(label: "boxoffice.tests"))
        defer { Task { try? await connection.close() } }
        try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: Logger(label: "boxoffice.tests"))
    }

    private static func directConnection(_ location: PostgresLocation, logger: Logger) async throws -> PostgresConnection {
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: location.sslMode == "disable" ? .disable : location.sslMode == "prefer"
                ? .prefer(try .init(configuration: .makeClientConfiguration())) : .require(try .init(configuration: .makeClientConfiguration())))
        configuration.options.connectTimeout = .seconds(Int64(location.connectTimeout))
        var quiet = logger
        quiet.logLevel = .critical
        return try await PostgresConnection.connect(configuration: configuration, id: 0, logger: quiet)
    }

    /// One direct connection with a short timeout, so an unreachable or misconfigured
    /// database ends start-up at once with one line, before the pool starts retrying.
    private static func probe(_ location: PostgresLocation, logger: Logger) async throws {
        do {
            let connection = try await directConnection(location, logger: logger)
            try await connection.close()
        } catch {
            throw StoreOpenError.cannotOpen("cannot connect to PostgreSQL at \(location.redacted): \(describe(error))")
        }
    }

    /// Tells every node what an event's inventory change was (`InventoryNotice`); sent by
    /// PostgreSQL only if and when the surrounding transaction commits, in commit order.
    func announceChange(of eventID: UUID, _ changes: [InventoryChange], _ connection: PostgresConnection) async throws {
        try await announce(eventID, entries: changes.map(InventoryNotice.entry), connection)
    }

    /// Tells every node to reload an event's map (the event itself changed).
    func announceReload(of eventID: UUID, _ connection: PostgresConnection) async throws {
        try await announce(eventID, entries: [InventoryNotice.reloadEntry], connection)
    }

    private func announce(_ eventID: UUID, entries: [String], _ connection: PostgresConnection) async throws {
        for payload in InventoryNotice.payloads(node: nodeID, eventID: eventID, entries: entries) {
            try await connection.query("SELECT pg_notify(\(Self.changeChannel), \(payload))", logger: logger)
        }
    }

    /// Listens (LISTEN/NOTIFY, on one pooled connection, reconnecting after failures) for
    /// the inventory changes every node commits. After a reconnection the first item is a
    /// reload of every map: notices sent meanwhile were missed.
    package func inventoryChanges() -> AsyncStream<InventoryFeedItem> {
        let (stream, continuation) = AsyncStream.makeStream(of: InventoryFeedItem.self, bufferingPolicy: .bufferingNewest(100_000))
        let task = Task {
            var reconnecting = false
            while !Task.isCancelled {
                do {
                    try await client.withConnection { connection in
                        try await connection.listen(on: Self.changeChannel) { notifications in
                            if reconnecting { continuation.yield(InventoryFeedItem(content: .reloadAll, isOwn: false)) }
                            var lost = false
                            for try await notification in notifications {
                                let (node, content) = InventoryNotice.parse(notification.payload)
                                // A reader too far behind loses the oldest notices: then every map reloads.
                                if lost {
                                    lost = false
                                    if case .dropped = continuation.yield(InventoryFeedItem(content: .reloadAll, isOwn: false)) { lost = true }
                                }
                                if case .dropped = continuation.yield(InventoryFeedItem(content: content, isOwn: node == self.nodeID)) { lost = true }
                            }
                        }
                    }
                } catch {
                    logger.warning("inventory change listener lost its connection; reconnecting", metadata: ["error": "\(error)"])
                }
                reconnecting = true
                try? await Task.sleep(for: .seconds(1))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }

    /// The schema version recorded in the database (0 when empty).
    package func schemaVersion() async throws -> Int {
        do {
            try await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
                                   logger: logger)
        } catch let error as PSQLError where ["23505", "42P07"].contains(error.serverInfo?[.sqlState] ?? "") {
            // Another node created it at the same moment.
        }
        let rows = try await client.query("SELECT COALESCE(MAX(version), 0)::int8 FROM schema_migrations", logger: logger).collect()
        return try rows.first?.decode(Int.self) ?? 0
    }

    private func migrate(allowed: Bool) async throws {
        let current = try await schemaVersion()
        let known = PostgresSchema.migrations.last?.version ?? 0
        guard current <= known else { throw StoreOpenError.schemaTooNew(found: current, known: known) }
        guard current < known else { return }
        guard allowed || current == 0 else { throw StoreOpenError.schemaOutdated(found: current, known: known) }
        try await transaction { connection in
            // One migrator at a time when several nodes start together.
            try await connection.query("LOCK TABLE schema_migrations IN EXCLUSIVE MODE", logger: self.logger)
            let now = try await connection.query("SELECT COALESCE(MAX(version), 0)::int8 FROM schema_migrations", logger: self.logger)
                .collect().first?.decode(Int.self) ?? 0
            for migration in PostgresSchema.migrations where migration.version > now {
                for statement in migration.sql { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger) }
                try await connection.query("INSERT INTO schema_migrations (version, applied_at) VALUES (\(migration.version), \(Date().epochMilliseconds))",
                                           logger: self.logger)
            }
        }
    }

    /// Runs `body` in one transaction on one pooled connection, retrying the whole
    /// transaction when PostgreSQL aborts it for a deadlock or serialization failure.
    func transaction<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await retryingConflicts {
            try await self.client.withConnection { connection in
                try await connection.query("BEGIN", logger: self.logger)
                do {
                    let value = try await body(connection)
                    try await connection.query("COMMIT", logger: self.logger)
                    return value
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: self.logger)
                    throw error
                }
            }
        }
    }

    /// Runs `body` again (up to eight times, after a short random pause) when PostgreSQL
    /// refused it for a serialization failure or a deadlock.
    func retryingConflicts<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await body()
            } catch let error as PSQLError where attempt < 8 && Self.isRetryable(error) {
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
            }
        }
    }

    static func isRetryable(_ error: PSQLError) -> Bool {
        ["40001", "40P01"].contains(error.serverInfo?[.sqlState] ?? "")
    }

    /// Runs one statement outside a transaction and returns its rows.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await client.query(query, logger: logger).collect()
    }

    package func disableAvailabilityGuardForTesting() { availabilityGuard.store(false, ordering: .relaxed) }
    package func disableRefundGuardForTesting() { refundGuard.store(false, ordering: .relaxed) }
    package func failNextHoldBatchForTesting() { failNextCommit.store(true, ordering: .relaxed) }

    /// Runs raw SQL; tests use it to corrupt or age a database on purpose.
    package func executeForTesting(_ sql: String) async throws {
        try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }

    package func ping() async throws {
        try await client.query("SELECT 1", logger: logger)
    }

    // MARK: Accounts

    package func createUser(_ user: User) async throws {
        let inserted = try await rows("""
            INSERT INTO users (user_id, email, name, password_hash, role, created_at, organizer_id, disabled_at)
            VALUES (\(user.id.text), \(user.email), \(user.name), \(user.passwordHash), \(user.role.rawValue), \(user.createdAt.epochMilliseconds),
                    \(user.organizerID?.text), \(user.disabledAt?.epochMilliseconds))
            ON CONFLICT (email) DO NOTHING RETURNING user_id
            """)
        if inserted.isEmpty { throw BookingError.emailTaken }
    }

    package func user(email: String) async throws -> User? {
        try await rows("SELECT * FROM users WHERE email = \(email)").first.map(User.init(postgres:))
    }

    package func user(id: UUID) async throws -> User? {
        try await rows("SELECT * FROM users WHERE user_id = \(id.text)").first.map(User.init(postgres:))
    }

    package func scanners(of organizerID: UUID?) async throws -> [User] {
        try await rows("""
            SELECT * FROM users WHERE role = 'scanner' AND (\(organizerID?.text)::TEXT IS NULL OR organizer_id = \(organizerID?.text))
            ORDER BY created_at, user_id
            """).map(User.init(postgres:))
    }

    package func disableUser(id: UUID, at: Date) async throws -> Bool {
        try await !rows("""
            UPDATE users SET disabled_at = COALESCE(disabled_at, \(at.epochMilliseconds)) WHERE user_id = \(id.text) RETURNING user_id
            """).isEmpty
    }

    // MARK: Settings

    package func setting(_ name: String) async throws -> String? {
        try await rows("SELECT value FROM settings WHERE name = \(name)").first?.decode(String.self)
    }

    package func setSetting(_ name: String, value: String) async throws {
        try await client.query(
            "INSERT INTO settings (name, value) VALUES (\(name), \(value)) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
            logger: logger)
    }

    package func setSettingIfAbsent(_ name: String, value: String) async throws -> String {
        try await client.query("INSERT INTO settings (name, value) VALUES (\(name), \(value)) ON CONFLICT (name) DO NOTHING", logger: logger)
        return try await setting(name) ?? value
    }
}
