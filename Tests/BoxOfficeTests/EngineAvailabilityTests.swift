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
}
