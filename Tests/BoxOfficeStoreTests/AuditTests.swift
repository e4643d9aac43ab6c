import BoxOfficeCore
import BoxOfficeHTTP
import BoxOfficeLoad
import BoxOfficeServer
import BoxOfficeStore
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The audits are real: a clean sale passes, a corrupted database fails.
@Suite struct AuditTests {
    /// Sells some seats and GA places through the API; returns the event id.
    func sellSome(_ harness: TestHarness) async throws -> UUID {
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        return try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token, gaCapacity: 20)
            let eventID = try #require(event.string("event_id"))
            let seats = try await client.seatIDs(event: eventID)
            for pair in [[seats[0], seats[1]], [seats[2]]] {
                let id = try #require(try await client.hold(pair, event: eventID, token: buyer.token).string("reservation_id"))
                #expect(try await client.confirm(id, token: buyer.token).status == .ok)
            }
            let floor = try #require(sectionID(event, kind: "general_admission"))
            let ga = try #require(try await client.holdGA(3, section: floor, event: eventID, token: buyer.token).string("reservation_id"))
            #expect(try await client.confirm(ga, token: buyer.token).status == .ok)
            _ = try await client.hold([seats[3]], event: eventID, token: buyer.token)
            return try #require(UUID(uuidString: eventID))
        }
    }

    func violations(_ harness: TestHarness, _ eventID: UUID) async throws -> [String] {
        let record = try #require(try await harness.system.store.auditRecord(eventID: eventID))
        let signer = harness.system.signer
        return InventoryAudit.violations(of: record, publicKeys: [signer.keyID: signer.publicKey], now: harness.clock.now())
    }

    @Test(arguments: Engine.available) func aCleanSalePassesTheDatabaseAudit(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let eventID = try await sellSome(harness)
        #expect(try await violations(harness, eventID) == [])
    }

    @Test(arguments: Engine.available) func aSeatSoldTwiceIsCaught(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let eventID = try await sellSome(harness)
        let store = harness.hooks
        try await store.executeForTesting("""
            INSERT INTO reservations (reservation_id, user_id, event_id, ga_section_id, lines, quantity, status, total_price_cents,
                held_until, created_at)
            SELECT '\(UUID().text)', user_id, event_id, NULL, lines, quantity, 'CONFIRMED', total_price_cents, held_until, created_at
            FROM reservations WHERE event_id = '\(eventID.text)' AND status = 'CONFIRMED' AND quantity = 1 AND ga_section_id IS NULL
            """)
        let found = try await violations(harness, eventID)
        #expect(found.contains { $0.contains("is in 2 confirmed reservations") }, "\(found)")
    }

    @Test(arguments: Engine.available) func aTamperedTicketAndAnOversoldGASectionAreCaught(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let eventID = try await sellSome(harness)
        let store = harness.hooks
        try await store.executeForTesting("""
            UPDATE tickets SET qr_code = replace(qr_code, substr(qr_code, 30, 1), CASE substr(qr_code, 30, 1) WHEN 'A' THEN 'B' ELSE 'A' END)
            WHERE ticket_id = (SELECT ticket_id FROM tickets WHERE event_id = '\(eventID.text)' LIMIT 1)
            """)
        try await store.executeForTesting(engine == .sqlite ? "PRAGMA ignore_check_constraints = ON"
                                                            : "ALTER TABLE sections DROP CONSTRAINT IF EXISTS sections_check")
        try await store.executeForTesting("UPDATE sections SET sold = capacity + 5 WHERE event_id = '\(eventID.text)' AND kind = 'general_admission'")
        let found = try await violations(harness, eventID)
        #expect(found.contains { $0.contains("signature does not verify") }, "\(found)")
        #expect(found.contains { $0.contains("below zero") }, "\(found)")
        #expect(found.contains { $0.contains("tickets issued") }, "\(found)")
    }

    /// Runs `boxoffice flashsale`'s generator against the harness's server over real HTTP
    /// (64 buyers at once, sharing 100 accounts), after `configure`.
    func flashSale(on harness: TestHarness, _ configure: @escaping @Sendable (inout FlashSaleConfiguration) -> Void)
        async throws -> FlashSaleReport {
        _ = try await harness.system.accounts.register(email: "fs-organizer@example.test", password: "organizer-pass",
                                                       name: "FS Organizer", role: .organizer)
        return try await buildApplication(harness.system).test(.live) { client in
            var configuration = FlashSaleConfiguration()
            configuration.url = "http://127.0.0.1:\(client.port!)"
            configuration.concurrency = 64
            configuration.accounts = 100
            configuration.organizerEmail = "fs-organizer@example.test"
            configuration.organizerPassword = "organizer-pass"
            configuration.showProgress = false
            configure(&configuration)
            return try await FlashSale(configuration).run()
        }
    }

    @Test(arguments: Engine.available) func aSmallFlashSaleOverRealHTTPAuditsClean(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let report = try await flashSale(on: harness) { configuration in
            configuration.buyers = 2_000
            configuration.seats = 300
            configuration.ga = 100
        }
        #expect(report.audit.ok, "\(report.audit.violations)")
        #expect(report.operations["hold"]?.count ?? 0 > 0)
        #expect(report.operations["confirm"]?.count ?? 0 > 0)
        #expect(report.ticketsIssued == report.seatsSold)
        #expect(report.seatsSold > 0 && report.seatsSold <= 400)
        #expect(report.buyersServed + report.buyersAbandoned + report.buyersGaveUp == 2_000)
        #expect(report.conflictRate > 0, "2,000 buyers for 400 places must collide")
        let json = try JSONSerialization.jsonObject(with: report.json) as? [String: Any]
        let hold = (json?["operations"] as? [String: Any])?["hold"] as? [String: Any]
        for key in ["count", "rps", "p50_ms", "p90_ms", "p99_ms", "max_ms", "errors"] { #expect(hold?[key] != nil, "report lacks \(key)") }
        for key in ["conflict_rate", "seats_sold", "tickets_issued", "audit"] { #expect(json?[key] != nil, "report lacks \(key)") }
    }

    @Test(arguments: Engine.available) func aQueuedFlashSaleOverRealHTTPAdmitsThenSellsAndAuditsClean(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        // The server's clock is the test's. It stands still until the first 64 buyers (the
        // generator's concurrency) hold places, so most of them must wait and poll whatever
        // the machine's speed; then a second of it every 100 ms lets admission move.
        let clock = harness.clock
        let store = harness.system.store
        let ticking = Task {
            var joined = 0
            while joined < 64, !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(20))
                if let event = try await store.events(matching: EventQuery(category: "load-test", limit: 1)).first {
                    joined = try await store.queueState(eventID: event.id)?.counts.joined ?? 0
                }
            }
            while !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(100))
                clock.advance(by: 1)
            }
        }
        defer { ticking.cancel() }
        let report = try await flashSale(on: harness) { configuration in
            configuration.buyers = 600
            configuration.seats = 150
            configuration.ga = 50
            configuration.queueAdmitPerMinute = 600
        }
        #expect(report.audit.ok, "\(report.audit.violations)")
        #expect(report.operations["queue_join"]?.count == 600, "every buyer joins")
        #expect(report.operations["queue_status"]?.count ?? 0 > 0, "buyers past the first batch wait and poll")
        #expect(report.operations["hold"]?.errors == 0, "no hold is refused for want of admission")
        #expect(report.seatsSold > 0 && report.ticketsIssued == report.seatsSold)
    }
}
