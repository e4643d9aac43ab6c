import BoxOfficeCore
import Foundation
import Synchronization

/// The built-in gateway, deterministic by payment method id in the style of Stripe's
/// test cards: `pm_card_visa` (and the other `pm_card_*` brands) succeed,
/// `pm_card_chargeDeclined`, `pm_card_insufficientFunds` and unknown methods decline.
/// A repeated idempotency key returns the first outcome without charging again.
package final class TestPaymentGateway: PaymentGateway {
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

    package func charge(_ request: ChargeRequest) async throws -> ChargeOutcome {
        outcomes.withLock { outcomes in
            if let previous = outcomes[request.idempotencyKey] { return previous }
            let outcome: ChargeOutcome
            if Self.approved.contains(request.paymentMethodID) {
                outcome = .succeeded(paymentID: "pi_test_\(UUID().text.replacingOccurrences(of: "-", with: "").prefix(24))")
            } else {
                outcome = .declined(reason: Self.declines[request.paymentMethodID] ?? "Unknown payment method \(request.paymentMethodID).")
            }
            outcomes[request.idempotencyKey] = outcome
            return outcome
        }
    }
}
