import CoreMetrics
import HTTPTypes
import Hummingbird
import Synchronization

/// Counts requests by route, method and status, and times them, into this
/// application's own metrics factory (not the process-global one, so every instance and
/// every test has its own registry).
struct HTTPMetricsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    private struct Key: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    private final class Cache: Sendable {
        let factory: any MetricsFactory
        let metrics = Mutex<[Key: (CoreMetrics.Counter, CoreMetrics.Timer)]>([:])

        init(factory: any MetricsFactory) { self.factory = factory }

        func record(_ key: Key, nanoseconds: Int64) {
            let (counter, timer) = metrics.withLock { metrics in
                if let existing = metrics[key] { return existing }
                let dimensions = [("route", key.route), ("method", key.method), ("status", String(key.status))]
                let made = (
                    CoreMetrics.Counter(label: "boxoffice_http_requests_total", dimensions: dimensions, factory: factory),
                    CoreMetrics.Timer(label: "boxoffice_http_request_duration_seconds",
                                      dimensions: [("route", key.route), ("method", key.method)], factory: factory)
                )
                metrics[key] = made
                return made
            }
            counter.increment()
            timer.recordNanoseconds(nanoseconds)
        }
    }

    private let cache: Cache

    init(factory: any MetricsFactory) {
        cache = Cache(factory: factory)
    }

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        func record(_ status: HTTPResponse.Status) {
            let elapsed = ContinuousClock.now - started
            let (seconds, attoseconds) = elapsed.components
            cache.record(Key(route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: status.code),
                         nanoseconds: seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        }
        do {
            let response = try await next(request, context)
            record(response.status)
            return response
        } catch let error as any HTTPResponseError {
            record(error.status)
            throw error
        } catch {
            record(.internalServerError)
            throw error
        }
    }
}
