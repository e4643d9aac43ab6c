import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeStore
import Crypto
import Foundation
import Hummingbird
import Logging
import Prometheus

/// A configuration the server cannot start with.
package enum ConfigurationError: Error, CustomStringConvertible {
    case jwtSecretTooShort

    package var description: String {
        switch self {
        case .jwtSecretTooShort: "BOXOFFICE_JWT_SECRET must be at least 32 bytes (HS256 needs a key as long as its hash)"
        }
    }
}

/// The wired system: one store, the services over it, and the session tokens.
package struct BoxOffice: Sendable {
    package let configuration: BoxOfficeConfiguration
    package let store: any Store
    package let booking: BookingService
    package let catalog: CatalogService
    package let accounts: AccountService
    package let checkIn: CheckInService
    package let queue: QueueService
    /// The key that signs new tickets.
    package var signer: TicketSigner { keyring.current }
    /// Every ticket key, the newest signing; all verify.
    package let keyring: TicketKeyring
    /// This instance's metrics, served at `/metrics`.
    package let metricsRegistry: PrometheusCollectorRegistry
    let tokens: SessionTokens
    let links: TicketLinks
    /// Where the application logs (one line per request among it).
    package var logger: Logger

    /// Opens the database (migrating it), loads the ticket key and wires the services.
    package static func open(_ configuration: BoxOfficeConfiguration) async throws -> BoxOffice {
        var logger = Logger(label: "boxoffice")
        logger.logLevel = configuration.logLevel
        let store = try await openStore(configuration, logger: logger)
        let keyring = try await TicketKeyFile.load(path: configuration.resolvedTicketKeyPath, store: store)
        let secret = if let secret = configuration.jwtSecret {
            secret
        } else {
            try await store.setSettingIfAbsent("jwt_secret", value: Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }).base64EncodedString())
        }
        guard secret.utf8.count >= 32 else { throw ConfigurationError.jwtSecretTooShort }
        let clock = configuration.clock
        let registry = PrometheusCollectorRegistry()
        let metrics = BookingMetrics(factory: PrometheusMetricsFactory(registry: registry))
        let booking = BookingService(store: store, clock: clock, payments: TestPaymentGateway(), signer: keyring.current, logger: logger,
                                     metrics: metrics, queueTokens: QueueTokenSigner(secret: Data(secret.utf8)))
        return BoxOffice(
            configuration: configuration, store: store, booking: booking,
            catalog: CatalogService(store: store, clock: clock, booking: booking),
            accounts: AccountService(store: store, clock: clock, hasher: BcryptHasher(cost: configuration.bcryptCost)),
            checkIn: CheckInService(store: store, clock: clock, booking: booking, publicKeys: keyring.publicKeys),
            queue: QueueService(store: store, clock: clock, booking: booking, metrics: metrics),
            keyring: keyring, metricsRegistry: registry,
            tokens: await SessionTokens(secret: secret, clock: clock, lifetime: configuration.tokenLifetime),
            links: TicketLinks(secret: secret),
            logger: logger)
    }

    /// Opens the configured engine: PostgreSQL when a URL is given, else the SQLite file.
    package static func openStore(_ configuration: BoxOfficeConfiguration, logger: Logger) async throws -> any Store {
        if configuration.postgresURLs.count > 1 {
            return try await ShardedStore.connect(urls: configuration.postgresURLs, migrate: configuration.migrate, logger: logger)
        }
        if let url = configuration.postgresURL {
            return try await PostgresStore.connect(url: url, migrate: configuration.migrate, logger: logger)
        }
        return try SQLiteStore(path: configuration.databasePath, migrate: configuration.migrate)
    }

    /// Seeds demo data if asked to and the database has no events; returns whether it did.
    package func seedDemoDataIfRequested() async throws -> Bool {
        guard configuration.demo else { return false }
        return try await DemoData.seedIfEmpty(store: store, accounts: accounts, catalog: catalog, clock: configuration.clock)
    }

    /// Issues a bearer token for an account (used by the CLI and tests).
    package func token(for user: User) async throws -> String { try await tokens.issue(for: user) }
}

/// Builds the application from configuration: the one way the server is built, for
/// the CLI and for tests alike.
package func buildApplication(_ configuration: BoxOfficeConfiguration) async throws -> some ApplicationProtocol {
    let system = try await BoxOffice.open(configuration)
    _ = try await system.seedDemoDataIfRequested()
    return buildApplication(system)
}

/// Builds the application around an already opened system.
package func buildApplication(_ system: BoxOffice) -> some ApplicationProtocol {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: HTTPMetricsMiddleware(factory: PrometheusMetricsFactory(registry: system.metricsRegistry)))
    router.add(middleware: JSONErrorMiddleware())
    router.add(middleware: BearerAuthMiddleware(tokens: system.tokens, store: system.store))
    router.add(middleware: RequestLogMiddleware())
    SystemController(keyring: system.keyring, store: system.store, metrics: system.metricsRegistry, booking: system.booking,
                     queue: system.queue)
        .addRoutes(to: router)
    let api = router.group("api/v1")
    AuthController(accounts: system.accounts, tokens: system.tokens).addRoutes(to: api.group("auth"))
    StaffController(accounts: system.accounts).addRoutes(to: api.group("staff"))
    EventsController(catalog: system.catalog, booking: system.booking, queue: system.queue, clock: system.configuration.clock)
        .addRoutes(to: api.group("events"))
    let limits = RateLimitMiddleware(perAccount: system.configuration.accountRateLimit,
                                     perAddress: system.configuration.addressRateLimit, clock: system.configuration.clock)
    // The queue's polls are reads, but each buyer gets a budget for them too (its own buckets).
    let queueLimits = RateLimitMiddleware(perAccount: system.configuration.accountRateLimit,
                                          perAddress: system.configuration.addressRateLimit, clock: system.configuration.clock,
                                          limitsReads: true)
    QueueController(queue: system.queue).addRoutes(to: api.group("events").add(middleware: queueLimits))
    ReservationsController(booking: system.booking, links: system.links)
        .addRoutes(to: api.group("reservations").add(middleware: limits))
    TicketPageController(booking: system.booking, store: system.store, links: system.links).addRoutes(to: router)
    TicketsController(booking: system.booking, links: system.links).addRoutes(me: api.group("me"), tickets: api.group("tickets"))
    let checkIn = CheckInController(checkIn: system.checkIn)
    checkIn.addRoutes(to: api.group("checkin").add(middleware: limits))
    checkIn.addListRoute(to: api.group("events"))
    router.refuseOtherMethodsOfKnownPaths()

    return Application(
        router: router,
        configuration: .init(address: .hostname(system.configuration.host, port: system.configuration.port), serverName: "BoxOffice"),
        services: [
            InventoryWatcher(booking: system.booking, logger: system.logger),
            HoldSweeper(booking: system.booking, interval: system.configuration.sweepInterval, logger: system.logger),
        ],
        logger: system.logger)
}
