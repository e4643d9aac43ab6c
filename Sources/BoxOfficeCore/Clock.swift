import Foundation
import Synchronization

/// The source of "now" for every rule that depends on time (hold expiry, sale start,
/// token expiry). Injected so that tests can move time instead of sleeping.
package protocol BookingClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The wall clock.
package struct SystemClock: BookingClock {
    package init() {}
    package func now() -> Date { Date() }
}

/// A clock that only moves when told to; used by tests and by the load generator's
/// dry runs.
package final class ManualClock: BookingClock {
    private let current: Mutex<Date>

    package init(_ start: Date = Date(timeIntervalSince1970: 1_900_000_000)) {
        current = Mutex(start)
    }

    package func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward by `interval` seconds.
    package func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }

    /// Sets the clock to `date`.
    package func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}

extension Date {
    /// Milliseconds since 1970, the unit both stores keep instants in.
    package var epochMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }

    package init(epochMilliseconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(epochMilliseconds) / 1000)
    }
}
