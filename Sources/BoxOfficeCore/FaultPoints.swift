import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Named steps of a payment, a refund, a webhook delivery or an email at which a test can have the whole process
/// killed (SIGKILL, no clean-up) to prove that money and tickets still agree after a
/// restart. Armed only by the `BOXOFFICE_FAULT_POINT` environment variable (which the
/// process tests set); in every other run `reach` does nothing.
package struct FaultPoints: Sendable {
    /// After the provider created the payment, before PAYMENT_PENDING is recorded.
    package static let paymentPrepared = "payment.prepared"
    /// After the provider charged the payment, before CONFIRMED is committed.
    package static let paymentCharged = "payment.charged"
    /// After CONFIRMED is committed, before the buyer is answered.
    package static let paymentConfirmed = "payment.confirmed"
    /// After a refund is recorded, before the provider is asked.
    package static let refundRecorded = "refund.recorded"
    /// After the provider refunded, before its answer is recorded.
    package static let refundSent = "refund.sent"
    /// After a message's webhook deliveries are recorded, before the first is sent.
    package static let webhookDispatched = "webhook.dispatched"
    /// After a receiver answered 2xx, before the delivery is recorded (it is sent again).
    package static let webhookSent = "webhook.sent"
    /// After the mail server accepted an email, before it is recorded as sent (it is sent again).
    package static let mailSent = "mail.sent"
    package static let all = [paymentPrepared, paymentCharged, paymentConfirmed, refundRecorded, refundSent, webhookDispatched, webhookSent,
                              mailSent]

    package let armed: String?

    package init(armed: String?) { self.armed = armed }

    package static let none = FaultPoints(armed: nil)

    /// Kills the process here if this is the armed point.
    package func reach(_ point: String) {
        guard point == armed else { return }
        kill(getpid(), SIGKILL)
    }
}
