import BoxOfficeCore
import Foundation
import Synchronization

/// The built-in gateway, deterministic by payment method id in the style of Stripe's
/// test cards: `pm_card_visa` (and the other `pm_card_*` brands) succeed,
/// `pm_card_chargeDeclined`, `pm_card_insufficientFunds` and unknown methods decline.
/// A repeated idempotency key returns the first outcome without charging again.
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
    private static let declines: [String: String] = [
        "pm_card_chargeDeclined": "Your card was declined.",
        "pm_card_insufficientFunds": "Your card has insufficient funds.",
        "pm_card_expired": "Your card has expired.",
    ]
    private let outcomes = Mutex<[String: ChargeOutcome]>([:])

    package init() {}

    /// How many charges succeeded (each idempotency key once).
    package var chargesTaken: Int {
        outcomes.withLock { $0.values.filter { if case .succeeded = $0 { true } else { false } }.count }
    }

    package func charge(_ request: ChargeRequest) async throws -> ChargeOutcome {
        try outcomes.withLock { outcomes in
            if let previous = outcomes[request.idempotencyKey] { return previous }
            let outcome: ChargeOutcome
            switch request.paymentMethodID {
            case "pm_card_timeout":
                outcomes[request.idempotencyKey] = .declined(reason: "The payment timed out; nothing was charged.")
                throw NoAnswer()
            case "pm_card_answerLost":
                outcomes[request.idempotencyKey] = .succeeded(paymentID: Self.newPaymentID())
                throw NoAnswer()
            default: break
            }
            if Self.approved.contains(request.paymentMethodID) {
                outcome = .succeeded(paymentID: Self.newPaymentID())
            } else {
                outcome = .declined(reason: Self.declines[request.paymentMethodID] ?? "Unknown payment method \(request.paymentMethodID).")
            }
            outcomes[request.idempotencyKey] = outcome
            return outcome
        }
    }

    private static func newPaymentID() -> String {
        "pi_test_\(UUID.random().text.replacingOccurrences(of: "-", with: "").prefix(24))"
    }
}
