import ArgumentParser
import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeDelivery
import BoxOfficePayments
import BoxOfficeServer
import BoxOfficeStore
import Foundation
import Hummingbird
import Logging

@main
struct BoxOfficeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boxoffice",
        abstract: "BoxOffice: a ticket booking server.",
        subcommands: [Serve.self, MigrateCommand.self, UserCommand.self, AuditCommand.self, FlashSaleCommand.self, QueueBenchCommand.self, WatchBenchCommand.self, TicketCommand.self, KeysCommand.self],
        defaultSubcommand: Serve.self)
}

/// Options every command that opens the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "Database: sqlite:PATH (default sqlite:./boxoffice.sqlite) or postgres://user:pass@host:5432/db[?sslmode=&pool_size=&statement_timeout=]. Give several postgres:// URLs to shard events across them (the first is the directory). Env BOXOFFICE_DATABASE (URLs separated by spaces).")
    var database: [String] = []

    @Option(help: "Ed25519 ticket signing key file (default: beside the database; env BOXOFFICE_TICKET_KEY).")
    var ticketKey: String?

    func apply(to configuration: inout BoxOfficeConfiguration) throws {
        let environment = ProcessInfo.processInfo.environment
        let urls = !database.isEmpty ? database
            : environment["BOXOFFICE_DATABASE"].map { $0.split(separator: " ").map(String.init) } ?? ["sqlite:boxoffice.sqlite"]
        configuration.ticketKeyPath = ticketKey ?? environment["BOXOFFICE_TICKET_KEY"]
        let isPostgres = { (url: String) in url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") }
        if urls.allSatisfy(isPostgres) {
            configuration.postgresURLs = urls
            return
        }
        guard urls.count == 1, let url = urls.first else {
            throw ValidationError("several --database values are for sharding PostgreSQL; SQLite takes one file")
        }
        let path = url.hasPrefix("sqlite://") ? String(url.dropFirst("sqlite://".count))
            : url.hasPrefix("sqlite:") ? String(url.dropFirst("sqlite:".count)) : url
        guard !path.isEmpty else { throw ValidationError("--database sqlite:PATH needs a path") }
        configuration.databasePath = path
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP server.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Address to listen on (env BOXOFFICE_HOST, default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (env BOXOFFICE_PORT, default 8080).")
    var port: Int?

    @Flag(help: "Seed demo accounts and events when the database has no events.")
    var demo = false

    @Flag(help: "Apply pending schema migrations on start (otherwise an older schema stops start-up).")
    var migrate = false

    @Option(help: "Seconds between hold-sweeper runs.")
    var sweepInterval: Int = 5

    @Option(help: "Log format: json (one object per line, with request ids) or text.")
    var logFormat: String = "json"

    @Option(help: "Log level: trace, debug, info (one line per request), notice, warning, error or critical.")
    var logLevel: String = "info"

    @Option(help: "bcrypt cost for new passwords (4-16).")
    var bcryptCost: UInt8 = 10

    @Option(help: "Per-account limit on inventory-changing requests, RATE[/BURST] per second (0 for none).")
    var rateLimitAccount = "50/100"

    @Option(help: "Per-client-address limit, RATE[/BURST] per second (0, the default, for none).")
    var rateLimitIp = "0"

    @Option(help: ArgumentHelp(
        "Payment provider: test (the built-in test gateway, the default) or stripe.",
        discussion: "stripe reads BOXOFFICE_STRIPE_SECRET_KEY (required), BOXOFFICE_STRIPE_API_BASE (default https://api.stripe.com) and BOXOFFICE_STRIPE_TIMEOUT_SECONDS (default 30)."))
    var payments = "test"

    @Option(help: "Seconds an unfinished payment or refund waits before the settler asks the provider again (default: 120 for payments, 60 for refunds).")
    var settleAfter: Int?

    @Flag(help: "Let webhooks reach private, loopback and link-local addresses (tests and one-machine demos; off in production).")
    var webhooksAllowPrivate = false

    @Option(help: "Days dispatched outbox messages and finished webhook deliveries are kept (default 30).")
    var outboxRetentionDays: Int = 30

    @Option(help: ArgumentHelp(
        "Send buyers' email through this server: smtp://[user:pass@]host[:port] (STARTTLS when offered) or smtps://... (implicit TLS). Without it, emails are written as .eml files to --mail-dir. Env BOXOFFICE_SMTP; the password may come from BOXOFFICE_SMTP_PASSWORD instead.",
        valueName: "url"))
    var smtp: String?

    @Flag(help: "With smtp://, send nothing unless the server's STARTTLS succeeds.")
    var smtpRequireTls = false

    @Option(help: "A PEM file of certificates to trust for the mail server instead of the system's (a private relay).")
    var smtpCaFile: String?

    @Option(help: "The sender of buyers' emails, e.g. \"BoxOffice <tickets@example.org>\" (env BOXOFFICE_MAIL_FROM).")
    var mailFrom: String?

    @Option(help: "Where emails are written as .eml files when there is no --smtp (default: mail/ beside the database).")
    var mailDir: String?

    @Option(help: "The address buyers reach this server at, for the links in emails (default http://HOST:PORT; env BOXOFFICE_PUBLIC_URL).")
    var publicUrl: String?

    /// The provider `--payments` names, with its settings from the environment (a secret
    /// key never goes on a command line, where `ps` shows it).
    static func paymentProvider(_ name: String, environment: [String: String]) throws -> PaymentProvider {
        switch name {
        case "test": return .test
        case "stripe":
            guard let key = environment["BOXOFFICE_STRIPE_SECRET_KEY"], !key.isEmpty else {
                throw ValidationError("--payments stripe needs the secret key in BOXOFFICE_STRIPE_SECRET_KEY")
            }
            let base = environment["BOXOFFICE_STRIPE_API_BASE"].flatMap { $0.isEmpty ? nil : $0 } ?? StripeGateway.Configuration.publicAPIBase
            guard let url = URL(string: base), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ValidationError("BOXOFFICE_STRIPE_API_BASE must be an http or https URL, such as https://api.stripe.com")
            }
            var timeout = Duration.seconds(30)
            if let text = environment["BOXOFFICE_STRIPE_TIMEOUT_SECONDS"], !text.isEmpty {
                guard let seconds = Double(text), seconds > 0, seconds <= 600 else {
                    throw ValidationError("BOXOFFICE_STRIPE_TIMEOUT_SECONDS must be a number of seconds between 0 and 600")
                }
                timeout = .milliseconds(Int(seconds * 1_000))
            }
            return .stripe(StripeGateway.Configuration(secretKey: key, apiBase: base, timeout: timeout))
        default:
            throw ValidationError("--payments must be one of \(PaymentProvider.names.joined(separator: ", "))")
        }
    }

    /// `--smtp` and the other mail options, checked here so a bad one stops start-up with a clear line.
    func applyMail(to configuration: inout BoxOfficeConfiguration, environment: [String: String]) throws {
        if var url = smtp ?? environment["BOXOFFICE_SMTP"].flatMap({ $0.isEmpty ? nil : $0 }) {
            if let password = environment["BOXOFFICE_SMTP_PASSWORD"], !password.isEmpty, var parts = URLComponents(string: url),
               parts.user != nil, parts.password == nil {
                parts.password = password
                url = parts.string ?? url
            }
            do {
                _ = try SMTPSettings(url: url, requireTLS: smtpRequireTls)
            } catch {
                throw ValidationError(error.description)
            }
            configuration.smtpURL = url
        } else if smtpRequireTls {
            throw ValidationError("--smtp-require-tls needs --smtp")
        }
        configuration.smtpRequireTLS = smtpRequireTls
        if let smtpCaFile {
            guard FileManager.default.isReadableFile(atPath: smtpCaFile) else { throw ValidationError("--smtp-ca-file \(smtpCaFile) cannot be read") }
            configuration.smtpTrustRootsFile = smtpCaFile
        }
        if let from = mailFrom ?? environment["BOXOFFICE_MAIL_FROM"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard MailAddress(parsing: from) != nil else {
                throw ValidationError("--mail-from must be an address or \"Name <address>\", such as \"BoxOffice <tickets@example.org>\"")
            }
            configuration.mailFrom = from
        }
        if let mailDir {
            guard !mailDir.isEmpty else { throw ValidationError("--mail-dir must not be empty") }
            configuration.mailDirectory = mailDir
        }
        if let url = publicUrl ?? environment["BOXOFFICE_PUBLIC_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let parts = URL(string: url), ["http", "https"].contains(parts.scheme ?? ""), parts.host != nil else {
                throw ValidationError("--public-url must be an http or https URL, such as https://tickets.example.org")
            }
            configuration.publicURL = url
        }
    }

    static func limit(_ text: String, flag: String) throws -> TokenBucketLimit? {
        let parts = text.split(separator: "/").map { Double($0) }
        guard (1...2).contains(parts.count), let rate = parts[0], rate >= 0, parts.count == 1 || parts[1] != nil else {
            throw ValidationError("--\(flag) takes RATE or RATE/BURST, e.g. 10/20")
        }
        return rate == 0 ? nil : TokenBucketLimit(rate: rate, capacity: max(1, parts.count == 2 ? parts[1]! : rate * 2))
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        switch logFormat {
        case "json": LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        case "text": break
        default: throw ValidationError("--log-format must be json or text")
        }
        guard (4...16).contains(bcryptCost) else { throw ValidationError("--bcrypt-cost must be between 4 and 16") }
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical")
        }
        var configuration = BoxOfficeConfiguration()
        configuration.logLevel = level
        configuration.jsonRequestLines = logFormat == "json"
        try database.apply(to: &configuration)
        configuration.bcryptCost = bcryptCost
        configuration.payments = try Self.paymentProvider(payments, environment: environment)
        if let settleAfter {
            guard (1...86_400).contains(settleAfter) else { throw ValidationError("--settle-after must be between 1 and 86400 seconds") }
            configuration.paymentSettleAfter = TimeInterval(settleAfter)
            configuration.refundRetryAfter = TimeInterval(settleAfter)
        }
        configuration.webhooksAllowPrivate = webhooksAllowPrivate
        guard (1...3_650).contains(outboxRetentionDays) else { throw ValidationError("--outbox-retention-days must be between 1 and 3650") }
        configuration.outboxRetention = TimeInterval(outboxRetentionDays) * 86_400
        try applyMail(to: &configuration, environment: environment)
        if let point = environment["BOXOFFICE_FAULT_POINT"], !point.isEmpty {
            guard FaultPoints.all.contains(point) else {
                throw ValidationError("BOXOFFICE_FAULT_POINT must be one of \(FaultPoints.all.joined(separator: ", "))")
            }
            configuration.faults = FaultPoints(armed: point)
        }
        configuration.accountRateLimit = try Self.limit(rateLimitAccount, flag: "rate-limit-account")
        configuration.addressRateLimit = try Self.limit(rateLimitIp, flag: "rate-limit-ip")
        configuration.host = host ?? environment["BOXOFFICE_HOST"] ?? "127.0.0.1"
        let port = port ?? environment["BOXOFFICE_PORT"].map { Int($0) ?? -1 } ?? 8080
        guard (0...65_535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535")
        }
        configuration.port = port
        configuration.demo = demo
        configuration.migrate = migrate
        configuration.sweepInterval = .seconds(max(1, sweepInterval))
        if let secret = environment["BOXOFFICE_JWT_SECRET"], !secret.isEmpty { configuration.jwtSecret = secret }

        if configuration.postgresURL == nil, configuration.databasePath != ":memory:" {
            try Self.claim(sqliteFile: configuration.databasePath)
        }
        let demo = demo
        do {
            try await BoxOfficeServer.run(configuration) { system, seeded in
                Self.announce(system, seeded: seeded, demo: demo)
            }
        } catch let failure as StartupFailure {
            fail("cannot start: \(failure)")
        }
    }

    /// What a person starting the server needs to read: the demo accounts, and where it listens.
    static func announce(_ system: BoxOffice, seeded: Bool, demo: Bool) {
        let configuration = system.configuration
        if seeded {
            say("Seeded demo data. Demo accounts:")
            for account in DemoData.accounts {
                say("  \(account.role.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(account.email)  password: \(account.password)")
            }
            say("Stellar Drift sells through a waiting room; Paper Moons is in presale (code \(DemoData.presaleCode)).")
        } else if demo {
            say("Database already has events; demo data not seeded. Demo accounts (if seeded earlier):")
            for account in DemoData.accounts { say("  \(account.email)  password: \(account.password)") }
        }
        let where_ = configuration.postgresURL.flatMap { try? PostgresLocation(url: $0).redacted } ?? configuration.databasePath
        say("BoxOffice listening on http://\(configuration.host):\(configuration.port) (database \(where_))")
    }

    /// One process serves an SQLite file: its seat maps and its count of each buyer's holds
    /// live in that process. A second server on the same file is refused here, by an
    /// exclusive lock on `PATH.lock` held for the life of the process (the kernel lets go
    /// of it however the process ends, SIGKILL included). Other commands (`audit`, `user`)
    /// may still open the file beside a running server.
    static func claim(sqliteFile path: String) throws {
        let descriptor = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            FileHandle.standardError.write(Data("boxoffice: cannot open \(path).lock: \(String(cString: strerror(errno)))\n".utf8))
            throw ExitCode.failure
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            FileHandle.standardError.write(Data(("boxoffice: another server is running on \(path); one process serves an "
                + "SQLite file (use PostgreSQL to run several nodes)\n").utf8))
            throw ExitCode.failure
        }
        // The descriptor stays open, and the lock held, until the process ends.
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage accounts.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account (staff roles included).")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Email address.") var email: String
        @Option(help: "Password (8 to 72 bytes).") var password: String
        @Option(help: "Display name (default: the part of the email before @).") var name: String?
        @Option(help: "customer, organizer, scanner or admin.") var role: String = "customer"
        @Option(help: "For a scanner: the email of the organizer whose events they scan (default: house staff, who scan at any event).")
        var organizer: String?

        func run() async throws {
            guard let role = Role(rawValue: role.lowercased()) else {
                throw ValidationError("--role must be one of customer, organizer, scanner, admin")
            }
            guard organizer == nil || role == .scanner else { throw ValidationError("--organizer is for --role scanner") }
            var configuration = BoxOfficeConfiguration()
            try database.apply(to: &configuration)
            configuration.logLevel = .warning
            let system: BoxOffice
            do {
                system = try await BoxOffice.open(configuration)
            } catch {
                fail("cannot open the database: \(error)")
            }
            do {
                var employer: UUID?
                if let organizer {
                    guard let account = try await system.accounts.organizer(email: organizer) else {
                        fail("--organizer \(organizer) is not an organizer's account")
                    }
                    employer = account.id
                }
                let user = try await system.accounts.register(
                    email: email, password: password, name: name ?? String(email.split(separator: "@").first ?? ""), role: role,
                    organizerID: employer)
                say("created \(user.role.rawValue) \(user.email) (user_id \(user.id.text))"
                    + (employer.map { " scanning for organizer \($0.text)" } ?? ""))
            } catch let error as BookingError {
                fail("cannot create the account: \(error.sentence)")
            }
        }
    }
}

/// Prints a line straight to standard output, unbuffered, so the credentials and the
/// listening address appear at once even when output goes to a pipe or a file.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// `boxoffice migrate`: applies pending schema migrations and says where the schema stands.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending schema migrations (versioned, forward-only).")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        var configuration = BoxOfficeConfiguration()
        try database.apply(to: &configuration)
        configuration.migrate = true
        configuration.logLevel = .warning
        do {
            let version = try await BoxOfficeServer.withDatabase(configuration) { _, engine in try await engine.schemaVersion() }
            say("schema is at version \(version)")
        } catch {
            fail("cannot migrate: \(error)")
        }
    }
}

/// Ends a command that failed at its work (not at reading its flags): one sentence on
/// standard error, no usage text, exit code 1.
func fail(_ sentence: String) -> Never {
    FileHandle.standardError.write(Data("boxoffice: \(sentence)\n".utf8))
    exit(1)
}

extension BookingError {
    /// The error as a sentence for a person at a terminal.
    var sentence: String {
        switch self {
        case .emailTaken: "an account with this email already exists"
        case let .invalid(field, reason): "\(field) \(reason)"
        case .forbidden: "this account may not do that"
        case .userNotFound: "no such account"
        default: "\(self)"
        }
    }
}
