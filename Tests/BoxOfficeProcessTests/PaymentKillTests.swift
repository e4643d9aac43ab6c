import BoxOfficeTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The real server, paying through localstripe, killed with SIGKILL at each step of a
/// payment and of a refund (`BOXOFFICE_FAULT_POINT`), then started again: every
/// reservation ends CONFIRMED with exactly one succeeded intent, or with its places back
/// and nothing charged; a refund is recorded once and made once. On both engines.
@Suite(.serialized, .enabled(if: LocalStripe.isAvailable, LocalStripe.skipNote))
struct PaymentKillTests {
    typealias Server = ProcessKillTests.Server

    struct Sale {
        let database: String
        let buyer: String
        let organizer: String
        let eventID: String
        let reservationID: String
    }

    static func stripe(_ point: String? = nil) -> (arguments: [String], environment: [String: String]) {
        var environment = ["BOXOFFICE_STRIPE_SECRET_KEY": LocalStripe.secretKey, "BOXOFFICE_STRIPE_API_BASE": LocalStripe.apiBase ?? ""]
        if let point { environment["BOXOFFICE_FAULT_POINT"] = point }
        return (["--payments", "stripe", "--settle-after", "1", "--sweep-interval", "1"], environment)
    }

    static func server(_ database: String, url: String?, armed point: String? = nil) async throws -> Server {
        let (arguments, environment) = stripe(point)
        let server = try Server(database: database, port: try ProcessKillTests.unusedPort(), url: url, arguments: arguments,
                                environment: environment)
        try await server.waitUntilHealthy()
        return server
    }

    /// An organizer, a buyer, an event with a refund policy, and a hold of two seats.
    static func held(on server: Server, database: String) async throws -> Sale {
        let (_, organizer) = try await server.call("POST", "/api/v1/auth/login", body: ["email": "org@example.test", "password": "organizer-pass"])
        let organizerToken = try #require(organizer["token"] as? String)
        let (_, buyer) = try await server.call("POST", "/api/v1/auth/register",
                                               body: ["email": "kim-\(UUID().uuidString.prefix(8))@example.test", "password": "buyer-pass", "name": "Kim"])
        let buyerToken = try #require(buyer["token"] as? String)
        let (created, event) = try await server.call("POST", "/api/v1/events", token: organizerToken, body: [
            "title": "Kill Test", "artist": "SIGKILL", "category": "concert", "venue": ["name": "Hall", "city": "Town"],
            "starts_at": "2099-01-01T20:00:00Z", "currency": "eur", "refund_policy": ["allowed": true],
            "sections": [["name": "Stalls", "price_cents": 2_500, "kind": "seated", "rows": [["label": "A", "seats": 5]]]],
        ])
        #expect(created == 201)
        let eventID = try #require(event["event_id"] as? String)
        let (_, map) = try await server.call("GET", "/api/v1/events/\(eventID)/seats")
        let seats = ((map["sections"] as? [[String: Any]])?.first?["seats"] as? [[String: Any]] ?? []).prefix(2).compactMap { $0["seat_id"] as? String }
        let (_, held) = try await server.call("POST", "/api/v1/reservations", token: buyerToken, body: ["event_id": eventID, "seat_ids": seats])
        return Sale(database: database, buyer: buyerToken, organizer: organizerToken, eventID: eventID,
                    reservationID: try #require(held["reservation_id"] as? String))
    }

    /// Sends a request the armed server dies in, and waits for it to be gone.
    static func dies(_ server: Server, _ method: String, _ path: String, token: String, body: [String: Any]) async throws {
        _ = try? await server.call(method, path, token: token, body: body)
        for _ in 0..<100 where server.process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!server.process.isRunning, "the server was killed at the fault point")
        if server.process.isRunning { server.kill() }
        #expect(server.process.terminationReason == .uncaughtSignal)
    }

    /// Polls until the reservation leaves PAYMENT_PENDING (the settler's work) or 30 s pass.
    static func settled(_ server: Server, _ sale: Sale) async throws -> String {
        var status = ""
        for _ in 0..<300 {
            let (_, reservation) = try await server.call("GET", "/api/v1/reservations/\(sale.reservationID)", token: sale.buyer)
            status = reservation["status"] as? String ?? ""
            if status != "PAYMENT_PENDING" { return status }
            try await Task.sleep(for: .milliseconds(100))
        }
        return status
    }

    /// A fresh database on the engine: the SQLite path, and a PostgreSQL URL for PostgreSQL.
    static func database(_ engine: Engine) async throws -> (path: String, url: String?) {
        try #require(FileManager.default.isExecutableFile(atPath: ProcessKillTests.binary.path), "build the boxoffice executable first")
        let path = TestHarness.temporaryDatabasePath()
        let url = engine == .postgres ? try await TestHarness.freshPostgresDatabase() : nil
        #expect(try ProcessKillTests.createOrganizer(database: path, url: url) == 0)
        return (path, url)
    }

    func killedDuringConfirm(at point: String, _ engine: Engine) async throws -> (Server, Sale) {
        let (database, url) = try await Self.database(engine)
        let armed = try await Self.server(database, url: url, armed: point)
        let sale = try await Self.held(on: armed, database: database)
        try await Self.dies(armed, "POST", "/api/v1/reservations/\(sale.reservationID)/confirm", token: sale.buyer,
                            body: ["payment_method_id": "pm_card_visa"])
        return (try await Self.server(database, url: url), sale)
    }

    @Test(arguments: Engine.available) func killedAfterTheIntentWasCreatedNothingIsChargedAndTheBuyerMayPayAgain(_ engine: Engine) async throws {
        let (server, sale) = try await killedDuringConfirm(at: "payment.prepared", engine)
        defer { server.kill() }
        #expect(try await Self.settled(server, sale) == "HELD", "the payment never began: the hold stands")
        #expect(try await LocalStripe.intents(ofReservation: sale.reservationID).allSatisfy { $0["status"] as? String != "succeeded" })
        let (status, paid) = try await server.call("POST", "/api/v1/reservations/\(sale.reservationID)/confirm", token: sale.buyer,
                                                   body: ["payment_method_id": "pm_card_visa"])
        #expect(status == 200)
        #expect((paid["tickets"] as? [[String: Any]])?.count == 2)
        #expect(try await LocalStripe.intents(ofReservation: sale.reservationID).filter { $0["status"] as? String == "succeeded" }.count == 1)
    }

    @Test(arguments: Engine.available) func killedAfterTheChargeBeforeConfirmedTheRestartIssuesTheTickets(_ engine: Engine) async throws {
        let (server, sale) = try await killedDuringConfirm(at: "payment.charged", engine)
        defer { server.kill() }
        #expect(try await Self.settled(server, sale) == "CONFIRMED")
        let (_, tickets) = try await server.call("GET", "/api/v1/me/tickets", token: sale.buyer)
        #expect((tickets["tickets"] as? [[String: Any]])?.count == 2)
        let intents = try await LocalStripe.intents(ofReservation: sale.reservationID)
        #expect(intents.filter { $0["status"] as? String == "succeeded" }.count == 1)
        #expect(intents.count == 1)
    }

    @Test(arguments: Engine.available) func killedAfterConfirmedBeforeTheAnswerThePurchaseStands(_ engine: Engine) async throws {
        let (server, sale) = try await killedDuringConfirm(at: "payment.confirmed", engine)
        defer { server.kill() }
        #expect(try await Self.settled(server, sale) == "CONFIRMED")
        #expect(try await LocalStripe.intents(ofReservation: sale.reservationID).filter { $0["status"] as? String == "succeeded" }.count == 1)
        // The buyer's retry is the same purchase, not a second charge.
        let (status, _) = try await server.call("POST", "/api/v1/reservations/\(sale.reservationID)/confirm", token: sale.buyer,
                                                body: ["payment_method_id": "pm_card_visa"])
        #expect(status == 409)
        #expect(try await LocalStripe.intents(ofReservation: sale.reservationID).count == 1)
    }

    @Test(arguments: Engine.available, ["refund.recorded", "refund.sent"])
    func aRefundKilledHalfWayIsRecordedOnceAndMadeOnce(_ engine: Engine, _ point: String) async throws {
        let (database, url) = try await Self.database(engine)
        let armed = try await Self.server(database, url: url, armed: point)
        let sale = try await Self.held(on: armed, database: database)
        let (paidStatus, paid) = try await armed.call("POST", "/api/v1/reservations/\(sale.reservationID)/confirm", token: sale.buyer,
                                                      body: ["payment_method_id": "pm_card_visa"])
        #expect(paidStatus == 200)
        let intentID = try #require(paid["payment_id"] as? String)
        try await Self.dies(armed, "POST", "/api/v1/reservations/\(sale.reservationID)/refund", token: sale.buyer, body: [:])

        let server = try await Self.server(database, url: url)
        defer { server.kill() }
        var refunds: [[String: Any]] = []
        for _ in 0..<300 {
            refunds = (try await server.call("GET", "/api/v1/reservations/\(sale.reservationID)/refunds", token: sale.buyer)).1["refunds"]
                as? [[String: Any]] ?? []
            if refunds.first?["status"] as? String == "SUCCEEDED" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(refunds.count == 1, "recorded once")
        #expect(refunds.first?["status"] as? String == "SUCCEEDED")
        let made = try await LocalStripe.get("/v1/refunds?payment_intent=\(intentID)&limit=100")["data"] as? [[String: Any]] ?? []
        #expect(made.count == 1, "made once")
        #expect(made.first?["amount"] as? Int == 5_000)
        let (_, tickets) = try await server.call("GET", "/api/v1/me/tickets", token: sale.buyer)
        #expect((tickets["tickets"] as? [[String: Any]] ?? []).allSatisfy { $0["status"] as? String == "REFUNDED" })
    }
}
