import Foundation

/// What an event lets buyers refund themselves. Organizers and admins refund whatever
/// they decide, in full, whatever the policy says.
package struct RefundPolicy: Codable, Sendable, Equatable {
    package var allowed: Bool
    /// Buyers may ask until this many hours before the event starts.
    package var untilHoursBeforeStart: Int
    /// Kept from each ticket's price, in percent (0-100).
    package var feePercent: Double
    /// Kept from each ticket's price, in cents, on top of the percentage.
    package var feeFixedCents: Int

    package init(allowed: Bool, untilHoursBeforeStart: Int = 0, feePercent: Double = 0, feeFixedCents: Int = 0) {
        self.allowed = allowed
        self.untilHoursBeforeStart = untilHoursBeforeStart
        self.feePercent = feePercent
        self.feeFixedCents = feeFixedCents
    }

    /// The default: buyers cannot refund.
    package static let none = RefundPolicy(allowed: false)

    package func validated() throws(BookingError) -> RefundPolicy {
        guard (0...8_760).contains(untilHoursBeforeStart) else {
            throw .invalid(field: "refund_policy.until_hours_before_start", reason: "must be between 0 and 8760")
        }
        guard feePercent.isFinite, (0...100).contains(feePercent) else {
            throw .invalid(field: "refund_policy.fee_percent", reason: "must be between 0 and 100")
        }
        guard (0...EventDraft.maxPriceCents).contains(feeFixedCents) else {
            throw .invalid(field: "refund_policy.fee_fixed_cents", reason: "must be between 0 and \(EventDraft.maxPriceCents)")
        }
        return self
    }

    /// The last moment a buyer may ask for a refund of an event starting at `start`.
    package func deadline(eventStartsAt start: Date) -> Date {
        start.addingTimeInterval(-TimeInterval(untilHoursBeforeStart) * 3_600)
    }

    /// The fee kept from one ticket of `priceCents`: never below zero, never above the price.
    package func fee(onTicketOf priceCents: Int) -> Int {
        let percent = Int((Double(priceCents) * feePercent / 100).rounded())
        return max(0, min(priceCents, percent + feeFixedCents))
    }
}

package enum RefundStatus: String, Codable, Sendable {
    /// Recorded (the tickets are REFUNDED) and not yet confirmed by the provider.
    case pending = "PENDING"
    case succeeded = "SUCCEEDED"
    /// The provider refused; retried until it succeeds, and visible to the organizer.
    case failed = "FAILED"
}

/// Money going back to a buyer for some tickets of one reservation.
package struct Refund: Sendable, Equatable {
    package var id: UUID
    package var reservationID: UUID
    package var eventID: UUID
    package var ticketIDs: [UUID]
    /// What goes back: the tickets' price minus `feeCents`.
    package var amountCents: Int
    package var feeCents: Int
    package var currency: String
    package var status: RefundStatus
    /// The organizer's reason (buyers' own refunds have none).
    package var reason: String?
    /// Who asked.
    package var requestedBy: UUID
    /// The buyer's or organizer's `X-Idempotency-Key`: the same key is the same refund.
    package var idempotencyKey: String?
    /// The provider's id for the refund, once it has one.
    package var providerRefundID: String?
    /// The provider's last refusal, for a FAILED refund.
    package var failureMessage: String?
    /// How many times the provider was asked.
    package var attempts: Int
    package var createdAt: Date
    package var updatedAt: Date

    package init(id: UUID = .timeOrdered(), reservationID: UUID, eventID: UUID, ticketIDs: [UUID], amountCents: Int, feeCents: Int,
                 currency: String, status: RefundStatus = .pending, reason: String? = nil, requestedBy: UUID, idempotencyKey: String? = nil,
                 providerRefundID: String? = nil, failureMessage: String? = nil, attempts: Int = 0, createdAt: Date, updatedAt: Date? = nil) {
        self.id = id
        self.reservationID = reservationID
        self.eventID = eventID
        self.ticketIDs = ticketIDs
        self.amountCents = amountCents
        self.feeCents = feeCents
        self.currency = currency
        self.status = status
        self.reason = reason
        self.requestedBy = requestedBy
        self.idempotencyKey = idempotencyKey
        self.providerRefundID = providerRefundID
        self.failureMessage = failureMessage
        self.attempts = attempts
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}

/// What recording a refund did.
package enum RefundRecording: Sendable {
    /// Recorded now: the tickets are REFUNDED and (if asked) their places back on sale.
    case recorded(Refund, freedSeats: [UUID], freedGA: (sectionID: UUID, quantity: Int)?)
    /// A refund with the same idempotency key exists for the reservation: that one.
    case existing(Refund)
}

extension Refund {
    /// The idempotency key of the refund a cancelled event gives each order: one per order,
    /// however often the refunding pass runs, and the mark the cancellation email goes by.
    package static let eventCancelledKey = "event-cancelled"

    /// Whether this is an order's refund for its event's cancellation.
    package var isForCancelledEvent: Bool { idempotencyKey == Self.eventCancelledKey }
}
