import BoxOfficeCore
import Logging
import ServiceLifecycle

/// Which database to open.
package enum DatabaseLocation: Sendable, Equatable {
    /// An SQLite file (`:memory:` for a private in-memory database).
    case sqlite(path: String)
    /// One PostgreSQL database, or several that events are spread over (the first is the directory).
    case postgres(urls: [String])
}

/// An opened database: the engine with every port, and the long-running clients it needs
/// (PostgreSQL's connection pools; SQLite has none). A server runs the clients in its
/// service group; a command that does not serve runs them for its own length.
package struct DatabaseEngine: Sendable {
    /// Every port of the engine; the composition root hands each service the ones it uses.
    package let store: any Store
    /// The connection pools' run loops, one per database.
    package let clients: [any Service]
    private let migrate: Bool
    private let schemaCheck: @Sendable (Bool) async throws -> Void
    private let versionRead: @Sendable () async throws -> Int

    /// Opens the database: an SQLite file is opened and its schema checked (migrated when
    /// `migrate` is true or it is new); PostgreSQL is probed once, so an unreachable server
    /// fails here with one line, and its schema is checked by `prepare()`.
    package static func open(_ location: DatabaseLocation, migrate: Bool, logger: Logger) async throws -> DatabaseEngine {
        switch location {
        case let .sqlite(path):
            let store = try SQLiteStore(path: path, migrate: migrate)
            return DatabaseEngine(store: store, clients: [], migrate: migrate, schemaCheck: { _ in },
                                  versionRead: { try store.schemaVersion() })
        case let .postgres(urls) where urls.count > 1:
            let store = try await ShardedStore.connect(urls: urls, logger: logger)
            return DatabaseEngine(store: store, clients: store.shards.map(\.pool), migrate: migrate,
                                  schemaCheck: { try await store.prepare(migrate: $0) },
                                  versionRead: { try await store.directory.schemaVersion() })
        case let .postgres(urls):
            let store = try await PostgresStore.connect(url: urls.first ?? "", logger: logger)
            return DatabaseEngine(store: store, clients: [store.pool], migrate: migrate,
                                  schemaCheck: { try await store.prepare(migrate: $0) },
                                  versionRead: { try await store.schemaVersion() })
        }
    }

    /// Checks (and, if allowed, migrates) the schema. Needs the clients running.
    package func prepare() async throws {
        try await schemaCheck(migrate)
    }

    /// The schema version the database records. Needs the clients running.
    package func schemaVersion() async throws -> Int {
        try await versionRead()
    }

    /// Runs `body` with the clients running, then stops them: for commands that do not serve.
    package func whileRunning<T: Sendable>(_ body: @Sendable (any Store) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in clients { group.addTask { try await client.run() } }
            defer { group.cancelAll() }
            return try await body(store)
        }
    }

    /// Starts the clients outside any service group, for as long as the returned value
    /// lives: for tests and tools that keep a system open across calls.
    package func startClients() -> RunningClients {
        RunningClients(Task { [clients] in
            await withThrowingTaskGroup(of: Void.self) { group in
                for client in clients { group.addTask { try await client.run() } }
                try? await group.waitForAll()
            }
        })
    }
}

/// Clients started by `DatabaseEngine.startClients()`; they stop when this goes away.
package final class RunningClients: Sendable {
    private let task: Task<Void, Never>

    init(_ task: Task<Void, Never>) { self.task = task }

    /// Stops the clients now.
    package func stop() { task.cancel() }

    deinit { task.cancel() }
}
