import Foundation

/// Everything a booking use case can refuse, with stable cases. The HTTP module maps
/// each case to a status and a JSON error code in one place.
package enum BookingError: Error, Equatable, Sendable {
    case eventNotFound
    case sectionNotFound
    case reservationNotFound
    case ticketNotFound
    /// No such account (or none the caller may manage).
    case userNotFound
    /// Some requested seats are held or sold by someone else.
    case seatsUnavailable([UUID])
    /// Some requested seats do not exist in this event.
    case seatsNotInEvent([UUID])
    /// A GA section has fewer places left than asked for.
    case insufficientInventory(available: Int)
    /// The buyer would own or hold more than the event allows.
    case ticketLimitExceeded(limit: Int, remaining: Int)
    case holdExpired
    /// The reservation is not in a state that allows the operation.
    case invalidState(ReservationStatus)
    /// The provider declined the payment; nothing was charged and the places were released.
    case paymentFailed(PaymentDecline)
    /// The payment provider did not answer; the reservation stays PAYMENT_PENDING (its
    /// places kept) until the provider is asked again.
    case paymentUnconfirmed
    /// The provider could not be reached to create the payment: nothing was charged and
    /// the reservation is still HELD, so the buyer may confirm again.
    case paymentNotStarted
    /// The event kept changing under an update (other writers); try again.
    case conflictingChange
    /// The same idempotency key was sent with a different request body.
    case idempotencyKeyReused
    case saleNotStarted(Date)
    /// Only presale buyers may reserve now; the open windows' names.
    case presaleRequired([String])
    /// The presale code matches no open window (or is another buyer's single-use code).
    case presaleCodeInvalid
    /// The event's waiting room is on and the request carries no queue token.
    case queueRequired
    /// The admission's session ended; the buyer must rejoin the queue.
    case queueTokenExpired
    /// The token is forged, altered, another buyer's, another event's, or not yet admitted.
    case queueTokenInvalid(String)
    /// The waiting room opens later.
    case queueNotOpen(Date)
    /// The event has no waiting room.
    case queueDisabled
    case salesClosed
    /// The event is cancelled: nothing more is sold.
    case eventCancelled
    /// The event's policy does not let buyers refund (now); the deadline if there is one.
    case refundNotAllowed(deadline: Date?)
    /// These tickets cannot be refunded (used, refunded, transferred...).
    case ticketNotRefundable([UUID])
    /// A field of the request is missing or out of range.
    case invalid(field: String, reason: String)
    case webhookNotFound
    case deliveryNotFound
    /// The webhook's URL reaches a private, loopback, link-local or otherwise special address.
    case webhookURLForbidden(String)
    /// The webhook was switched off (its receiver answered 410 Gone).
    case webhookDisabled
    case emailTaken
    case invalidCredentials
    case forbidden
}
