import BoxOfficeCore
import Logging
import ServiceLifecycle

/// Keeps this node's seat maps current when other nodes sell: every inventory change
/// another node commits drops this node's copy of that event's map, which reloads from
/// the database on its next read.
package struct InventoryWatcher: Service {
    let feed: any InventoryFeed
    let desks: EventDesks
    let logger: Logger

    package init(feed: any InventoryFeed, desks: EventDesks, logger: Logger) {
        self.feed = feed
        self.desks = desks
        self.logger = logger
    }

    package func run() async throws {
        let changes = feed.inventoryChanges()
        await cancelWhenGracefulShutdown {
            for await eventID in changes {
                await desks[eventID].invalidate()
            }
        }
        // A single-node engine has no changes to watch; a service must not end before
        // the server does, or the service group stops everything.
        try? await gracefulShutdown()
    }
}
