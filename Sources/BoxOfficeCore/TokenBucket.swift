import Foundation

/// A token bucket: `capacity` requests at once, refilled at `rate` per second.
package struct TokenBucketLimit: Sendable, Equatable {
    package var rate: Double
    package var capacity: Double

    package init(rate: Double, capacity: Double) {
        self.rate = rate
        self.capacity = capacity
    }
}

/// Token buckets by key (an account, a client address), on the injected clock.
package struct TokenBuckets: Sendable {
    private struct Bucket: Sendable {
        var tokens: Double
        var updated: Date
    }

    package let limit: TokenBucketLimit
    private var buckets: [String: Bucket] = [:]
    /// Buckets kept before idle (full) ones are dropped.
    private let maxKeys: Int

    package init(limit: TokenBucketLimit, maxKeys: Int = 100_000) {
        self.limit = limit
        self.maxKeys = maxKeys
    }

    /// Takes a token for `key`; nil if allowed, else the seconds until one is available.
    package mutating func take(_ key: String, at now: Date) -> TimeInterval? {
        var bucket = buckets[key] ?? Bucket(tokens: limit.capacity, updated: now)
        bucket.tokens = min(limit.capacity, bucket.tokens + max(0, now.timeIntervalSince(bucket.updated)) * limit.rate)
        bucket.updated = now
        defer {
            buckets[key] = bucket
            if buckets.count > maxKeys { prune(at: now) }
        }
        guard bucket.tokens >= 1 else { return (1 - bucket.tokens) / limit.rate }
        bucket.tokens -= 1
        return nil
    }

    /// Drops buckets that have refilled completely: they behave exactly like new ones.
    private mutating func prune(at now: Date) {
        buckets = buckets.filter { _, bucket in
            bucket.tokens + now.timeIntervalSince(bucket.updated) * limit.rate < limit.capacity
        }
    }
}
