import Crypto
import Foundation

/// An organizer's subscription: POSTs of the outbox's messages to `url`.
package struct Webhook: Sendable, Equatable {
    package var id: UUID
    /// The organizer (or admin) account that registered it.
    package var ownerID: UUID
    package var url: String
    /// Message types, or `["*"]` for all.
    package var events: [String]
    /// One event only, or nil for every event the owner organizes (every event for an admin).
    package var eventID: UUID?
    /// The signing secret (`whsec_...`), shown once when the webhook is made.
    package var secret: String
    package var createdAt: Date
    /// Set when the receiver answered 410 Gone: nothing more is sent.
    package var disabledAt: Date?
    package var disabledReason: String?

    package init(id: UUID = .timeOrdered(), ownerID: UUID, url: String, events: [String], eventID: UUID?, secret: String,
                 createdAt: Date, disabledAt: Date? = nil, disabledReason: String? = nil) {
        self.id = id
        self.ownerID = ownerID
        self.url = url
        self.events = events
        self.eventID = eventID
        self.secret = secret
        self.createdAt = createdAt
        self.disabledAt = disabledAt
        self.disabledReason = disabledReason
    }

    /// Whether a message of `type` goes to this webhook (the event's organizer is checked by the dispatcher).
    package func subscribes(to type: OutboxEventType) -> Bool {
        events.contains("*") || events.contains(type.rawValue)
    }

    /// A new signing secret: 32 random bytes, hex.
    package static func makeSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "whsec_" + bytes.map { String(format: "%02x", $0) }.joined()
    }
}

package enum DeliveryStatus: String, Sendable, Codable {
    /// Not yet answered with a 2xx; retried on the schedule.
    case pending = "PENDING"
    case delivered = "DELIVERED"
    /// Retried for about three days without a 2xx, or the webhook was gone (410): given up.
    case failed = "FAILED"
}

/// One message to one webhook.
package struct WebhookDelivery: Sendable, Equatable {
    package var id: UUID
    /// The directory's order: a webhook gets an event's deliveries in this order.
    package var sequence: Int64
    package var webhookID: UUID
    /// The message's id (the body's `id` and the `BoxOffice-Event-Id` header).
    package var messageID: UUID
    package var type: OutboxEventType
    package var eventID: UUID
    /// The exact bytes sent, the same on every attempt.
    package var body: String
    package var status: DeliveryStatus
    package var attempts: Int
    package var nextAttemptAt: Date
    package var createdAt: Date
    package var deliveredAt: Date?
    package var lastStatusCode: Int?
    package var lastError: String?

    package init(id: UUID = .timeOrdered(), sequence: Int64 = 0, webhookID: UUID, messageID: UUID, type: OutboxEventType, eventID: UUID,
                 body: String, status: DeliveryStatus = .pending, attempts: Int = 0, nextAttemptAt: Date, createdAt: Date,
                 deliveredAt: Date? = nil, lastStatusCode: Int? = nil, lastError: String? = nil) {
        self.id = id
        self.sequence = sequence
        self.webhookID = webhookID
        self.messageID = messageID
        self.type = type
        self.eventID = eventID
        self.body = body
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
        self.lastStatusCode = lastStatusCode
        self.lastError = lastError
    }
}

/// One POST of a delivery and what came of it.
package struct DeliveryAttempt: Sendable, Equatable {
    package var deliveryID: UUID
    package var attemptedAt: Date
    /// The receiver's status code; nil when there was no answer (refused, timed out, forbidden address).
    package var statusCode: Int?
    package var durationMilliseconds: Int
    package var error: String?

    package init(deliveryID: UUID, attemptedAt: Date, statusCode: Int?, durationMilliseconds: Int, error: String?) {
        self.deliveryID = deliveryID
        self.attemptedAt = attemptedAt
        self.statusCode = statusCode
        self.durationMilliseconds = durationMilliseconds
        self.error = error
    }

    package var succeeded: Bool { statusCode.map { (200..<300).contains($0) } ?? false }
}

/// What to record after an attempt: the attempt, and the delivery's new state.
package struct DeliveryResult: Sendable, Equatable {
    package var attempt: DeliveryAttempt
    package var status: DeliveryStatus
    /// When to try again (PENDING only).
    package var nextAttemptAt: Date?

    package init(attempt: DeliveryAttempt, status: DeliveryStatus, nextAttemptAt: Date?) {
        self.attempt = attempt
        self.status = status
        self.nextAttemptAt = nextAttemptAt
    }
}

/// Stripe's signature scheme: `BoxOffice-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
/// "<t>.<raw body>" keyed with the secret's UTF-8 bytes>`.
package enum WebhookSignature {
    package static let header = "BoxOffice-Signature"

    package static func sign(body: some Sequence<UInt8>, secret: String, timestamp: Int) -> String {
        var message = Array("\(timestamp).".utf8)
        message.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(secret.utf8)))
        return "t=\(timestamp),v1=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// True if `header` signs `body` with `secret` and its timestamp is within `tolerance` of `now`.
    package static func verify(header: String, body: some Sequence<UInt8>, secret: String, now: Date,
                               tolerance: TimeInterval = 300) -> Bool {
        var timestamp: Int?
        var signatures: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int(pair[1]) } else if pair[0] == "v1" { signatures.append(pair[1]) }
        }
        guard let timestamp, abs(now.timeIntervalSince1970 - TimeInterval(timestamp)) <= tolerance else { return false }
        let expected = sign(body: body, secret: secret, timestamp: timestamp).split(separator: "=").last.map(String.init) ?? ""
        return signatures.contains { $0.utf8.count == expected.utf8.count && zip($0.utf8, expected.utf8).allSatisfy { $0 == $1 } }
    }
}

/// When a failed delivery is tried again: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h,
/// then every 24 h, until three days have passed since it was made; then it is given up.
package enum RetrySchedule {
    package static let delays: [TimeInterval] = [10, 60, 300, 1_800, 7_200, 21_600, 43_200]
    package static let every: TimeInterval = 86_400
    package static let giveUpAfter: TimeInterval = 3 * 86_400

    /// The next attempt after `attempts` failed ones, or nil to give up.
    package static func nextAttempt(afterFailed attempts: Int, createdAt: Date, now: Date) -> Date? {
        let delay = attempts >= 1 && attempts <= delays.count ? delays[attempts - 1] : every
        let next = now.addingTimeInterval(delay)
        return next.timeIntervalSince(createdAt) > giveUpAfter ? nil : next
    }
}

/// Which addresses a webhook may reach: none on a private, loopback, link-local,
/// multicast or otherwise special network, so a webhook cannot be pointed into ours.
package enum WebhookAddressPolicy {
    /// True if the address (4 or 16 bytes) is one a webhook must not reach.
    package static func isForbidden(_ bytes: [UInt8]) -> Bool {
        if bytes.count == 4 { return isForbiddenV4(bytes) }
        guard bytes.count == 16 else { return true }
        // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judge the IPv4 address.
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return isForbiddenV4(Array(bytes[12...])) }
        if bytes[0..<12].allSatisfy({ $0 == 0 }) { return true }  // ::, ::1 and the deprecated compatible form
        if bytes[0] == 0xFF { return true }  // multicast
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return true }  // fe80::/10 link-local
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0xC0 { return true }  // fec0::/10 site-local
        if bytes[0] & 0xFE == 0xFC { return true }  // fc00::/7 unique local
        if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8 { return true }  // documentation
        if bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xFF && bytes[3] == 0x9B { return isForbiddenV4(Array(bytes[12...])) }  // NAT64
        return false
    }

    private static func isForbiddenV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): true  // "this" network, private, loopback
        case (100, 64...127): true  // carrier-grade NAT
        case (169, 254): true  // link-local (and cloud metadata at 169.254.169.254)
        case (172, 16...31): true
        case (192, 168): true
        case (192, 0) where b[2] == 0 || b[2] == 2: true  // IETF protocol assignments, TEST-NET-1
        case (198, 18...19): true  // benchmarking
        case (198, 51) where b[2] == 100, (203, 0) where b[2] == 113: true  // TEST-NET-2, -3
        case (224...255, _): true  // multicast, reserved, broadcast
        default: false
        }
    }

    /// Why a webhook may not reach `host`, or nil: a literal forbidden address, `localhost`,
    /// or a name that `resolve` answers with any forbidden address (a name that does not
    /// resolve is not refused here; its delivery fails and is retried).
    package static func refusal(host: String, resolve: (String) async -> [[UInt8]]) async -> String? {
        if let literal = literal(host) { return isForbidden(literal) ? "\(host) is not a public address" : nil }
        if host.lowercased() == "localhost" { return "localhost is not a public address" }
        return await resolve(host).contains(where: isForbidden) ? "\(host) resolves to a private, loopback or link-local address" : nil
    }

    /// Parses a literal IPv4 or IPv6 address (brackets allowed), or nil for a name.
    package static func literal(_ host: String) -> [UInt8]? {
        var text = host
        if text.hasPrefix("[") && text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}

/// What a receiver answered to one POST.
package struct WebhookResponse: Sendable, Equatable {
    /// Nil when there was no answer.
    package var statusCode: Int?
    package var error: String?
    package var durationMilliseconds: Int

    package init(statusCode: Int?, error: String?, durationMilliseconds: Int) {
        self.statusCode = statusCode
        self.error = error
        self.durationMilliseconds = durationMilliseconds
    }
}

/// Sends webhook POSTs: never follows a redirect, gives up after `timeout`, reads at most a
/// few KB of the answer, and (unless private addresses are allowed) refuses to connect to
/// a forbidden address, judged on the address actually connected to.
package protocol WebhookTransport: Sendable {
    func post(url: String, headers: [(String, String)], body: [UInt8], timeout: Duration) async -> WebhookResponse
    /// The addresses `host` resolves to now (empty if it does not resolve).
    func addresses(of host: String) async -> [[UInt8]]
}
