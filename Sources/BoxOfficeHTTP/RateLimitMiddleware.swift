import BoxOfficeCore
import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// Rate limits per account and per client address on the routes that change inventory
/// (reservation, confirm, cancel, check-in) and on the queue's routes: 429 `RATE_LIMITED` with `Retry-After`.
/// Reads (browsing, seat maps), health, metrics and pages are never limited.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// The buckets, shared by every copy of the middleware.
    private final class Buckets: Sendable {
        /// Nil inside when that limit is off.
        let accounts: Mutex<TokenBuckets?>
        let addresses: Mutex<TokenBuckets?>

        init(perAccount: TokenBucketLimit?, perAddress: TokenBucketLimit?) {
            accounts = Mutex(perAccount.map { TokenBuckets(limit: $0) })
            addresses = Mutex(perAddress.map { TokenBuckets(limit: $0) })
        }
    }

    private let buckets: Buckets
    private let clock: any BookingClock
    /// Whether reads count too (the queue's status polls do).
    private let limitsReads: Bool

    init(perAccount: TokenBucketLimit?, perAddress: TokenBucketLimit?, clock: any BookingClock, limitsReads: Bool = false) {
        buckets = Buckets(perAccount: perAccount, perAddress: perAddress)
        self.clock = clock
        self.limitsReads = limitsReads
    }

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        guard limitsReads || (request.method != .get && request.method != .head) else { return try await next(request, context) }
        let now = clock.now()
        var wait: TimeInterval?
        if let viewer = context.viewer {
            wait = buckets.accounts.withLock { $0?.take(viewer.userID.text, at: now) ?? nil }
        }
        if wait == nil {
            let address = context.remoteAddress?.ipAddress ?? "unknown"
            wait = buckets.addresses.withLock { $0?.take(address, at: now) ?? nil }
        }
        if let wait {
            let seconds = max(1, Int(wait.rounded(.up)))
            var error = APIError(.tooManyRequests, "RATE_LIMITED", "Too many requests; retry in \(seconds) s",
                                 details: ["retry_after_seconds": .int(seconds)])
            error.headers[.retryAfter] = String(seconds)
            throw error
        }
        return try await next(request, context)
    }
}
