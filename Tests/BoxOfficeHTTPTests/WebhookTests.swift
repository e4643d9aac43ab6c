import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeDelivery
import BoxOfficeServer
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Webhooks through the API against a real receiver on loopback: registration and its
/// refusals, signed deliveries in order, retries on the schedule, 410, redirects, slow and
/// huge answers, redelivery, and the address check made on the connection itself.
@Suite struct WebhookTests {
    static func harness(_ engine: Engine = .sqlite, allowPrivate: Bool = true) async throws -> TestHarness {
        try await TestHarness.make(engine: engine) { configuration in
            configuration.webhooksAllowPrivate = allowPrivate
            configuration.webhookTimeout = .seconds(2)
        }
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func registrationShowsTheSecretOnceAndRefusesWhatCannotBeSent() async throws {
        let harness = try await Self.harness(allowPrivate: false)
        let organizer = try await harness.account(.organizer)
        let other = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let made = try await client.call(.post, "/api/v1/webhooks", token: organizer.token,
                                             body: ["url": "https://tickets.example.org/hook", "events": ["order.confirmed", "order.confirmed"]])
            #expect(made.status == .created)
            let secret = try #require(made.string("secret"))
            #expect(secret.hasPrefix("whsec_") && secret.count == 70)
            #expect(made["events"] as? [String] == ["order.confirmed"], "each type once")
            let id = try #require(made.string("webhook_id"))
            let listed = try await client.call(.get, "/api/v1/webhooks", token: organizer.token).array("webhooks")
            #expect(listed.map { $0["webhook_id"] as? String } == [id])
            #expect(listed.allSatisfy { $0["secret"] == nil }, "the secret is shown once")
            #expect(try await client.call(.get, "/api/v1/webhooks/\(id)", token: organizer.token).string("secret") == nil)

            #expect(try await client.call(.get, "/api/v1/webhooks", token: other.token).array("webhooks").isEmpty)
            #expect(try await client.call(.get, "/api/v1/webhooks/\(id)", token: other.token).error == "WEBHOOK_NOT_FOUND")
            #expect(try await client.call(.delete, "/api/v1/webhooks/\(id)", token: other.token).error == "WEBHOOK_NOT_FOUND")
            #expect(try await client.call(.get, "/api/v1/webhooks/\(id)/deliveries", token: other.token).error == "WEBHOOK_NOT_FOUND")
            #expect(try await client.call(.post, "/api/v1/webhooks", token: buyer.token, body: ["url": "https://a.example/", "events": ["*"]])
                .status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/webhooks").status == .unauthorized)
            let othersEvent = try await client.call(.post, "/api/v1/webhooks", token: other.token,
                                                    body: ["url": "https://b.example/", "events": ["*"], "event_id": eventID])
            #expect(othersEvent.status == .forbidden, "only the event's organizer subscribes to one event")

            for (body, field) in [
                (["url": "ftp://example.org/x", "events": ["*"]], "url"),
                (["url": "not a url", "events": ["*"]], "url"),
                (["url": "https://user:pw@example.org/", "events": ["*"]], "url"),
                (["url": "https://example.org/", "events": [String]()], "events"),
                (["url": "https://example.org/", "events": ["order.paid"]], "events[0]"),
            ] as [([String: Any], String)] {
                let refused = try await client.call(.post, "/api/v1/webhooks", token: organizer.token, body: body)
                #expect(refused.status == .unprocessableContent && refused.string("field") == field, "\(body)")
            }
            #expect(try await client.call(.post, "/api/v1/webhooks", token: organizer.token,
                                          body: ["url": "https://example.org/", "events": ["*"], "colour": "red"]).string("field") == "colour")
            for url in ["http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/", "http://192.168.0.10/",
                        "http://169.254.169.254/latest/meta-data", "http://[::1]:9000/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/",
                        "http://0.0.0.0/", "http://100.64.0.1/"] {
                let refused = try await client.call(.post, "/api/v1/webhooks", token: organizer.token, body: ["url": url, "events": ["*"]])
                #expect(refused.status == .unprocessableContent && refused.error == "WEBHOOK_URL_FORBIDDEN", "\(url)")
            }
            #expect(try await client.call(.get, "/api/v1/webhooks", token: organizer.token).array("webhooks").count == 1, "refusals changed nothing")
            #expect(try await client.call(.delete, "/api/v1/webhooks/\(id)", token: organizer.token).status == .noContent)
            #expect(try await client.call(.delete, "/api/v1/webhooks/\(id)", token: organizer.token).error == "WEBHOOK_NOT_FOUND")
        }
    }

    @Test(arguments: Engine.available)
    func aPurchaseReachesTheReceiverSignedOnceAndInOrder(_ engine: Engine) async throws {
        let harness = try await Self.harness(engine)
        let receiver = try await WebhookReceiver.start()
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let made = try await client.call(.post, "/api/v1/webhooks", token: organizer.token, body: ["url": receiver.url(), "events": ["*"]])
            let secret = try #require(made.string("secret"))
            // An organizer's other webhook, for another event only: hears nothing of this one.
            let elsewhere = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            _ = try await client.call(.post, "/api/v1/webhooks", token: organizer.token,
                                      body: ["url": receiver.url("/elsewhere"), "events": ["*"], "event_id": elsewhere])
            let seats = try await client.seatIDs(event: eventID)
            let held = try #require(try await client.hold([seats[0], seats[1]], event: eventID, token: buyer.token).string("reservation_id"))
            #expect(try await client.confirm(held, token: buyer.token).status == .ok)
            // A declined card: the hold is released (cancelled) and no order is confirmed.
            let declined = try #require(try await client.hold([seats[2]], event: eventID, token: buyer.token).string("reservation_id"))
            #expect(try await client.confirm(declined, token: buyer.token, card: "pm_card_chargeDeclined").status != .ok)
            try await harness.system.dispatcher.runOnce()

            let got = await receiver.waitFor(4)
            #expect(got.map(\.type) == ["reservation.held", "order.confirmed", "reservation.held", "reservation.cancelled"])
            #expect(got.allSatisfy { $0.path == "/hook" })
            for message in got {
                #expect(message.json["id"] as? String == message.eventID, "the body's id is the header's")
                #expect(message.json["event_id"] as? String == eventID)
                #expect(message.headers["content-type"] == "application/json")
                let signature = try #require(message.headers["boxoffice-signature"])
                #expect(WebhookSignature.verify(header: signature, body: Array(message.body.utf8), secret: secret, now: Date()))
                #expect(try Self.python(secret: secret, header: signature, body: message.body), "the Python verifier agrees")
                #expect(try Self.python(secret: secret, header: signature, body: message.body.replacingOccurrences(of: "HELD", with: "SOLD")) == false
                        || !message.body.contains("HELD"), "a tampered body fails")
            }
            let order = try #require((got[1].json["data"] as? [String: Any])?["order"] as? [String: Any])
            #expect(order["reservation_id"] as? String == held)
            #expect((order["tickets"] as? [[String: Any]])?.count == 2)
            let hold = try #require((got[0].json["data"] as? [String: Any])?["reservation"] as? [String: Any])
            #expect(hold["status"] as? String == "HELD" && (hold["seats"] as? [Any])?.count == 2, "a hold's data is the hold as made")

            // An old timestamp fails, though the signature is right for it.
            let old = Int(Date().timeIntervalSince1970) - 600
            let stale = WebhookSignature.sign(body: Array(got[0].body.utf8), secret: secret, timestamp: old)
            #expect(try Self.python(secret: secret, header: stale, body: got[0].body) == false)
            #expect(!WebhookSignature.verify(header: stale, body: Array(got[0].body.utf8), secret: secret, now: Date()))

            // Nothing is sent twice.
            try await harness.system.dispatcher.runOnce()
            #expect(receiver.received.count == 4)
            let webhookID = try #require(made.string("webhook_id"))
            let page = try await client.call(.get, "/api/v1/webhooks/\(webhookID)/deliveries?limit=3", token: organizer.token)
            #expect(page.array("deliveries").map { $0["type"] as? String } == ["reservation.cancelled", "reservation.held", "order.confirmed"])
            #expect(page.array("deliveries").allSatisfy { $0["status"] as? String == "DELIVERED" && ($0["attempts"] as? [Any])?.count == 1 })
            let cursor = try #require(page.string("next_cursor"))
            let rest = try await client.call(.get, "/api/v1/webhooks/\(webhookID)/deliveries?cursor=\(cursor)", token: organizer.token)
            #expect(rest.array("deliveries").map { $0["type"] as? String } == ["reservation.held"])
            #expect(rest["next_cursor"] is NSNull)
            #expect(try await client.call(.get, "/api/v1/webhooks/\(webhookID)/deliveries?cursor=abc", token: organizer.token).error == "INVALID_CURSOR")

            // Redelivered: the same message, the same id, once more.
            let first = try #require(rest.array("deliveries").first?["delivery_id"] as? String)
            let again = try await client.call(.post, "/api/v1/webhooks/\(webhookID)/deliveries/\(first)/redeliver", token: organizer.token)
            #expect(again.status == .accepted && again.string("status") == "PENDING")
            try await harness.system.dispatcher.runOnce()
            #expect(receiver.received.count == 5 && receiver.received[4].eventID == got[0].eventID)
            #expect(try await client.call(.post, "/api/v1/webhooks/\(webhookID)/deliveries/\(UUID.random().text)/redeliver",
                                          token: organizer.token).error == "DELIVERY_NOT_FOUND")
        }
        await receiver.stop()
    }

    @Test func aReceiverThatIsDownForAnHourGetsEveryMessageAfterwardsInOrder() async throws {
        let harness = try await Self.harness()
        let receiver = try await WebhookReceiver.start()
        let down = DownUntil()
        receiver.answer { _, _ in down.isDown ? .init(status: 503) : .init(status: 200) }
        let organizer = try await harness.account(.organizer)
        let buyers = try await harness.buyers(3)
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let made = try await client.call(.post, "/api/v1/webhooks", token: organizer.token,
                                             body: ["url": receiver.url(), "events": ["reservation.held"]])
            let webhookID = try #require(made.string("webhook_id"))
            let seats = try await client.seatIDs(event: eventID)
            var holds: [String] = []
            for (index, buyer) in buyers.enumerated() {
                holds.append(try #require(try await client.hold([seats[index]], event: eventID, token: buyer.token).string("reservation_id")))
            }
            try await harness.system.dispatcher.runOnce()
            #expect(receiver.received.count == 1, "the first fails; the others wait behind it")
            let deliveries = try await client.call(.get, "/api/v1/webhooks/\(webhookID)/deliveries", token: organizer.token).array("deliveries")
            let head = try #require(deliveries.last)
            #expect(head["status"] as? String == "PENDING" && head["last_status_code"] as? Int == 503)
            #expect(head["next_attempt_at"] as? String == ISO8601Text.format(harness.clock.now().addingTimeInterval(10)))
            #expect((head["attempts"] as? [[String: Any]])?.first?["status_code"] as? Int == 503)

            // Down for an hour: every retry on the schedule fails, and nothing overtakes the first.
            for delay in [10.0, 60, 300, 1_800] {
                harness.clock.advance(by: delay - 1)
                try await harness.system.dispatcher.runOnce()
                let before = receiver.received.count
                harness.clock.advance(by: 1)
                try await harness.system.dispatcher.runOnce()
                #expect(receiver.received.count == before + 1, "retried after \(delay) s, not before")
            }
            // The receiver is back an hour after the first attempt; the next retry (2 h after
            // the fifth) brings everything.
            harness.clock.advance(by: 3_600 - 2_170)
            down.isDown = false
            try await harness.system.dispatcher.runOnce()
            #expect(receiver.received.count == 5, "no attempt before its time")
            harness.clock.advance(by: 2_170 + 7_200 - 3_600)
            try await harness.system.dispatcher.runOnce()
            let arrived = receiver.received.filter { $0.headers["boxoffice-delivery-attempt"] != nil }
            let delivered = arrived.suffix(3).map { (($0.json["data"] as? [String: Any])?["reservation"] as? [String: Any])?["reservation_id"] as? String }
            #expect(delivered == holds, "every message, in order, once the receiver is back")
            #expect(arrived.suffix(3).first?.headers["boxoffice-delivery-attempt"] == "6")
        }
        await receiver.stop()
    }

    @Test func goneDisablesRedirectsAreNotFollowedAndSlowOrHugeAnswersHoldUpNobody() async throws {
        let harness = try await Self.harness()
        let receiver = try await WebhookReceiver.start()
        receiver.answer { _, path in
            switch path {
            case "/gone": .init(status: 410)
            case "/moved": .init(status: 302, headers: [("Location", "/followed")])
            case "/slow": .init(status: 200, delay: .seconds(4))
            case "/huge": .init(status: 200, bodyBytes: 8 << 20)
            default: .init(status: 200)
            }
        }
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            var ids: [String: String] = [:]
            for path in ["/gone", "/moved", "/slow", "/huge", "/fast"] {
                let made = try await client.call(.post, "/api/v1/webhooks", token: organizer.token,
                                                 body: ["url": receiver.url(path), "events": ["reservation.held"]])
                ids[path] = try #require(made.string("webhook_id"))
            }
            let seats = try await client.seatIDs(event: eventID)
            _ = try await client.hold([seats[0]], event: eventID, token: buyer.token)
            try await harness.system.dispatcher.runOnce()
            let got = receiver.received
            #expect(Set(got.map(\.path)) == ["/gone", "/moved", "/slow", "/huge", "/fast"], "no redirect was followed")
            let fast = try #require(got.first { $0.path == "/fast" })
            let slow = try #require(got.first { $0.path == "/slow" })
            // One after the other, the fast one would wait out the slow one's 2 s timeout.
            #expect(fast.receivedAt.timeIntervalSince(slow.receivedAt) < 1.5, "the slow receiver did not hold up the fast one")

            func deliveries(_ path: String) async throws -> [[String: Any]] {
                try await client.call(.get, "/api/v1/webhooks/\(ids[path]!)/deliveries", token: organizer.token).array("deliveries")
            }
            let gone = try await client.call(.get, "/api/v1/webhooks/\(ids["/gone"]!)", token: organizer.token)
            #expect(gone["disabled_at"] is String && gone.string("disabled_reason")?.contains("410") == true)
            #expect(try await deliveries("/gone").first?["status"] as? String == "FAILED")
            let redeliver = try await client.call(
                .post, "/api/v1/webhooks/\(ids["/gone"]!)/deliveries/\(try #require(try await deliveries("/gone").first?["delivery_id"] as? String))/redeliver",
                token: organizer.token)
            #expect(redeliver.status == .conflict && redeliver.error == "WEBHOOK_DISABLED")
            let moved = try #require(try await deliveries("/moved").first)
            #expect(moved["status"] as? String == "PENDING" && moved["last_status_code"] as? Int == 302, "a redirect is a failure, retried")
            let timedOut = try #require(try await deliveries("/slow").first)
            #expect(timedOut["status"] as? String == "PENDING" && timedOut["last_status_code"] is NSNull, "no answer within the timeout")
            #expect((timedOut["last_error"] as? String)?.isEmpty == false)
            #expect(try await deliveries("/huge").first?["status"] as? String == "DELIVERED", "a huge answer is cut short, not read")
            #expect(try await deliveries("/fast").first?["status"] as? String == "DELIVERED")

            // A disabled webhook gets nothing more.
            _ = try await client.hold([seats[1]], event: eventID, token: buyer.token)
            try await harness.system.dispatcher.runOnce()
            #expect(receiver.received.filter { $0.path == "/gone" }.count == 1)
            #expect(receiver.received.filter { $0.path == "/fast" }.count == 2)
        }
        await receiver.stop()
    }

    @Test func metricsShowTheBacklogItsAgeAndTheOutcomes() async throws {
        let harness = try await Self.harness()
        let receiver = try await WebhookReceiver.start()
        receiver.answer { index, _ in .init(status: index == 0 ? 500 : 200) }
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            _ = try await client.call(.post, "/api/v1/webhooks", token: organizer.token, body: ["url": receiver.url(), "events": ["reservation.held"]])
            let seats = try await client.seatIDs(event: eventID)
            _ = try await client.hold([seats[0]], event: eventID, token: buyer.token)
            harness.clock.advance(by: 30)
            try await harness.system.dispatcher.measureBacklog()
            var metrics = try await client.call(.get, "/metrics").text
            #expect(metrics.contains(#"boxoffice_outbox_backlog{stage="undispatched"} 1"#), "the hold's message")
            #expect(metrics.contains("boxoffice_outbox_oldest_undelivered_seconds 30"))
            try await harness.system.dispatcher.runOnce()
            harness.clock.advance(by: 10)
            try await harness.system.dispatcher.runOnce()
            try await harness.system.dispatcher.measureBacklog()
            metrics = try await client.call(.get, "/metrics").text
            #expect(metrics.contains(#"boxoffice_webhook_deliveries_total{outcome="retrying"} 1"#))
            #expect(metrics.contains(#"boxoffice_webhook_deliveries_total{outcome="delivered"} 1"#))
            #expect(metrics.contains(#"boxoffice_outbox_backlog{stage="webhook_pending"} 0"#))
            #expect(metrics.contains("boxoffice_webhook_delivery_lag_seconds"))
        }
        await receiver.stop()
    }

    @Test func theAddressIsCheckedOnTheConnectionItself() async throws {
        let receiver = try await WebhookReceiver.start()
        // The name passes the first check (it does not resolve here) but the connection
        // reaches loopback, as a DNS answer changed in between would.
        let transport = HTTPWebhookTransport(allowPrivate: false, connectTo: ["rebound.example": "127.0.0.1"])
        let rebound = await transport.post(url: "http://rebound.example:\(receiver.port)/hook", headers: [], body: Array("{}".utf8),
                                           timeout: .seconds(2))
        #expect(rebound.statusCode == nil)
        let literal = await transport.post(url: receiver.url(), headers: [], body: Array("{}".utf8), timeout: .seconds(2))
        #expect(literal.statusCode == nil && literal.error?.contains("127.0.0.1") == true)
        #expect(receiver.received.isEmpty, "nothing reached the private address")
        // The control: the same name and connection with private addresses allowed reach the receiver.
        let open = HTTPWebhookTransport(allowPrivate: true, connectTo: ["rebound.example": "127.0.0.1"])
        let allowed = await open.post(url: "http://rebound.example:\(receiver.port)/hook", headers: [], body: Array("{}".utf8),
                                      timeout: .seconds(2))
        #expect(allowed.statusCode == 200)
        #expect(receiver.received.count == 1)
        try await transport.shutdown()
        try await open.shutdown()
        await receiver.stop()
    }

    @Test func theAddressPolicyKnowsTheSpecialRanges() {
        for forbidden in ["127.0.0.1", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.1.1",
                          "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12::1", "::ffff:10.0.0.1", "64:ff9b::7f00:1"] {
            #expect(WebhookAddressPolicy.isForbidden(WebhookAddressPolicy.literal(forbidden)!), "\(forbidden)")
        }
        for allowed in ["93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"] {
            #expect(!WebhookAddressPolicy.isForbidden(WebhookAddressPolicy.literal(allowed)!), "\(allowed)")
        }
        #expect(WebhookAddressPolicy.literal("example.org") == nil)
    }

    /// Runs the repository's Python verifier (the README's function).
    static func python(secret: String, header: String, body: String) throws -> Bool {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("webhook-body-\(UUID().text)")
        try Data(body.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repository.appendingPathComponent("scripts/webhooks/verify.py").path, secret, header, file.path]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

/// A flag the receiver's answer reads and the test flips.
final class DownUntil: @unchecked Sendable {
    private let lock = NSLock()
    private var down = true
    var isDown: Bool {
        get { lock.withLock { down } }
        set { lock.withLock { down = newValue } }
    }
}
