import BoxOfficeCore
import Crypto
import Foundation
import Synchronization

/// The built-in gateway, deterministic by payment method id in the style of Stripe's
/// test cards: `pm_card_visa` (and the other `pm_card_*` brands) succeed,
/// `pm_card_chargeDeclined`, `pm_card_insufficientFunds` and unknown methods decline.
/// A payment confirmed again returns the first outcome without charging again.
///
/// Two cards fail in flight: `pm_card_timeout` never answers the first attempt and
/// charges nothing (asked again, it declines), and `pm_card_answerLost` charges and then
/// loses the answer (asked again, it returns the charge). Outcomes live in memory, as a
/// provider's would live on its side; a restarted server's gateway starts empty.
package final class TestPaymentGateway: PaymentGateway {
    /// What `pm_card_timeout` and `pm_card_answerLost` throw.
    package struct NoAnswer: Error {}

    private static let approved: Set<String> = [
        "pm_card_visa", "pm_card_mastercard", "pm_card_amex", "pm_card_discover", "pm_card_visa_debit",
    ]
    private static let declines: [String: PaymentDecline] = [
        "pm_card_chargeDeclined": PaymentDecline(code: "card_declined", message: "Your card was declined."),
        "pm_card_chargeCustomerFail": PaymentDecline(code: "card_declined", message: "Your card was declined."),
        "pm_card_insufficientFunds": PaymentDecline(code: "insufficient_funds", message: "Your card has insufficient funds."),
        "pm_card_expired": PaymentDecline(code: "expired_card", message: "Your card has expired."),
    ]
    private let outcomes = Mutex<[String: ChargeOutcome]>([:])

    package init() {}

    /// How many charges succeeded (each payment once).
    package var chargesTaken: Int {
        outcomes.withLock { $0.values.filter { if case .succeeded = $0 { true } else { false } }.count }
    }

    /// The payment's id follows from its idempotency key, as a provider finds the same
    /// payment again by the key; nothing is remembered until it is confirmed.
    package func prepare(_ request: ChargeRequest) async throws -> PreparedPayment {
        let digest = SHA256.hash(data: Data(request.idempotencyKey.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
        return .ready(paymentID: "pi_test_\(digest)")
    }

    package func confirm(paymentID: String, _ request: ChargeRequest) async throws -> ChargeOutcome {
        try outcomes.withLock { outcomes in
            if let previous = outcomes[paymentID] { return previous }
            switch request.paymentMethodID {
            case "pm_card_timeout":
                outcomes[paymentID] = .declined(PaymentDecline(code: "processing_error", message: "The payment timed out; nothing was charged."))
                throw NoAnswer()
            case "pm_card_answerLost":
                outcomes[paymentID] = .succeeded(paymentID: paymentID)
                throw NoAnswer()
            default: break
            }
            let outcome: ChargeOutcome = if Self.approved.contains(request.paymentMethodID) {
                .succeeded(paymentID: paymentID)
            } else {
                .declined(Self.declines[request.paymentMethodID]
                    ?? PaymentDecline(code: "resource_missing", message: "No such payment method: \(request.paymentMethodID)."))
            }
            outcomes[paymentID] = outcome
            return outcome
        }
    }
}
