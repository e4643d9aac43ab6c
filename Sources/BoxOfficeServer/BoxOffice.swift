import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeDelivery
import BoxOfficePayments
import BoxOfficeHTTP
import BoxOfficeStore
import Crypto
import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// A configuration the server cannot start with.
package enum ConfigurationError: Error, CustomStringConvertible {
    case jwtSecretTooShort
    case invalidMailFrom(String)
    case invalidSMTP(String)

    package var description: String {
        switch self {
        case .jwtSecretTooShort: "BOXOFFICE_JWT_SECRET must be at least 32 bytes (HS256 needs a key as long as its hash)"
        case .invalidMailFrom(let text): "--mail-from must be an address or \"Name <address>\", not \(text)"
        case .invalidSMTP(let reason): reason
        }
    }
}

/// One node, wired: the engine, the services over its ports, and the long-running parts.
/// This is the composition root: nothing else opens a store or chooses an implementation.
package struct BoxOffice: Sendable {
    package let configuration: BoxOfficeConfiguration
    /// The engine, with every port (the services see only theirs).
    package let store: any Store
    package let booking: BookingService
    package let catalog: CatalogService
    package let accounts: AccountService
    package let checkIn: CheckInService
    package let queue: QueueService
    package let refunds: RefundService
    package let webhooks: WebhookService
    /// Sends the outbox's messages (a background part).
    package let dispatcher: OutboxDispatcher
    /// The events' writers and seat maps, shared by the services above.
    package let desks: EventDesks
    /// The provider purchases are charged through.
    package let payments: any PaymentGateway
    /// Signs and verifies waiting-room tokens (the key every node shares).
    package let queueTokens: QueueTokenSigner
    /// Every ticket key, the newest signing; all verify.
    package let keyring: TicketKeyring
    /// What the HTTP layer serves.
    package let http: HTTPServices
    /// Where the node logs (one line per request among it).
    package var logger: Logger
    /// Set when the database clients run outside a service group (tests and tools).
    private let clients: RunningClients?

    /// The key that signs new tickets.
    package var signer: TicketSigner { keyring.current }

    /// Opens the database with its clients running for as long as the system is kept (for
    /// tools and tests that hold a system across calls), then wires the node.
    package static func open(_ configuration: BoxOfficeConfiguration) async throws -> BoxOffice {
        let logger = configuration.logger
        let engine = try await DatabaseEngine.open(configuration.database, migrate: configuration.migrate, logger: logger)
        let clients = engine.startClients()
        try await engine.prepare()
        return try await wire(configuration, store: engine.store, clients: clients)
    }

    /// Wires the services over an opened, prepared engine: ticket keys, the session secret,
    /// the payment provider the configuration names, and every service with its ports.
    package static func wire(_ configuration: BoxOfficeConfiguration, store: any Store, clients: RunningClients? = nil) async throws -> BoxOffice {
        let logger = configuration.logger
        let keyring = try await TicketKeyFile.load(path: configuration.resolvedTicketKeyPath, store: store)
        let secret = try await sessionSecret(configuration, settings: store)
        let clock = configuration.clock
        let registry = PrometheusCollectorRegistry()
        let metrics = BookingMetrics(factory: PrometheusMetricsFactory(registry: registry))
        let queueTokens = QueueTokenSigner(secret: Data(secret.utf8))
        let payments = paymentGateway(configuration.payments, logger: logger)
        let desks = EventDesks(store: store, clock: clock)
        let refunds = RefundService(bookings: store, tickets: store, refunds: store, desks: desks, payments: payments, clock: clock,
                                    logger: logger, retryAfter: configuration.refundRetryAfter, faults: configuration.faults)
        let booking = BookingService(bookings: store, tickets: store, accounts: store, desks: desks, clock: clock, payments: payments,
                                     signer: keyring.current, logger: logger, metrics: metrics, queueTokens: queueTokens, refunds: refunds,
                                     settleAfter: configuration.paymentSettleAfter, faults: configuration.faults)
        let queue = QueueService(store: store, events: desks, clock: clock, signer: queueTokens, metrics: metrics)
        let catalog = CatalogService(store: store, desks: desks, queue: queue, clock: clock)
        let accounts = AccountService(store: store, clock: clock, hasher: BcryptHasher(cost: configuration.bcryptCost))
        let checkIn = CheckInService(tickets: store, door: store, accounts: store, desks: desks, clock: clock,
                                     publicKeys: keyring.publicKeys)
        let transport = configuration.webhookTransport
            ?? (configuration.webhooksAllowPrivate ? HTTPWebhookTransport.anyAddress : HTTPWebhookTransport.publicOnly)
        let webhooks = WebhookService(webhooks: store, catalog: store, transport: transport, clock: clock,
                                      allowPrivate: configuration.webhooksAllowPrivate)
        let links = TicketLinks(secret: secret)
        let mail = MailRoom(store: store, accounts: store, tickets: store, refunds: store, transport: try mailTransport(configuration),
                            links: links, publicURL: configuration.resolvedPublicURL)
        let dispatcher = OutboxDispatcher(
            outbox: store, webhooks: store, reservations: store, catalog: store, transport: transport, mail: mail, clock: clock,
            // Named by where it listens: a node restarted in its place takes its lease back at
            // once (the old process cannot still be listening there), another waits for it to lapse.
            settings: .init(nodeID: "\(ProcessInfo.processInfo.hostName):\(configuration.port)",
                            retention: configuration.outboxRetention, pollInterval: configuration.outboxPollInterval,
                            timeout: configuration.webhookTimeout),
            metrics: OutboxMetrics(factory: PrometheusMetricsFactory(registry: registry)), faults: configuration.faults, logger: logger)
        let http = await HTTPServices(
            booking: booking, catalog: catalog, accounts: accounts, checkIn: checkIn, queue: queue, refunds: refunds, webhooks: webhooks,
            emails: EmailService(mails: store, booking: booking), sales: SalesService(operations: store, refunds: store, desks: desks), operations: OperationsService(store: store),
            live: LiveSeatMaps(desks: desks, metrics: PrometheusMetricsFactory(registry: registry)), keyring: keyring, metricsRegistry: registry,
            sessionSecret: secret, tokenLifetime: configuration.tokenLifetime, publicURL: configuration.publicURL, clock: clock)
        return BoxOffice(configuration: configuration, store: store, booking: booking, catalog: catalog, accounts: accounts,
                         checkIn: checkIn, queue: queue, refunds: refunds, webhooks: webhooks, dispatcher: dispatcher, desks: desks, payments: payments, queueTokens: queueTokens, keyring: keyring,
                         http: http, logger: logger, clients: clients)
    }

    /// The JWT secret: the configured one, or the one generated into the database on first start.
    private static func sessionSecret(_ configuration: BoxOfficeConfiguration, settings: any SettingsStore) async throws -> String {
        let secret = if let secret = configuration.jwtSecret {
            secret
        } else {
            try await settings.setSettingIfAbsent(
                "jwt_secret", value: Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }).base64EncodedString())
        }
        guard secret.utf8.count >= 32 else { throw ConfigurationError.jwtSecretTooShort }
        return secret
    }

    /// SMTP when `--smtp` is given, else `.eml` files in the mail directory.
    private static func mailTransport(_ configuration: BoxOfficeConfiguration) throws -> any MailTransport {
        if let transport = configuration.mailTransport { return transport }
        guard let from = MailAddress(parsing: configuration.mailFrom) else { throw ConfigurationError.invalidMailFrom(configuration.mailFrom) }
        let composer = TicketMailComposer(from: from)
        guard let url = configuration.smtpURL else {
            return MailDirectoryTransport(composer: composer, directory: configuration.resolvedMailDirectory)
        }
        let settings: SMTPSettings
        do {
            settings = try SMTPSettings(url: url, requireTLS: configuration.smtpRequireTLS, trustRootsFile: configuration.smtpTrustRootsFile)
        } catch {
            throw ConfigurationError.invalidSMTP(error.description)
        }
        return SMTPMailTransport(composer: composer, client: try SMTPClient(settings: settings))
    }

    private static func paymentGateway(_ provider: PaymentProvider, logger: Logger) -> any PaymentGateway {
        switch provider {
        case .test: TestPaymentGateway()
        case let .stripe(configuration): StripeGateway(configuration: configuration, logger: logger)
        case let .gateway(gateway): gateway
        }
    }

    /// Seeds demo data if asked to and the database has no events; returns whether it did.
    package func seedDemoDataIfRequested() async throws -> Bool {
        guard configuration.demo else { return false }
        return try await DemoData.seedIfEmpty(accounts: accounts, catalog: catalog, clock: configuration.clock)
    }

    /// Stops the database clients `open` started (tools and tests; a server's group stops its own).
    package func close() {
        clients?.stop()
    }

    /// Issues a bearer token for an account (used by the CLI and tests).
    package func token(for user: User) async throws -> String { try await http.token(for: user) }

    /// The HTTP server's settings from the configuration.
    package var httpSettings: HTTPSettings {
        var settings = HTTPSettings()
        settings.host = configuration.host
        settings.port = configuration.port
        settings.accountRateLimit = configuration.accountRateLimit
        settings.addressRateLimit = configuration.addressRateLimit
        settings.clock = configuration.clock
        settings.logger = logger
        if configuration.jsonRequestLines { settings.requestLines = JSONRequestLines() }
        return settings
    }

    /// The node's long-running parts besides the HTTP server, in dependency order: the
    /// inventory watcher, the hold sweeper, the payment settler, the outbox dispatcher.
    package func backgroundServices() -> [any Service] {
        [
            InventoryWatcher(feed: store, desks: desks, logger: logger),
            HoldSweeper(booking: booking, interval: configuration.sweepInterval, logger: logger),
            PaymentSettler(booking: booking, refunds: refunds, interval: configuration.sweepInterval, logger: logger),
            dispatcher,
        ]
    }
}

/// Builds the node's application: its routes over the services, and its service group of
/// the background parts then the HTTP server (the server's, and the tests').
package func buildApplication(_ system: BoxOffice) -> some ApplicationProtocol {
    buildApplication(system.http, settings: system.httpSettings, background: system.backgroundServices())
}

extension BoxOfficeConfiguration {
    /// The logger every part of the node logs through, at the configured level.
    var logger: Logger {
        var logger = logHandler.map { Logger(label: "boxoffice", factory: $0) } ?? Logger(label: "boxoffice")
        logger.logLevel = logLevel
        return logger
    }
}
