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
    /// Per charged payment: its amount and the refunds made of it, by our refund id.
    /// A payment charged before a restart has no known amount (nil): refunded on trust.
    private let ledger = Mutex<[String: (charged: Int?, refunds: [UUID: Int])]>([:])

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
                ledger.withLock { $0[paymentID] = (request.amountCents, [:]) }
                throw NoAnswer()
            default: break
            }
            if Self.approved.contains(request.paymentMethodID) {
                ledger.withLock { $0[paymentID] = (request.amountCents, [:]) }
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

    /// How much was refunded of a payment this gateway charged.
    package func refunded(paymentID: String) -> Int {
        ledger.withLock { $0[paymentID]?.refunds.values.reduce(0, +) ?? 0 }
    }

    /// How many refunds this gateway made.
    package var refundsMade: Int {
        ledger.withLock { $0.values.reduce(0) { $0 + $1.refunds.count } }
    }

    /// Refunds once per refund id, never more than was charged. A payment it does not
    /// know (charged before a restart: its memory is gone) is refunded on trust.
    package func refund(_ request: RefundRequest) async throws -> RefundOutcome {
        ledger.withLock { ledger in
            let providerID = "re_test_\(request.refundID.text.replacingOccurrences(of: "-", with: "").prefix(24))"
            var entry = ledger[request.paymentID] ?? (charged: nil, refunds: [:])
            if entry.refunds[request.refundID] != nil { return .succeeded(providerRefundID: providerID) }
            guard entry.refunds.values.reduce(0, +) + request.amountCents <= entry.charged ?? .max else {
                return .failed("The refund is larger than what is left of the charge.")
            }
            entry.refunds[request.refundID] = request.amountCents
            ledger[request.paymentID] = entry
            return .succeeded(providerRefundID: providerID)
        }
    }
}
