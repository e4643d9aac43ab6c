import BoxOfficeCore
import BoxOfficeHTTP
import BoxOfficeStore
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

    @Test func theEmbeddedEngineSyncsEveryCommit() async throws {
        let store = try SQLiteStore(path: TestHarness.temporaryDatabasePath())
        #expect(try await store.pragma("journal_mode") == "wal")
        #expect(try await store.pragma("synchronous") == "2", "synchronous=FULL")
        #expect(try await store.pragma("foreign_keys") == "1")
        #expect(try await store.pragma("wal_autocheckpoint") == "10000")
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
