import HTTPTypes
import Hummingbird
import Logging

/// Logs one line per request at info level: method, route template, status, duration and,
/// when the request carried a valid bearer token, the account (the request id comes with
/// the request's logger). Below info it does no work at all, not even read the clock: it
/// runs on every hold.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        guard context.logger.logLevel <= .info else { return try await next(request, context) }
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context: context, status: response.status, since: started)
            return response
        } catch {
            log(request, context: context, status: JSONErrorMiddleware.answer(to: error)?.status ?? .internalServerError, since: started)
            throw error
        }
    }

    private func log(_ request: Request, context: AppRequestContext, status: HTTPResponse.Status, since started: ContinuousClock.Instant) {
        let (seconds, attoseconds) = (ContinuousClock.now - started).components
        let microseconds = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue),
            "route": .string(context.endpointPath ?? "unmatched"),
            "status": .stringConvertible(status.code),
            "duration_ms": .stringConvertible(Double(microseconds) / 1_000),
        ]
        if let viewer = context.viewer { metadata["user_id"] = .string(viewer.userID.text) }
        context.logger.info("request", metadata: metadata)
    }
}
