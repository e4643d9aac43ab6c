import BoxOfficeTestSupport
import Foundation
import Testing

/// Says loudly when the PostgreSQL half of the conformance suite did not run, and fails
/// when it was required (scripts/test.sh and CI require it).
@Suite struct EngineAvailabilityTests {
    @Test(.enabled(if: Engine.postgresURL != nil,
                   "PostgreSQL tests SKIPPED: BOXOFFICE_TEST_POSTGRES_URL is not set. Run scripts/test.sh to provision a server."))
    func postgresConformanceRuns() {
        #expect(Engine.available.contains(.postgres))
    }

    @Test func postgresIsPresentWhenRequired() {
        let required = ProcessInfo.processInfo.environment["BOXOFFICE_REQUIRE_POSTGRES"] == "1"
        #expect(!required || Engine.postgresURL != nil,
                "BOXOFFICE_REQUIRE_POSTGRES=1 but BOXOFFICE_TEST_POSTGRES_URL is not set: the PostgreSQL tests would be skipped")
    }

    @Test(.enabled(if: LocalStripe.isAvailable, LocalStripe.skipNote))
    func stripeTestsRun() {
        #expect(LocalStripe.apiBase != nil)
    }

    @Test func localstripeIsPresentWhenRequired() {
        let required = ProcessInfo.processInfo.environment["BOXOFFICE_REQUIRE_STRIPE"] == "1"
        #expect(!required || LocalStripe.isAvailable,
                "BOXOFFICE_REQUIRE_STRIPE=1 but BOXOFFICE_TEST_STRIPE_API_BASE is not set (or not a loopback address): the Stripe tests would be skipped")
    }

    @Test func theMailServersArePresentWhenRequired() {
        let required = ProcessInfo.processInfo.environment["BOXOFFICE_REQUIRE_SMTP"] == "1"
        #expect(!required || TestSMTP.isAvailable,
                "BOXOFFICE_REQUIRE_SMTP=1 but BOXOFFICE_TEST_SMTP_DIR is not set: the email tests would be skipped")
    }

    @Test func onlyAServerOnThisMachineIsEverUsed() {
        #expect(Engine.isLoopback("postgres://postgres@127.0.0.1:5433/postgres"))
        #expect(Engine.isLoopback("postgres://postgres@localhost/postgres"))
        #expect(Engine.isLoopback("postgres://postgres@[::1]:5432/postgres"))
        #expect(!Engine.isLoopback("postgres://postgres@db.internal:5432/postgres"))
        #expect(!Engine.isLoopback("postgres://postgres@10.0.0.5:5432/postgres"))
        #expect(!Engine.isLoopback("postgres://postgres@127.example.org/postgres"), "a name that starts with 127. is not an address")
        if let url = Engine.postgresURL { #expect(Engine.isLoopback(url)) }
    }
}
