import BoxOfficeCore
import Logging
import ServiceLifecycle

/// Keeps this node's seat maps current when other nodes sell: every inventory change
/// another node commits drops this node's copy of that event's map, which reloads from
/// the database on its next read.
package struct InventoryWatcher: Service {
    let booking: BookingService
    let logger: Logger

    package init(booking: BookingService, logger: Logger) {
        self.booking = booking
        self.logger = logger
    }

    package func run() async throws {
        let changes = booking.store.inventoryChanges()
        await cancelWhenGracefulShutdown {
            for await eventID in changes {
                await booking.desks[eventID].invalidate()
            }
        }
        // A single-node engine has no changes to watch; a service must not end before
        // the server does, or the service group stops everything.
        try? await gracefulShutdown()
    }
}
