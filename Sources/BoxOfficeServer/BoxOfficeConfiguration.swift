import BoxOfficeApp
import BoxOfficeCore
import BoxOfficePayments
import BoxOfficeStore
import Foundation
import Logging

/// The payment provider purchases are charged through.
package enum PaymentProvider: Sendable {
    /// The built-in test gateway, deterministic by payment method id (`pm_card_visa`...).
    case test
    /// Stripe's PaymentIntents API (or `localstripe`), with a secret key.
    case stripe(StripeGateway.Configuration)
    /// A gateway made elsewhere (a program embedding BoxOffice, or a test).
    case gateway(any PaymentGateway)

    /// The names `--payments` takes.
    package static let names = ["test", "stripe"]
}

/// Everything the composition root needs to open and wire a node; the CLI fills it from
/// flags and environment, tests from their own values.
package struct BoxOfficeConfiguration: Sendable {
    package var host = "127.0.0.1"
    package var port = 8080
    /// Path of the SQLite file (`:memory:` for a private in-memory database).
    package var databasePath = "boxoffice.sqlite"
    /// `postgres://` URLs; when given, PostgreSQL is used instead of SQLite. More than one
    /// spreads events over several databases (the first is the directory).
    package var postgresURLs: [String] = []

    /// The single PostgreSQL database, when not sharded.
    package var postgresURL: String? {
        get { postgresURLs.first }
        set { postgresURLs = newValue.map { [$0] } ?? [] }
    }
    /// Apply pending schema migrations on start. An empty database is always initialised;
    /// `serve` leaves an older schema alone unless asked (`--migrate`).
    package var migrate = true
    /// Path of the Ed25519 ticket signing key; nil puts it beside the database.
    package var ticketKeyPath: String?
    /// Seed demo accounts and events into an empty database.
    package var demo = false
    /// bcrypt cost; tests use the minimum (4) to stay fast.
    package var bcryptCost: UInt8 = 10
    /// How often the hold sweeper runs.
    package var sweepInterval: Duration = .seconds(5)
    /// How long a bearer token stays valid.
    package var tokenLifetime: TimeInterval = 24 * 3_600
    /// The JWT secret; nil uses the one generated into the database on first start.
    package var jwtSecret: String?
    package var clock: any BookingClock = SystemClock()
    /// Requests per second (and burst) one account may make to routes that change
    /// inventory (hold, confirm, cancel, check-in); nil for no limit.
    package var accountRateLimit: TokenBucketLimit? = TokenBucketLimit(rate: 50, capacity: 100)
    /// The same per client address; off by default, because behind a proxy or a venue's
    /// NAT many buyers share one address (turn it on with --rate-limit-ip).
    package var addressRateLimit: TokenBucketLimit?
    package var logLevel: Logger.Level = .info
    /// Where log lines go; nil is the handler swift-log was bootstrapped with (tests capture them).
    package var logHandler: (@Sendable (String) -> any LogHandler)?
    /// Set when logging JSON: request lines are written straight into the log's batch.
    package var jsonRequestLines = false
    /// Where purchases are charged.
    package var payments: PaymentProvider = .test
    /// How long an unfinished payment waits before the settler asks the provider again.
    package var paymentSettleAfter: TimeInterval = BookingService.paymentSettleAfter
    /// How long an unfinished refund waits before the settler asks the provider again.
    package var refundRetryAfter: TimeInterval = RefundService.retryAfter
    /// A payment or refund step at which to SIGKILL the process (process tests only).
    package var faults: FaultPoints = .none
    /// Webhooks may reach private, loopback and link-local addresses (tests, one-machine demos).
    package var webhooksAllowPrivate = false
    /// How long dispatched outbox messages and finished deliveries are kept.
    package var outboxRetention: TimeInterval = 30 * 86_400
    /// How long a webhook receiver has to answer.
    package var webhookTimeout: Duration = .seconds(10)
    /// How often the dispatcher reads the outbox when idle.
    package var outboxPollInterval: Duration = .milliseconds(200)
    /// Sends webhooks; nil for HTTP with the policy above (tests may put a recorder here).
    package var webhookTransport: (any WebhookTransport)?

    /// `smtp://[user:pass@]host[:port]` or `smtps://...`; nil writes `.eml` files to `mailDirectory`.
    package var smtpURL: String?
    /// Refuse to send over `smtp://` unless STARTTLS succeeds.
    package var smtpRequireTLS = false
    /// A PEM file of certificates to trust for the mail server instead of the system's.
    package var smtpTrustRootsFile: String?
    /// The sender of buyers' emails.
    package var mailFrom = "BoxOffice <tickets@localhost>"
    /// Where emails go without SMTP; nil is `mail` beside the SQLite file (or in the
    /// working directory for PostgreSQL).
    package var mailDirectory: String?
    /// Sends emails; nil for SMTP or the mail directory as configured above (tests may put a recorder here).
    package var mailTransport: (any MailTransport)?
    /// The address buyers reach this server at, for links in emails; nil is `http://host:port`.
    package var publicURL: String?

    package init() {}

    /// Where `.eml` files go without `--smtp`.
    package var resolvedMailDirectory: String {
        if let mailDirectory { return mailDirectory }
        if postgresURL != nil { return "mail" }
        if databasePath == ":memory:" { return NSTemporaryDirectory() + "boxoffice-mail-\(UUID().text)" }
        let folder = (databasePath as NSString).deletingLastPathComponent
        return folder.isEmpty ? "mail" : (folder as NSString).appendingPathComponent("mail")
    }

    /// The links' base address.
    package var resolvedPublicURL: String { publicURL ?? "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }

    /// The database to open: PostgreSQL when URLs are given, else the SQLite file.
    package var database: DatabaseLocation {
        postgresURLs.isEmpty ? .sqlite(path: databasePath) : .postgres(urls: postgresURLs)
    }

    /// Where the ticket key lives when no path is given: beside the SQLite file.
    package var resolvedTicketKeyPath: String {
        if let ticketKeyPath { return ticketKeyPath }
        // Every node of a PostgreSQL deployment must share one key file; the database
        // records its key id and refuses a node whose file differs.
        if postgresURL != nil { return "boxoffice.ticket-key" }
        if databasePath == ":memory:" { return NSTemporaryDirectory() + "boxoffice-\(UUID().text).ticket-key" }
        return databasePath + ".ticket-key"
    }
}
