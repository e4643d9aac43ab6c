import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Logs one line per request at info level: method, route template, status, duration and,
/// when the request carried a valid bearer token, the account (the request id comes with
/// the request's logger). Below info it does no work at all, not even read the clock: it
/// runs on every hold.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let sink: (any RequestLineSink)?

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
        if let sink {
            sink.write(RequestLine(method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: Int(status.code),
                                   microseconds: microseconds, requestID: context.logger[metadataKey: "hb.request.id"]?.description,
                                   userID: context.viewer?.userID))
            return
        }
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

/// One request's log line.
package struct RequestLine: Sendable {
    package var method: String
    package var route: String
    package var status: Int
    package var microseconds: Int64
    package var requestID: String?
    package var userID: UUID?

    package init(method: String, route: String, status: Int, microseconds: Int64, requestID: String?, userID: UUID?) {
        self.method = method
        self.route = route
        self.status = status
        self.microseconds = microseconds
        self.requestID = requestID
        self.userID = userID
    }
}

/// Takes request log lines (the JSON log writes them without swift-log's metadata).
package protocol RequestLineSink: Sendable {
    func write(_ line: RequestLine)
}
