import BoxOfficeCore
import BoxOfficeStore
import Logging
import ServiceLifecycle

/// Start-up failed (the database, its schema, the keys or the secret): the node never served.
package struct StartupFailure: Error, CustomStringConvertible {
    package let underlying: any Error

    package var description: String { "\(underlying)" }
}

/// Serving a node until SIGTERM or SIGINT.
///
/// One service group runs the database clients and then the node. The node starts up on
/// the running clients (schema check, ticket keys, session secret, demo data), then runs
/// the application, whose own group holds its parts in dependency order: inventory
/// watcher, hold sweeper, payment settler, HTTP server. Shutdown goes in reverse: the HTTP
/// server stops taking connections and finishes what it has, the background parts stop,
/// and the database clients go last.
package enum BoxOfficeServer {
    /// Runs until shut down. `started` is called once the node is wired, before it listens,
    /// with whether demo data was seeded. Throws `StartupFailure` if the node never started.
    package static func run(_ configuration: BoxOfficeConfiguration,
                            started: @escaping @Sendable (BoxOffice, _ seededDemoData: Bool) -> Void) async throws {
        let logger = configuration.logger
        let engine: DatabaseEngine
        do {
            engine = try await DatabaseEngine.open(configuration.database, migrate: configuration.migrate, logger: logger)
        } catch {
            throw StartupFailure(underlying: error)
        }
        let node = Node(configuration: configuration, engine: engine, started: started)
        let group = ServiceGroup(configuration: .init(
            services: engine.clients.map { .init(service: $0) } + [.init(service: node)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// Opens the configured database for a command that does not serve (migrate, audit,
    /// keys): its clients run, and its schema is checked (or migrated), for the length of `body`.
    package static func withDatabase<T: Sendable>(
        _ configuration: BoxOfficeConfiguration, _ body: @Sendable (any Store, DatabaseEngine) async throws -> T
    ) async throws -> T {
        let engine = try await DatabaseEngine.open(configuration.database, migrate: configuration.migrate, logger: configuration.logger)
        return try await engine.whileRunning { store in
            try await engine.prepare()
            return try await body(store, engine)
        }
    }

    /// The node on top of the database clients: start-up, then its parts in a group of their own.
    struct Node: Service {
        let configuration: BoxOfficeConfiguration
        let engine: DatabaseEngine
        let started: @Sendable (BoxOffice, Bool) -> Void

        func run() async throws {
            let system: BoxOffice
            let seeded: Bool
            do {
                try await engine.prepare()
                system = try await BoxOffice.wire(configuration, store: engine.store)
                seeded = try await system.seedDemoDataIfRequested()
            } catch {
                throw StartupFailure(underlying: error)
            }
            started(system, seeded)
            // The application's own group (background parts, then the HTTP server) stops
            // when the outer group shuts the node down gracefully, before the clients.
            try await buildApplication(system).run()
        }
    }
}
