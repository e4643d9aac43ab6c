import BoxOfficeCore
import BoxOfficeHTTP
import BoxOfficeServer
import BoxOfficeStore
import BoxOfficeTestSupport
import Foundation
import Testing

/// Start-up against a database it cannot use ends with one clear error, quickly.
@Suite struct StartupTests {
    @Test func anUnreachablePostgreSQLFailsStartUpWithOneLine() async throws {
        var configuration = TestHarness.configuration(path: TestHarness.temporaryDatabasePath(), clock: ManualClock())
        // A refused port fails at once; the short connect timeout bounds a machine where the
        // attempt hangs instead (the default, 10 s, equalled the bound below and made it flaky).
        configuration.postgresURL = "postgres://nobody:secret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"
        let started = ContinuousClock.now
        do {
            _ = try await BoxOffice.open(configuration)
            Issue.record("start-up should have failed")
        } catch let error as StoreOpenError {
            let line = "\(error)"
            #expect(line.contains("cannot connect to PostgreSQL at postgres://nobody@127.0.0.1:1/none"))
            #expect(!line.contains("secret"), "the password is not printed")
            #expect(!line.contains("\n"))
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func aMalformedDatabaseURLIsRefused() {
        #expect(throws: StoreOpenError.self) { try PostgresLocation(url: "mysql://x@y/z") }
        #expect(throws: StoreOpenError.self) { try PostgresLocation(url: "postgres://u@h/db?sslmode=sometimes") }
        #expect(throws: StoreOpenError.self) { try PostgresLocation(url: "postgres://u@h/db?pool_size=0") }
        let parsed = try? PostgresLocation(url: "postgres://u:p@db.internal:6543/tickets?sslmode=require&pool_size=7&statement_timeout=2500")
        #expect(parsed?.port == 6543 && parsed?.database == "tickets" && parsed?.poolSize == 7 && parsed?.statementTimeout == 2500)
        #expect(parsed?.sslMode == "require")
        #expect(parsed?.connectTimeout == 10)
        #expect(throws: StoreOpenError.self) { try PostgresLocation(url: "postgres://u@h/db?connect_timeout=0") }
        #expect((try? PostgresLocation(url: "postgres://u@h/db?connect_timeout=45"))?.connectTimeout == 45)
    }

    @Test(arguments: Engine.available)
    func anOlderSchemaIsMigratedOnlyWhenAskedAndANewerOneRefused(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        var configuration = harness.configuration
        configuration.migrate = false
        try await harness.hooks.executeForTesting("DELETE FROM schema_migrations WHERE version >= 2")
        do {
            _ = try await BoxOffice.open(configuration)
            Issue.record("an older schema must not start without --migrate")
        } catch let error as StoreOpenError {
            #expect("\(error)".contains("boxoffice migrate"))
        }
        configuration.migrate = true
        try await harness.hooks.executeForTesting("DROP INDEX tickets_changes")
        for table in ["queue_state", "queue_entries", "presale_claims", "refunds", "webhook_attempts", "webhook_deliveries", "webhooks",
                      "outbox", "IF EXISTS outbox_cursor", "leases", "email_deliveries"] {
            try await harness.hooks.executeForTesting("DROP TABLE \(table)")
        }
        try await harness.hooks.executeForTesting("DROP INDEX users_by_organizer")
        try await harness.hooks.executeForTesting("DROP INDEX events_cancelled")
        for column in ["events DROP COLUMN rules", "events DROP COLUMN currency", "events DROP COLUMN cancelled_at",
                       "events DROP COLUMN cancellation_reason", "events DROP COLUMN time_zone", "reservations DROP COLUMN presale", "users DROP COLUMN organizer_id",
                       "users DROP COLUMN disabled_at"] {
            try await harness.hooks.executeForTesting("ALTER TABLE \(column)")
        }
        for column in ["sections DROP COLUMN held", "tickets DROP COLUMN used_at", "tickets DROP COLUMN used_by", "tickets DROP COLUMN updated_at"] {
            try await harness.hooks.executeForTesting("ALTER TABLE \(column)")
        }
        let migrated = try await BoxOffice.open(configuration)
        #expect(try await migrated.store.eventCount() == 0)
        try await harness.hooks.executeForTesting("INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)")
        await #expect(throws: StoreOpenError.self) { _ = try await BoxOffice.open(configuration) }
        migrated.close()
    }
}
