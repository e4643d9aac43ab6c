import BoxOfficeApp
import BoxOfficeCore
import Foundation
import Logging
import Prometheus

/// What the HTTP layer serves: the use cases it speaks for, and the few things of its
/// own (session tokens, signed ticket-page links, the metrics registry it publishes).
package struct HTTPServices: Sendable {
    package let booking: BookingService
    package let catalog: CatalogService
    package let accounts: AccountService
    package let checkIn: CheckInService
    package let queue: QueueService
    package let refunds: RefundService
    package let webhooks: WebhookService
    package let emails: EmailService
    package let sales: SalesService
    package let operations: OperationsService
    /// The seat maps' live watchers (the WebSocket).
    package let live: LiveSeatMaps
    /// Every ticket key, the newest signing; published for offline doors.
    package let keyring: TicketKeyring
    /// This node's metrics, served at `/metrics`.
    package let metricsRegistry: PrometheusCollectorRegistry
    let tokens: SessionTokens
    let links: TicketLinks
    /// Which pages may open the live socket.
    let origins: OriginPolicy

    /// - Parameter sessionSecret: signs bearer tokens and ticket-page links (every node shares it).
    package init(
        booking: BookingService, catalog: CatalogService, accounts: AccountService, checkIn: CheckInService,
        queue: QueueService, refunds: RefundService, webhooks: WebhookService, emails: EmailService, sales: SalesService, operations: OperationsService, live: LiveSeatMaps, keyring: TicketKeyring, metricsRegistry: PrometheusCollectorRegistry,
        sessionSecret: String, tokenLifetime: TimeInterval, publicURL: String?, clock: any BookingClock
    ) async {
        self.booking = booking
        self.catalog = catalog
        self.accounts = accounts
        self.checkIn = checkIn
        self.queue = queue
        self.refunds = refunds
        self.webhooks = webhooks
        self.emails = emails
        self.sales = sales
        self.operations = operations
        self.live = live
        origins = OriginPolicy(publicURL: publicURL)
        self.keyring = keyring
        self.metricsRegistry = metricsRegistry
        tokens = await SessionTokens(secret: sessionSecret, clock: clock, lifetime: tokenLifetime)
        links = TicketLinks(secret: sessionSecret)
    }

    /// Issues a bearer token for an account (the CLI and tests sign in this way).
    package func token(for user: User) async throws -> String { try await tokens.issue(for: user) }
}

/// Where the HTTP server listens, and how it limits requests.
package struct HTTPSettings: Sendable {
    package var host = "127.0.0.1"
    package var port = 8080
    /// Requests per second (and burst) one account may make to routes that change
    /// inventory; nil for no limit.
    package var accountRateLimit: TokenBucketLimit?
    /// The same per client address; nil for no limit.
    package var addressRateLimit: TokenBucketLimit?
    package var clock: any BookingClock = SystemClock()
    package var logger = Logger(label: "boxoffice")
    /// Where the request log lines go when the node logs JSON: written straight into the
    /// log's batch, without building swift-log metadata; nil sends them through `logger`.
    package var requestLines: (any RequestLineSink)?

    package init() {}
}
