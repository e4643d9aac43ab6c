import Foundation

/// A charge the booking service asks a payment provider to make.
package struct ChargeRequest: Sendable, Equatable {
    package var amountCents: Int
    package var currency: String
    package var paymentMethodID: String
    /// Stable per reservation, so a retried charge is never taken twice.
    package var idempotencyKey: String
    package var description: String

    package init(amountCents: Int, currency: String = "usd", paymentMethodID: String, idempotencyKey: String, description: String) {
        self.amountCents = amountCents
        self.currency = currency
        self.paymentMethodID = paymentMethodID
        self.idempotencyKey = idempotencyKey
        self.description = description
    }
}

/// What a payment provider answered.
package enum ChargeOutcome: Sendable, Equatable {
    case succeeded(paymentID: String)
    case declined(reason: String)
}

/// The payment port: the built-in test gateway, or a real provider's adapter.
package protocol PaymentGateway: Sendable {
    /// Charges the payment method; the same idempotency key never charges twice.
    func charge(_ request: ChargeRequest) async throws -> ChargeOutcome
}
