import BoxOfficeTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The real server killed with SIGKILL between a purchase's commit and its webhook and
/// email, at the dispatcher's steps, then started again: the receiver gets the message and
/// the buyer the confirmation after the restart, each under one id (at least once;
/// de-duplicated by `BoxOffice-Event-Id` and `Message-ID`). On both engines.
@Suite(.serialized) struct WebhookKillTests {
    typealias Server = ProcessKillTests.Server

    /// On `port` when given: a node restarted where it listened takes its dispatcher lease back at once.
    static func server(_ database: String, url: String?, port: Int? = nil, armed point: String? = nil) async throws -> Server {
        // Email to the test's SMTP server when it runs (scripts/test.sh starts one).
        let mail = TestSMTP.isAvailable ? ["--smtp", TestSMTP.url(.plain), "--mail-from", "tickets@boxoffice.test"] : []
        let server = try Server(database: database, port: try port ?? ProcessKillTests.unusedPort(), url: url,
                                arguments: ["--webhooks-allow-private"] + mail,
                                environment: point.map { ["BOXOFFICE_FAULT_POINT": $0] } ?? [:])
        try await server.waitUntilHealthy()
        return server
    }

    /// An organizer's webhook for `order.confirmed`, an event, and a buyer's hold of one seat.
    static func sale(on server: Server, receiver: WebhookReceiver) async throws -> (buyer: String, email: String, reservationID: String) {
        let (_, organizer) = try await server.call("POST", "/api/v1/auth/login", body: ["email": "org@example.test", "password": "organizer-pass"])
        let organizerToken = try #require(organizer["token"] as? String)
        let (made, _) = try await server.call("POST", "/api/v1/webhooks", token: organizerToken,
                                              body: ["url": receiver.url(), "events": ["order.confirmed"]])
        #expect(made == 201)
        let email = "kim-\(UUID().uuidString.prefix(8).lowercased())@example.test"
        let (_, buyer) = try await server.call("POST", "/api/v1/auth/register",
                                               body: ["email": email, "password": "buyer-pass", "name": "Kim"])
        let buyerToken = try #require(buyer["token"] as? String)
        let (_, event) = try await server.call("POST", "/api/v1/events", token: organizerToken, body: [
            "title": "Webhook Kill", "artist": "SIGKILL", "category": "concert", "venue": ["name": "Hall", "city": "Town"],
            "starts_at": "2099-01-01T20:00:00Z",
            "sections": [["name": "Stalls", "price_cents": 2_500, "kind": "seated", "rows": [["label": "A", "seats": 5]]]],
        ])
        let eventID = try #require(event["event_id"] as? String)
        let (_, map) = try await server.call("GET", "/api/v1/events/\(eventID)/seats")
        let seat = try #require(((map["sections"] as? [[String: Any]])?.first?["seats"] as? [[String: Any]])?.first?["seat_id"] as? String)
        let (_, held) = try await server.call("POST", "/api/v1/reservations", token: buyerToken, body: ["event_id": eventID, "seat_ids": [seat]])
        return (buyerToken, email, try #require(held["reservation_id"] as? String))
    }

    static func waitForDeath(_ server: Server) async throws {
        for _ in 0..<200 where server.process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!server.process.isRunning, "the server was killed at the fault point")
        if server.process.isRunning { server.kill() }
    }

    /// Kills the server at `point` during a purchase, restarts it, and returns what the
    /// receiver got; checks the buyer got `emails` copies of one confirmation.
    func killed(at point: String, _ engine: Engine, expecting copies: ClosedRange<Int>,
                emails: ClosedRange<Int> = 1...1) async throws -> [WebhookReceiver.Received] {
        let (database, url) = try await PaymentKillTests.database(engine)
        let receiver = try await WebhookReceiver.start()
        let armed = try await Self.server(database, url: url, armed: point)
        let sale = try await Self.sale(on: armed, receiver: receiver)
        _ = try? await armed.call("POST", "/api/v1/reservations/\(sale.reservationID)/confirm", token: sale.buyer,
                                  body: ["payment_method_id": "pm_card_visa"])
        try await Self.waitForDeath(armed)
        let before = receiver.received.count
        let restarted = try await Self.server(database, url: url, port: armed.port)
        defer { restarted.kill() }
        let got = await receiver.waitFor(copies.lowerBound, timeout: .seconds(30))
        let mails = TestSMTP.isAvailable ? await TestSMTP.waitFor(emails.lowerBound, to: sale.email) : []
        try await Task.sleep(for: .seconds(1))  // nothing more comes
        #expect(copies.contains(receiver.received.count), "received \(before) before the kill, \(receiver.received.count) in all")
        if TestSMTP.isAvailable {
            let all = TestSMTP.received(for: sale.email)
            #expect(emails.contains(all.count), "\(mails.count) emails, then \(all.count)")
            #expect(Set(all.map(\.messageID)).count == 1 && all.first?.messageID != nil, "every copy is the same message")
        }
        let (_, reservation) = try await restarted.call("GET", "/api/v1/reservations/\(sale.reservationID)", token: sale.buyer)
        #expect(reservation["status"] as? String == "CONFIRMED")
        let orders = got.map { (($0.json["data"] as? [String: Any])?["order"] as? [String: Any])?["reservation_id"] as? String }
        #expect(Set(orders) == [sale.reservationID])
        #expect(Set(got.compactMap(\.eventID)).count == 1, "every copy carries the same message id")
        await receiver.stop()
        return got
    }

    @Test(arguments: Engine.available) func killedRightAfterThePurchaseCommittedTheWebhookComesAfterTheRestart(_ engine: Engine) async throws {
        _ = try await killed(at: "payment.confirmed", engine, expecting: 1...1)
    }

    @Test(arguments: Engine.available) func killedAfterItsDeliveryWasRecordedItIsSentOnceAfterTheRestart(_ engine: Engine) async throws {
        _ = try await killed(at: "webhook.dispatched", engine, expecting: 1...1)
    }

    @Test(arguments: Engine.available) func killedAfterTheReceiverAnsweredItIsSentAgainUnderTheSameID(_ engine: Engine) async throws {
        // The email goes out beside the webhook: sent before the kill or after, or both.
        let got = try await killed(at: "webhook.sent", engine, expecting: 2...2, emails: 1...2)
        #expect(got.map { $0.headers["boxoffice-delivery-attempt"] } == ["1", "1"], "the answered attempt was never recorded")
    }

    @Test(.enabled(if: TestSMTP.isAvailable, TestSMTP.skipNote), arguments: Engine.available)
    func killedAfterTheMailServerTookTheEmailItIsSentAgainAsTheSameMessage(_ engine: Engine) async throws {
        _ = try await killed(at: "mail.sent", engine, expecting: 1...2, emails: 2...2)
    }
}
