import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeHTTP
import BoxOfficeServer
import BoxOfficeStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A decoded JSON response.
package struct APIResponse: @unchecked Sendable {
    // @unchecked: the JSON tree is built once from the body and only read afterwards.
    package let status: HTTPResponse.Status
    package let headers: HTTPFields
    package let json: [String: Any]
    package let text: String
    /// The body's bytes as sent (for binary bodies such as gzip).
    package var raw: [UInt8] = []

    package subscript(key: String) -> Any? { json[key] }
    package func string(_ key: String) -> String? { json[key] as? String }
    package func int(_ key: String) -> Int? { json[key] as? Int }
    package func array(_ key: String) -> [[String: Any]] { json[key] as? [[String: Any]] ?? [] }
    package var error: String? { string("error") }
}

/// The database engines the shared tests run against. PostgreSQL joins when
/// `BOXOFFICE_TEST_POSTGRES_URL` names a server (scripts/test.sh provisions one).
package enum Engine: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    package var description: String { rawValue }

    /// The test server's URL. Tests create and drop databases there, so a server that is
    /// not on this machine is refused outright, whatever the environment says.
    package static let postgresURL: String? = {
        guard let url = ProcessInfo.processInfo.environment["BOXOFFICE_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        guard isLoopback(url) else {
            fatalError("BOXOFFICE_TEST_POSTGRES_URL names \(URLComponents(string: url)?.host ?? "an unreadable host"); "
                + "the tests only ever use a PostgreSQL server on this machine (127.0.0.1, ::1 or localhost)")
        }
        return url
    }()

    /// Whether a `postgres://` URL names a server on this machine.
    package static func isLoopback(_ url: String) -> Bool {
        guard let host = URLComponents(string: url)?.host?.lowercased() else { return false }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        let loopbackIPv4 = octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
        return host == "localhost" || host == "::1" || host == "[::1]" || loopbackIPv4
    }

    /// A waiting room that admits two buyers a batch (12 a minute, a batch every 10 s).
    package static var twoPerBatchQueue: [String: Any] {
        ["queue": ["enabled": true, "admit_per_minute": 12, "admit_interval_seconds": 10]]
    }

    /// The engines this run can test.
    package static let available: [Engine] = postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
}

/// A BoxOffice wired for tests: a fresh database (an SQLite file, or a new PostgreSQL
/// database), a manual clock, cheap bcrypt.
package struct TestHarness: Sendable {
    package let system: BoxOffice
    package let clock: ManualClock
    package let engine: Engine
    package let configuration: BoxOfficeConfiguration

    package var databasePath: String { configuration.databasePath }
    package var hooks: any StoreTestHooks { system.store as! any StoreTestHooks }

    package static func temporaryDatabasePath() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("boxoffice-tests-\(UUID().text)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("test.sqlite").path
    }

    package static func configuration(path: String, clock: ManualClock) -> BoxOfficeConfiguration {
        var configuration = BoxOfficeConfiguration()
        configuration.databasePath = path
        // Emails go to files beside the test's database, on either engine.
        configuration.mailDirectory = (path as NSString).deletingLastPathComponent + "/mail"
        configuration.clock = clock
        configuration.bcryptCost = 4
        configuration.jwtSecret = "test-secret-test-secret-test-secret"
        configuration.logLevel = .critical
        configuration.sweepInterval = .seconds(3_600)
        // Tests run the outbox dispatcher themselves (`runOnce`), on the manual clock.
        configuration.outboxPollInterval = .seconds(3_600)
        // The manual clock never refills a bucket; RateLimitTests sets its own limits.
        configuration.accountRateLimit = nil
        return configuration
    }

    package static func make(engine: Engine = .sqlite, path: String = temporaryDatabasePath(), clock: ManualClock = ManualClock(),
                             payments: PaymentProvider = .test, logs: LogCapture? = nil,
                             configure: (inout BoxOfficeConfiguration) -> Void = { _ in }) async throws -> TestHarness {
        var configuration = configuration(path: path, clock: clock)
        configuration.payments = payments
        configure(&configuration)
        if let logs {
            configuration.logHandler = { _ in LogCapture.Handler(capture: logs) }
            configuration.logLevel = .trace
        }
        if engine == .postgres {
            configuration.postgresURL = try await freshPostgresDatabase()
            configuration.ticketKeyPath = path + ".ticket-key"
            let opening = configuration
            return try await PostgresSetupGate.shared.run { try await open(opening, engine: engine) }
        }
        return try await open(configuration, engine: engine)
    }

    package static func open(_ configuration: BoxOfficeConfiguration, engine: Engine) async throws -> TestHarness {
        let system = try await BoxOffice.open(configuration)
        return TestHarness(system: system, clock: configuration.clock as! ManualClock, engine: engine,
                           configuration: configuration)
    }

    /// Creates an empty database on the test server and returns its URL (small pool, and a
    /// generous connect timeout: a hundred tests start at once on a two-core machine).
    package static func freshPostgresDatabase() async throws -> String {
        guard let admin = Engine.postgresURL else { throw PostgresUnavailable() }
        let name = "bo_test_\(UUID().text.replacingOccurrences(of: "-", with: "").prefix(20))"
        try await PostgresSetupGate.shared.run {
            try await PostgresStore.createDatabaseForTesting(adminURL: admin + (admin.contains("?") ? "&" : "?") + "connect_timeout=60", name: name)
        }
        var components = URLComponents(string: admin)!
        components.path = "/" + name
        components.queryItems = (components.queryItems ?? []).filter { !["pool_size", "connect_timeout"].contains($0.name) }
            + [URLQueryItem(name: "pool_size", value: "4"), URLQueryItem(name: "connect_timeout", value: "60")]
        return components.string!
    }

    package struct PostgresUnavailable: Error {}

    /// Lets only a few tests create and open PostgreSQL databases at the same moment, so
    /// a burst of parallel tests does not queue a hundred backend start-ups at once.
    package actor PostgresSetupGate {
        package static let shared = PostgresSetupGate(limit: 3)
        private let limit: Int
        private var running = 0
        private var waiting: [CheckedContinuation<Void, Never>] = []

        package init(limit: Int) { self.limit = limit }

        package func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
            if running >= limit {
                await withCheckedContinuation { waiting.append($0) }
            } else {
                running += 1
            }
            defer {
                if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
            }
            return try await body()
        }
    }

    /// A new harness on the same database: what a restart sees.
    package func restarted() async throws -> TestHarness {
        try await Self.open(configuration, engine: engine)
    }

    /// Runs `body` with an HTTP client against the application built the production way.
    package func withClient<T: Sendable>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await buildApplication(system).test(.router) { client in try await body(client) }
    }

    /// Creates `count` buyer accounts.
    package func buyers(_ count: Int) async throws -> [(id: UUID, token: String)] {
        var made: [(id: UUID, token: String)] = []
        for _ in 0..<count { made.append(try await account()) }
        return made
    }

    /// Creates an account with a role and returns its id and bearer token.
    package func account(_ role: Role = .customer, name: String = "Test Buyer") async throws -> (id: UUID, token: String) {
        let user = try await system.accounts.register(
            email: "\(role.rawValue)-\(UUID().text.prefix(12))@example.test", password: "correct-horse", name: name, role: role)
        return (user.id, try await system.token(for: user))
    }
}

extension TestClientProtocol {
    /// Sends a request with an optional bearer token and JSON body (a JSON object or raw text).
    package func call(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, body: Any? = nil, headers: [String: String] = [:]
    ) async throws -> APIResponse {
        var fields = HTTPFields()
        if let token { fields[.authorization] = "Bearer \(token)" }
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        var buffer: ByteBuffer?
        if let text = body as? String {
            buffer = ByteBuffer(string: text)
        } else if let body {
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
        }
        if buffer != nil { fields[.contentType] = "application/json" }
        let response = try await executeRequest(uri: uri, method: method, headers: fields, body: buffer)
        APIContract.check(method: method.rawValue, uri: uri, status: Int(response.status.code),
                          contentType: response.headers[.contentType], contentEncoding: response.headers[.contentEncoding],
                          body: Data(buffer: response.body))
        let text = String(buffer: response.body)
        let json = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return APIResponse(status: response.status, headers: response.headers, json: json, text: text,
                           raw: Array(buffer: response.body))
    }

    /// Creates an event through the organizer API; returns the created event's JSON.
    package func createEvent(
        token: String, seatedRows: [(String, Int)] = [("A", 10), ("B", 10)], gaCapacity: Int? = nil,
        maxTicketsPerUser: Int? = nil, startsAt: String = "2030-06-01T20:00:00Z", saleStartsAt: String? = nil,
        title: String = "Test Concert", category: String = "concert", city: String = "Springfield", artist: String = "The Testers",
        extra: [String: Any] = [:]
    ) async throws -> APIResponse {
        var sections: [[String: Any]] = []
        if !seatedRows.isEmpty {
            sections.append(["name": "Stalls", "price_cents": 5_000, "kind": "seated",
                             "rows": seatedRows.map { ["label": $0.0, "seats": $0.1] }])
        }
        if let gaCapacity {
            sections.append(["name": "Floor", "price_cents": 3_000, "kind": "general_admission", "capacity": gaCapacity])
        }
        var body: [String: Any] = [
            "title": title, "artist": artist, "category": category, "venue": ["name": "Test Hall", "city": city],
            "starts_at": startsAt, "sections": sections,
        ]
        if let maxTicketsPerUser { body["max_tickets_per_user"] = maxTicketsPerUser }
        if let saleStartsAt { body["sale_starts_at"] = saleStartsAt }
        body.merge(extra) { _, new in new }
        return try await call(.post, "/api/v1/events", token: token, body: body)
    }

    /// The seat ids of an event, in seat-map order, optionally only those with a status.
    package func seatIDs(event: String, status: String? = nil) async throws -> [String] {
        let map = try await call(.get, "/api/v1/events/\(event)/seats" + (status.map { "?status=\($0)" } ?? ""))
        return map.array("sections").flatMap { ($0["seats"] as? [[String: Any]] ?? []).compactMap { $0["seat_id"] as? String } }
    }

    /// The opener most booking tests share: an event made by `organizer` (two rows of ten
    /// seats), its first `count` seats, and a hold on them by `buyer`.
    package func heldSeats(_ count: Int, organizer: String, buyer: String) async throws
        -> (eventID: String, seats: [String], reservationID: String) {
        let eventID = try #require(try await createEvent(token: organizer).string("event_id"))
        let seats = Array(try await seatIDs(event: eventID).prefix(count))
        let reservationID = try #require(try await hold(seats, event: eventID, token: buyer).string("reservation_id"))
        return (eventID, seats, reservationID)
    }

    package func hold(_ seats: [String], event: String, token: String, key: String? = nil) async throws -> APIResponse {
        try await call(.post, "/api/v1/reservations", token: token, body: ["event_id": event, "seat_ids": seats],
                       headers: key.map { ["X-Idempotency-Key": $0] } ?? [:])
    }

    package func holdGA(_ quantity: Int, section: String, event: String, token: String) async throws -> APIResponse {
        try await call(.post, "/api/v1/reservations", token: token,
                       body: ["event_id": event, "section_id": section, "quantity": quantity])
    }

    package func confirm(_ reservation: String, token: String, card: String = "pm_card_visa") async throws -> APIResponse {
        try await call(.post, "/api/v1/reservations/\(reservation)/confirm", token: token, body: ["payment_method_id": card])
    }
}

/// The id of the first section of `kind` in an event's JSON.
package func sectionID(_ event: APIResponse, kind: String) -> String? {
    event.array("sections").first { $0["kind"] as? String == kind }?["section_id"] as? String
}
