import BoxOfficeCore
import Logging
import ServiceLifecycle

/// Keeps this node's seat maps current when any node sells: the change stream brings
/// every committed change (this node's own included, in commit order), which the event's
/// desk applies to its map. A notice that asks for it (an event changed, a change too big
/// for a notice, a GA sale from a node older than schema v27 that sent no sold count)
/// drops the map, which reloads on its next read; so does a gap in the stream (the
/// listener reconnected, or this node fell behind).
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
            for await item in changes {
                switch item.content {
                case let .changes(eventID, changes):
                    await desks.existing(eventID)?.apply(changes)
                case let .reload(eventID):
                    // This node applied its own change already.
                    if !item.isOwn { await desks.existing(eventID)?.invalidate() }
                case .reloadAll:
                    logger.notice("the inventory change stream had a gap; every seat map will be read again")
                    for desk in desks.all { await desk.invalidate() }
                }
            }
        }
        // A single-node engine has no changes to watch; a service must not end before
        // the server does, or the service group stops everything.
        try? await gracefulShutdown()
    }
}
