import AsyncHTTPClient
import BoxOfficeCore
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// Payments through Stripe's PaymentIntents API (or anything that speaks it, such as
/// `localstripe` in the tests), written on async-http-client: there is no Stripe client
/// package for Swift in our mirror, and the four calls used here are small.
///
/// `prepare` creates the intent with the amount, currency, payment method and our ids as
/// metadata, unconfirmed, under the charge's idempotency key; `confirm` confirms it under
/// a key of its own, and when the intent is past confirmation (a retry, or the settler
/// after a crash) reads it instead, so a payment is never charged twice. A 4xx answer is
/// the provider's definite no (a decline); a timeout, a connection error, a 5xx, a 429 or
/// an answer that is not the JSON we expect throws: nobody knows what happened, and the
/// caller asks again later.
///
/// The secret key goes into the `Authorization` header and nowhere else: no error,
/// description or log line of this type contains it.
package struct StripeGateway: PaymentGateway {
    package struct Configuration: Sendable, CustomStringConvertible {
        package static let publicAPIBase = "https://api.stripe.com"

        package var secretKey: String
        /// Scheme, host and port, without a trailing slash.
        package var apiBase: String
        /// How long one call to the provider may take.
        package var timeout: Duration

        package init(secretKey: String, apiBase: String = Self.publicAPIBase, timeout: Duration = .seconds(30)) {
            self.secretKey = secretKey
            self.apiBase = apiBase.hasSuffix("/") ? String(apiBase.dropLast()) : apiBase
            self.timeout = timeout
        }

        /// Never the key, not even part of it.
        package var description: String { "Stripe at \(apiBase)" }
    }

    /// Why a call to the provider has no usable answer. Never carries the key.
    package enum ProviderError: Error, CustomStringConvertible {
        case unreachable(String)
        case status(Int, String)
        case unreadableAnswer(Int)

        package var description: String {
            switch self {
            case let .unreachable(reason): "the payment provider could not be reached: \(reason)"
            case let .status(status, message): "the payment provider answered \(status): \(message)"
            case let .unreadableAnswer(status): "the payment provider answered \(status) with a body it cannot read"
            }
        }
    }

    let configuration: Configuration
    let client: HTTPClient
    let logger: Logger

    package init(configuration: Configuration, client: HTTPClient = .shared, logger: Logger) {
        self.configuration = configuration
        self.client = client
        self.logger = logger
    }

    package func prepare(_ request: ChargeRequest) async throws -> PreparedPayment {
        var form: [(String, String)] = [
            ("amount", String(request.amountCents)),
            ("currency", request.currency),
            ("payment_method", request.paymentMethodID),
            ("payment_method_types[]", "card"),
        ]
        if let reservationID = request.reservationID { form.append(("metadata[reservation_id]", reservationID.text)) }
        if let eventID = request.eventID { form.append(("metadata[event_id]", eventID.text)) }
        let answer = try await call(.POST, "/v1/payment_intents", form: form, idempotencyKey: request.idempotencyKey)
        switch answer {
        case let .object(intent): return .ready(paymentID: intent.id)
        case let .refused(status, error): return .declined(decline(status, error))
        }
    }

    package func confirm(paymentID: String, _ request: ChargeRequest) async throws -> ChargeOutcome {
        let path = "/v1/payment_intents/\(Self.percentEncoded(paymentID))"
        switch try await call(.POST, path + "/confirm", form: [], idempotencyKey: request.idempotencyKey + "-confirm") {
        case let .object(intent):
            return try await outcome(of: intent, path: path, request: request)
        case let .refused(402, error):
            return .declined(decline(402, error))
        case let .refused(status, error):
            // Past confirmation already (a retry): what the intent says is the answer.
            guard status == 400 else { return .declined(decline(status, error)) }
            switch try await call(.GET, path, form: [], idempotencyKey: nil) {
            case let .object(intent) where intent.status != "requires_confirmation":
                return try await outcome(of: intent, path: path, request: request)
            case .object: return .declined(decline(status, error))
            case let .refused(status, error): return .declined(decline(status, error))
            }
        }
    }

    /// Looks for a refund of ours already made for the intent (by the `boxoffice_refund_id`
    /// metadata, so it works when the provider's idempotency keys have expired or, as
    /// with localstripe, are not kept), and makes it if there is none.
    package func refund(_ request: RefundRequest) async throws -> RefundOutcome {
        let listed = try await list("/v1/refunds?payment_intent=\(Self.percentEncoded(request.paymentID))&limit=100")
        if let made = listed.first(where: { $0.metadata?["boxoffice_refund_id"] == request.refundID.text }) {
            return outcome(of: made)
        }
        let form: [(String, String)] = [
            ("payment_intent", request.paymentID),
            ("amount", String(request.amountCents)),
            ("metadata[boxoffice_refund_id]", request.refundID.text),
            ("metadata[reservation_id]", request.reservationID.text),
        ]
        switch try await send(.POST, "/v1/refunds", form: form, idempotencyKey: request.idempotencyKey, as: RefundBody.self) {
        case let .object(refund): return outcome(of: refund)
        case let .refused(status, error): return .failed(decline(status, error).message)
        }
    }

    private func outcome(of refund: RefundBody) -> RefundOutcome {
        switch refund.status {
        case "succeeded": .succeeded(providerRefundID: refund.id)
        case "failed", "canceled": .failed(refund.failureReason.map { "The refund failed: \($0)." } ?? "The refund failed.")
        default: .pending(providerRefundID: refund.id)
        }
    }

    private func list(_ path: String) async throws -> [RefundBody] {
        switch try await send(.GET, path, form: [], idempotencyKey: nil, as: RefundList.self) {
        case let .object(list): return list.data
        case let .refused(status, error): throw ProviderError.status(status, error.message ?? "the refunds could not be listed")
        }
    }

    private func outcome(of intent: Intent, path: String, request: ChargeRequest) async throws -> ChargeOutcome {
        switch intent.status {
        case "succeeded":
            return .succeeded(paymentID: intent.id)
        case "requires_payment_method":
            return .declined(decline(402, intent.lastPaymentError ?? APIErrorBody(code: "payment_failed", message: "The payment failed.")))
        case "canceled":
            return .declined(PaymentDecline(code: "payment_intent_canceled", message: "The payment was cancelled."))
        case "requires_action":
            // The bank wants the buyer to authenticate, which a server-side confirm
            // cannot do: cancel the intent (nothing was charged) and say so.
            if case .object = try await call(.POST, path + "/cancel", form: [], idempotencyKey: request.idempotencyKey + "-cancel") {
                return .declined(PaymentDecline(
                    code: "authentication_required",
                    message: "Your bank asks to authenticate this payment, which this checkout cannot do; use another card."))
            }
            return .pending
        default: // processing, requires_capture: the provider has not finished
            return .pending
        }
    }

    private func decline(_ status: Int, _ error: APIErrorBody) -> PaymentDecline {
        if status == 401 || status == 403 {
            logger.error("the payment provider refused the secret key", metadata: ["status": "\(status)"])
            return PaymentDecline(code: "provider_authentication_failed",
                                  message: "The payment provider refused this shop's credentials.")
        }
        return PaymentDecline(code: error.declineCode ?? error.code ?? (status == 404 ? "resource_missing" : "payment_refused"),
                              message: error.message ?? "The payment provider refused the payment.")
    }

    // MARK: The wire

    struct Intent: Decodable {
        var id: String
        var status: String
        var lastPaymentError: APIErrorBody?

        enum CodingKeys: String, CodingKey {
            case id, status, lastPaymentError = "last_payment_error"
        }
    }

    struct APIErrorBody: Decodable {
        var code: String?
        var declineCode: String?
        var message: String?

        init(code: String?, declineCode: String? = nil, message: String?) {
            self.code = code
            self.declineCode = declineCode
            self.message = message
        }

        enum CodingKeys: String, CodingKey {
            case code, declineCode = "decline_code", message
        }
    }

    struct RefundBody: Decodable {
        var id: String
        var status: String
        var metadata: [String: String]?
        var failureReason: String?

        enum CodingKeys: String, CodingKey {
            case id, status, metadata, failureReason = "failure_reason"
        }
    }

    struct RefundList: Decodable {
        var data: [RefundBody]
    }

    struct ErrorEnvelope: Decodable {
        var error: APIErrorBody
    }

    enum Answer<Object> {
        case object(Object)
        /// A 4xx other than 429: the provider refused the request and did nothing.
        case refused(Int, APIErrorBody)
    }

    private func call(_ method: HTTPMethod, _ path: String, form: [(String, String)], idempotencyKey: String?) async throws -> Answer<Intent> {
        try await send(method, path, form: form, idempotencyKey: idempotencyKey, as: Intent.self)
    }

    private func send<Object: Decodable>(_ method: HTTPMethod, _ path: String, form: [(String, String)], idempotencyKey: String?,
                                         as _: Object.Type) async throws -> Answer<Object> {
        var request = HTTPClientRequest(url: configuration.apiBase + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(configuration.secretKey)")
        request.headers.add(name: "Stripe-Version", value: "2024-06-20")
        if let idempotencyKey { request.headers.add(name: "Idempotency-Key", value: idempotencyKey) }
        if method == .POST {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: Self.formEncoded(form)))
        }
        let status: Int
        let body: ByteBuffer
        do {
            let response = try await client.execute(request, timeout: Self.timeAmount(configuration.timeout))
            status = Int(response.status.code)
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw ProviderError.unreachable(String(describing: type(of: error)) + " " + Self.redacted("\(error)", key: configuration.secretKey))
        }
        let decoder = JSONDecoder()
        switch status {
        case 200..<300:
            guard let object = try? decoder.decode(Object.self, from: body) else { throw ProviderError.unreadableAnswer(status) }
            return .object(object)
        case 429, 500...:
            let message = (try? decoder.decode(ErrorEnvelope.self, from: body))?.error.message ?? "no message"
            throw ProviderError.status(status, Self.redacted(message, key: configuration.secretKey))
        case 400..<500:
            guard let envelope = try? decoder.decode(ErrorEnvelope.self, from: body) else { throw ProviderError.unreadableAnswer(status) }
            var error = envelope.error
            error.message = error.message.map { Self.redacted($0, key: configuration.secretKey) }
            return .refused(status, error)
        default:
            throw ProviderError.unreadableAnswer(status)
        }
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// Removes the key from text that came back from the wire (a provider may echo it).
    static func redacted(_ text: String, key: String) -> String {
        key.isEmpty ? text : text.replacingOccurrences(of: key, with: "[secret key]")
    }

    static func formEncoded(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(percentEncoded($0.0))=\(percentEncoded($0.1))" }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
