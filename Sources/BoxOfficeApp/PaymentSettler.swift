import BoxOfficeCore
import Logging
import ServiceLifecycle

/// Settles payments and refunds left unfinished (see `BookingService.settleUnfinishedPayments`
/// and `RefundService.settleUnfinishedRefunds`): a crash between the charge and the
/// confirm, a refund recorded but not paid out, or a provider that did not answer. It
/// runs at start-up first, so what a crash left behind is settled before anything else.
package struct PaymentSettler: Service {
    let booking: BookingService
    let refunds: RefundService
    let interval: Duration
    let logger: Logger

    package init(booking: BookingService, refunds: RefundService, interval: Duration = .seconds(5), logger: Logger) {
        self.booking = booking
        self.refunds = refunds
        self.interval = interval
        self.logger = logger
    }

    package func run() async throws {
        await repeatUntilShutdown(every: interval) {
            do {
                let settled = try await booking.settleUnfinishedPayments()
                if settled > 0 { logger.info("settled unfinished payments", metadata: ["count": "\(settled)"]) }
            } catch {
                logger.error("payment settlement failed", metadata: ["error": "\(error)"])
            }
            do {
                let recorded = try await refunds.refundCancelledEvents()
                if recorded > 0 { logger.info("refunded orders of cancelled events", metadata: ["count": "\(recorded)"]) }
            } catch {
                logger.error("refunding cancelled events failed", metadata: ["error": "\(error)"])
            }
            do {
                let settled = try await refunds.settleUnfinishedRefunds()
                if settled > 0 { logger.info("settled unfinished refunds", metadata: ["count": "\(settled)"]) }
            } catch {
                logger.error("refund settlement failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
