import BoxOfficeCore
import Logging
import ServiceLifecycle

/// Tidies up lapsed holds in the background: marks them EXPIRED and frees their
/// places. Buyers never wait for it, since a lapsed hold already counts as free.
package struct HoldSweeper: Service {
    let booking: BookingService
    let interval: Duration
    let logger: Logger

    package init(booking: BookingService, interval: Duration = .seconds(5), logger: Logger) {
        self.booking = booking
        self.interval = interval
        self.logger = logger
    }

    package func run() async throws {
        await repeatUntilShutdown(every: interval) {
            do {
                let expired = try await booking.expireLapsedHolds()
                if expired > 0 { logger.info("expired lapsed holds", metadata: ["count": "\(expired)"]) }
                await booking.recordInventoryGauges()
            } catch {
                logger.error("hold sweep failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
