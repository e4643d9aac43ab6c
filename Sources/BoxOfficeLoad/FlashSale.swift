import AsyncHTTPClient
import Foundation
import NIOCore

/// How a flash sale is run against a server.
package struct FlashSaleConfiguration: Sendable {
    package var url = "http://127.0.0.1:8080"
    package var buyers = 50_000
    package var seats = 5_000
    /// GA places added as one general-admission section (0 for none).
    package var ga = 0
    package var concurrency = 256
    /// Share of buyers who hold and then walk away, letting the hold lapse.
    package var abandon = 0.04
    /// Accounts registered and shared by the buyers (registration is bcrypt-bound).
    package var accounts = 1_000
    package var organizerEmail = "organizer@boxoffice.test"
    package var organizerPassword = "organizer-demo-pass"
    /// Hold attempts per buyer before giving up.
    package var attempts = 3
    package var holdMinutes = 1
    package var seed: UInt64 = 42
    package var showProgress = true
    /// Puts the event behind the waiting room at this admission rate (places a minute, in
    /// one-second batches): buyers join, poll until admitted, then shop. Nil: no queue.
    package var queueAdmitPerMinute: Int?

    package init() {}
}

/// What the load generator measured and what its audit found.
package struct FlashSaleReport: Codable, Sendable {
    package struct Audit: Codable, Sendable {
        package var ok: Bool
        package var violations: [String]
    }

    package var eventId: String
    package var buyers: Int
    package var seatsOffered: Int
    package var durationSeconds: Double
    package var requestsPerSecond: Double
    package var operations: [String: OperationSummary]
    package var conflictRate: Double
    package var seatsSold: Int
    package var ticketsIssued: Int
    package var buyersServed: Int
    package var buyersAbandoned: Int
    package var buyersGaveUp: Int
    package var audit: Audit
}

/// Runs an on-sale against a BoxOffice server over real HTTP: creates the event,
/// registers buyers, lets them race to hold and pay, then audits the result.
package struct FlashSale: Sendable {
    let configuration: FlashSaleConfiguration

    package init(_ configuration: FlashSaleConfiguration) {
        self.configuration = configuration
    }

    package func run() async throws -> FlashSaleReport {
        var poolConfiguration = HTTPClient.Configuration()
        poolConfiguration.connectionPool = .init(idleTimeout: .seconds(60),
                                                 concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, configuration.concurrency))
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: poolConfiguration)
        do {
            let report = try await run(with: LoadClient(http: http, baseURL: configuration.url, stats: StatsBook()))
            try await http.shutdown()
            return report
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    private func run(with client: LoadClient) async throws -> FlashSaleReport {
        let organizer = try await client.send("login", .POST, "/api/v1/auth/login",
                                              body: ["email": configuration.organizerEmail, "password": configuration.organizerPassword])
        guard let organizerToken = organizer.string("token") else {
            throw FlashSaleError.setup("cannot log in as organizer \(configuration.organizerEmail): \(organizer.json)")
        }
        // Accounts first: the event (and its waiting room's admission clock) starts when the buyers do.
        let tokens = try await registerAccounts(client)
        let event = try await createEvent(client, token: organizerToken)
        let tally = Tally()
        let progress = configuration.showProgress ? Progress(total: configuration.buyers, offered: configuration.seats + configuration.ga) : nil
        let started = ContinuousClock.now
        let progressTask = progress.map { progress in Task { await progress.run(tally: tally, stats: client.stats) } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            func startBuyer() {
                let index = next
                next += 1
                let buyer = Buyer(index: index, token: tokens[index % tokens.count], event: event, client: client,
                                  configuration: configuration, tally: tally)
                group.addTask { await buyer.shop() }
            }
            for _ in 0..<min(configuration.concurrency, configuration.buyers) { startBuyer() }
            while try await group.next() != nil {
                if next < configuration.buyers { startBuyer() }
            }
        }
        let seconds = Double((ContinuousClock.now - started).microseconds) / 1_000_000
        progressTask?.cancel()
        _ = await progressTask?.value
        let violations = try await SaleAudit(client: client, event: event, tally: tally).violations()
        let holdAttempts = await client.stats.count("hold")
        let totals = await tally.totals()
        return FlashSaleReport(
            eventId: event.id, buyers: configuration.buyers, seatsOffered: configuration.seats + configuration.ga,
            durationSeconds: seconds.rounded(toPlaces: 3),
            requestsPerSecond: (Double(await client.stats.totalRequests()) / max(seconds, 0.001)).rounded(toPlaces: 1),
            operations: await client.stats.summaries(seconds: seconds),
            conflictRate: holdAttempts > 0 ? (Double(await client.stats.conflicts) / Double(holdAttempts)).rounded(toPlaces: 4) : 0,
            seatsSold: totals.placesBought, ticketsIssued: totals.tickets, buyersServed: totals.served,
            buyersAbandoned: totals.abandoned, buyersGaveUp: totals.gaveUp,
            audit: .init(ok: violations.isEmpty, violations: violations))
    }

    private func createEvent(_ client: LoadClient, token: String) async throws -> SaleEvent {
        var sections: [[String: Any]] = []
        if configuration.seats > 0 {
            let perRow = 50
            var rows: [[String: Any]] = []
            var left = configuration.seats
            while left > 0 {
                rows.append(["label": "R\(rows.count + 1)", "seats": min(perRow, left)])
                left -= perRow
            }
            sections.append(["name": "Seated", "price_cents": 7_500, "kind": "seated", "rows": rows])
        }
        if configuration.ga > 0 {
            sections.append(["name": "Floor", "price_cents": 5_000, "kind": "general_admission", "capacity": configuration.ga])
        }
        var body: [String: Any] = [
            "title": "Flash Sale \(UUID().uuidString.prefix(8))", "artist": "Load Generator", "category": "load-test",
            "venue": ["name": "Benchmark Arena", "city": "Loopback"], "starts_at": "2099-01-01T20:00:00Z",
            "hold_duration_minutes": configuration.holdMinutes, "max_tickets_per_user": 100, "sections": sections,
        ]
        if let rate = configuration.queueAdmitPerMinute {
            body["queue"] = ["enabled": true, "admit_per_minute": rate, "admit_interval_seconds": 1]
        }
        let created = try await client.send("create_event", .POST, "/api/v1/events", token: token, body: body)
        guard created.status == 201, let id = created.string("event_id") else {
            throw FlashSaleError.setup("cannot create the event: \(created.json)")
        }
        let sectionIDs = created.array("sections")
        return SaleEvent(
            id: id,
            seatedSection: sectionIDs.first { $0["kind"] as? String == "seated" }?["section_id"] as? String,
            gaSection: sectionIDs.first { $0["kind"] as? String == "general_admission" }?["section_id"] as? String)
    }

    private func registerAccounts(_ client: LoadClient) async throws -> [String] {
        let count = max(1, min(configuration.accounts, configuration.buyers))
        let run = UUID().uuidString.prefix(8).lowercased()
        return try await withThrowingTaskGroup(of: String?.self) { group in
            var tokens: [String] = []
            var next = 0
            func register() {
                let index = next
                next += 1
                group.addTask {
                    let email = "buyer-\(run)-\(index)@load.test"
                    let response = try await client.send("register", .POST, "/api/v1/auth/register", body: [
                        "email": email, "password": "load-test-pass", "name": "Buyer \(index)",
                    ], expected: [201, 409])
                    if response.status == 409 {
                        // A resent registration that had already succeeded: log in instead.
                        return try await client.send("login", .POST, "/api/v1/auth/login",
                                                     body: ["email": email, "password": "load-test-pass"]).string("token")
                    }
                    return response.string("token")
                }
            }
            for _ in 0..<min(count, 64) { register() }
            while let token = try await group.next() {
                if let token { tokens.append(token) }
                if next < count { register() }
            }
            guard !tokens.isEmpty else { throw FlashSaleError.setup("no buyer account could be registered") }
            return tokens
        }
    }
}

/// Why a flash sale could not start.
package enum FlashSaleError: Error, CustomStringConvertible {
    case setup(String)

    package var description: String {
        switch self {
        case let .setup(reason): reason
        }
    }
}

/// The event under sale.
struct SaleEvent: Sendable {
    let id: String
    let seatedSection: String?
    let gaSection: String?
}
