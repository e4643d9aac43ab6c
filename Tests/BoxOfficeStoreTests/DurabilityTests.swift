import BoxOfficeCore
import BoxOfficeHTTP
import BoxOfficeServer
import BoxOfficeStore
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Testing

/// What a restart keeps.
@Suite struct DurabilityTests {
    @Test(arguments: Engine.available) func confirmedPurchasesSurviveARestartOnTheSameFile(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account(name: "Dora")
        let (eventID, reservationID, tickets) = try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token, gaCapacity: 50).string("event_id"))
            let seats = Array(try await client.seatIDs(event: eventID).prefix(3))
            let reservationID = try #require(try await client.hold(seats, event: eventID, token: buyer.token).string("reservation_id"))
            let paid = try await client.confirm(reservationID, token: buyer.token)
            return (eventID, reservationID, paid.array("tickets").compactMap { $0["qr_code"] as? String })
        }
        #expect(tickets.count == 3)

        let restarted = try await harness.restarted()
        #expect(restarted.system.signer.keyID == harness.system.signer.keyID, "the signing key is kept, not regenerated")
        try await restarted.withClient { client in
            let reservation = try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: buyer.token)
            #expect(reservation.string("status") == "CONFIRMED")
            let mine = try await client.call(.get, "/api/v1/me/tickets", token: buyer.token)
            #expect(Set(mine.array("tickets").compactMap { $0["qr_code"] as? String }) == Set(tickets))
            for code in tickets { #expect(throws: Never.self) { try restarted.system.signer.verify(code) } }
            #expect(try await client.seatIDs(event: eventID, status: "SOLD").count == 3)
            let detail = try await client.call(.get, "/api/v1/events/\(eventID)")
            #expect(detail.int("total_available") == 17 + 50)
        }
    }

    /// Holds made before a restart still count towards the buyer's limit after it (the
    /// embedded engine counts holds in memory and reloads them), and still free it up
    /// when cancelled.
    @Test(arguments: Engine.available) func theLimitCountsHoldsMadeBeforeARestart(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let (eventID, sectionID, seated) = try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token, gaCapacity: 50, maxTicketsPerUser: 4)
            let eventID = try #require(event.string("event_id"))
            let sectionID = try #require((event.array("sections").first { $0["kind"] as? String == "general_admission" })?["section_id"] as? String)
            let seats = try await client.seatIDs(event: eventID)
            let seated = try #require(try await client.hold([seats[0]], event: eventID, token: buyer.token).string("reservation_id"))
            let ga = try await client.call(.post, "/api/v1/reservations", token: buyer.token,
                                           body: ["event_id": eventID, "section_id": sectionID, "quantity": 2])
            #expect(ga.status == .created)
            return (eventID, sectionID, seated)
        }
        let restarted = try await harness.restarted()
        try await restarted.withClient { client in
            let seats = try await client.seatIDs(event: eventID)
            let past = try await client.call(.post, "/api/v1/reservations", token: buyer.token,
                                             body: ["event_id": eventID, "section_id": sectionID, "quantity": 2])
            #expect(past.error == "TICKET_LIMIT_EXCEEDED", "three places held before the restart count")
            #expect(past.int("remaining") == 1)
            #expect(try await client.call(.delete, "/api/v1/reservations/\(seated)", token: buyer.token).status == .ok)
            #expect(try await client.hold(Array(seats.suffix(2)), event: eventID, token: buyer.token).status == .created,
                    "cancelling a hold made before the restart frees its place")
            #expect(try await client.hold([seats[1]], event: eventID, token: buyer.token).error == "TICKET_LIMIT_EXCEEDED")
        }
    }

    /// The reservations rebuild (SQLite v6, PostgreSQL v10) keeps every reservation and
    /// the tickets that reference them, and idempotency keys still replay and still
    /// belong to one reservation each.
    @Test(arguments: Engine.available) func rebuildingTheReservationIndexesKeepsReservationsTicketsAndKeys(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let (eventID, paidID, keyedID, seats) = try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let seats = Array(try await client.seatIDs(event: eventID).prefix(4))
            let paidID = try #require(try await client.hold(Array(seats[0..<2]), event: eventID, token: buyer.token).string("reservation_id"))
            #expect(try await client.confirm(paidID, token: buyer.token).status == .ok)
            let keyedID = try #require(try await client.hold([seats[2]], event: eventID, token: buyer.token, key: "key-1").string("reservation_id"))
            return (eventID, paidID, keyedID, seats)
        }
        let version = engine == .sqlite ? 6 : 10
        try await harness.hooks.executeForTesting("DELETE FROM schema_migrations WHERE version >= \(version)")
        // Undo what the later migrations added outside the reservations table (which
        // SQLite's version 6 rebuilds), as a database from before them would be.
        try await harness.hooks.executeForTesting("DROP INDEX users_by_organizer")
        for table in ["refunds", "webhook_attempts", "webhook_deliveries", "webhooks", "outbox", "IF EXISTS outbox_cursor", "leases", "email_deliveries"] {
            try await harness.hooks.executeForTesting("DROP TABLE \(table)")
        }
        try await harness.hooks.executeForTesting("DROP INDEX events_cancelled")
        for column in ["users DROP COLUMN organizer_id", "users DROP COLUMN disabled_at", "queue_state DROP COLUMN last_admit_at",
                       "queue_entries DROP COLUMN admit_at", "events DROP COLUMN currency", "events DROP COLUMN cancelled_at",
                       "events DROP COLUMN cancellation_reason", "events DROP COLUMN time_zone"] {
            try await harness.hooks.executeForTesting("ALTER TABLE \(column)")
        }
        var configuration = harness.configuration
        configuration.migrate = true
        let migrated = try await TestHarness.open(configuration, engine: engine)
        try await migrated.withClient { client in
            let paid = try await client.call(.get, "/api/v1/reservations/\(paidID)", token: buyer.token)
            #expect(paid.string("status") == "CONFIRMED")
            #expect(try await client.call(.get, "/api/v1/me/tickets", token: buyer.token).array("tickets").count == 2)
            let replay = try await client.hold([seats[2]], event: eventID, token: buyer.token, key: "key-1")
            #expect(replay.string("reservation_id") == keyedID)
            let reused = try await client.hold([seats[3]], event: eventID, token: buyer.token, key: "key-1")
            #expect(reused.status == .unprocessableContent && reused.string("error") == "IDEMPOTENCY_KEY_REUSED")
            let unkeyed = try await client.hold([seats[3]], event: eventID, token: buyer.token)
            #expect(unkeyed.status == .created)
        }
        await #expect(throws: (any Error).self) {
            try await migrated.hooks.executeForTesting("""
                INSERT INTO reservations (reservation_id, user_id, event_id, lines, quantity, status, total_price_cents,
                    held_until, created_at, idempotency_key) SELECT 'copy', user_id, event_id, lines, quantity, status,
                    total_price_cents, held_until, created_at, idempotency_key FROM reservations WHERE idempotency_key = 'key-1'
                """)
        }
        migrated.system.close()
    }

    @Test func theEmbeddedEngineSyncsEveryCommit() async throws {
        let store = try SQLiteStore(path: TestHarness.temporaryDatabasePath())
        #expect(try await store.pragma("journal_mode") == "wal")
        #expect(try await store.pragma("synchronous") == "2", "synchronous=FULL")
        #expect(try await store.pragma("foreign_keys") == "1")
        #expect(try await store.pragma("wal_autocheckpoint") == "10000")
    }

    /// The per-buyer limit reads paid places through their partial index (holds are not
    /// in it), and the store's start reads holds through theirs: neither scans the table.
    @Test func theEmbeddedEngineCountsABuyersPlacesThroughIndexes() async throws {
        let store = try SQLiteStore(path: TestHarness.temporaryDatabasePath())
        let paid = try await store.queryPlan(SQLiteStore.paidPlacesSQL)
        #expect(paid.contains("reservations_paid_by_buyer"), "\(paid)")
        let holds = try await store.queryPlan("SELECT reservation_id FROM reservations WHERE status = 'HELD'")
        #expect(holds.contains("reservations_lapsing"), "\(holds)")
    }

    @Test(arguments: Engine.available) func aMissingSigningKeyStopsStartUpInsteadOfInvalidatingTickets(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        try FileManager.default.removeItem(atPath: harness.databasePath + ".ticket-key")
        await #expect(throws: (any Error).self) { _ = try await harness.restarted() }
    }

    @Test func aDatabaseFromANewerVersionIsRefused() async throws {
        let path = TestHarness.temporaryDatabasePath()
        _ = try SQLiteStore(path: path)
        let raw = try SQLiteStore(path: path)
        try await raw.executeForTesting("INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)")
        #expect(throws: StoreOpenError.self) { _ = try SQLiteStore(path: path) }
    }

    @Test func aShortJWTSecretIsRefusedAtStartUp() async throws {
        var configuration = TestHarness.configuration(path: TestHarness.temporaryDatabasePath(), clock: ManualClock())
        configuration.jwtSecret = "too-short"
        await #expect(throws: ConfigurationError.self) { _ = try await BoxOffice.open(configuration) }
    }
}
