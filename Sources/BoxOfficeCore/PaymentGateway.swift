import Foundation

/// A charge the booking service asks a payment provider to make.
package struct ChargeRequest: Sendable, Equatable {
    package var amountCents: Int
    package var currency: String
    package var paymentMethodID: String
    /// Stable per reservation, so a retried charge is never taken twice.
    package var idempotencyKey: String
    package var description: String
    /// Sent with the payment so the provider's dashboard links it back to us.
    package var reservationID: UUID?
    package var eventID: UUID?

    package init(amountCents: Int, currency: String = Event.defaultCurrency, paymentMethodID: String, idempotencyKey: String,
                 description: String, reservationID: UUID? = nil, eventID: UUID? = nil) {
        self.amountCents = amountCents
        self.currency = currency
        self.paymentMethodID = paymentMethodID
        self.idempotencyKey = idempotencyKey
        self.description = description
        self.reservationID = reservationID
        self.eventID = eventID
    }
}

/// A provider's definite no: nothing was charged.
package struct PaymentDecline: Sendable, Equatable, Error {
    /// The provider's decline code (`card_declined`, `insufficient_funds`, ...).
    package var code: String
    /// The provider's words for the buyer.
    package var message: String

    package init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// What a payment provider answered to "charge this payment".
package enum ChargeOutcome: Sendable, Equatable {
    case succeeded(paymentID: String)
    case declined(PaymentDecline)
    /// The provider has not decided yet (a payment still processing): ask again later.
    case pending
}

/// What a payment provider answered to "prepare this payment".
package enum PreparedPayment: Sendable, Equatable {
    /// The provider's id for the payment; nothing is charged until it is confirmed.
    case ready(paymentID: String)
    case declined(PaymentDecline)
}

/// Money going back for a charged payment.
package struct RefundRequest: Sendable, Equatable {
    /// The provider's id of the payment being refunded (`Reservation.paymentID`).
    package var paymentID: String
    package var amountCents: Int
    package var currency: String
    /// Ours: sent to the provider (metadata) so a retry finds a refund already made.
    package var refundID: UUID
    package var reservationID: UUID
    /// Unique to this refund: two equal partial refunds are two refunds, a retry is one.
    package var idempotencyKey: String

    package init(paymentID: String, amountCents: Int, currency: String, refundID: UUID, reservationID: UUID) {
        self.paymentID = paymentID
        self.amountCents = amountCents
        self.currency = currency
        self.refundID = refundID
        self.reservationID = reservationID
        self.idempotencyKey = "boxoffice-refund-\(refundID.text)"
    }
}

/// What a payment provider answered to a refund.
package enum RefundOutcome: Sendable, Equatable {
    case succeeded(providerRefundID: String)
    /// Accepted, not finished (some payment methods refund slowly): ask again later.
    case pending(providerRefundID: String)
    /// Refused, with the provider's words; nothing went back.
    case failed(String)
}

/// The payment port: the built-in test gateway, or a real provider's adapter. A
/// payment is made in two steps so that its id is on record before any money moves:
/// every later question (a retried confirm, the settler after a crash) goes to it.
/// Both steps may throw when the provider cannot be reached or answers nonsense: then
/// nobody knows whether money moved, and the caller asks again later.
package protocol PaymentGateway: Sendable {
    /// Creates the payment for a charge without charging it; the same idempotency key
    /// finds the same payment again.
    func prepare(_ request: ChargeRequest) async throws -> PreparedPayment
    /// Charges a prepared payment, or, if an earlier attempt already did (or was
    /// declined), says so: never charges twice.
    func confirm(paymentID: String, _ request: ChargeRequest) async throws -> ChargeOutcome
    /// Refunds part or all of a charged payment, or, if a refund with this request's
    /// `refundID` was already made (a retry after a crash or a lost answer), says how it
    /// stands: never refunds twice.
    func refund(_ request: RefundRequest) async throws -> RefundOutcome
}
