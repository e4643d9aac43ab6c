import BoxOfficeApp
import BoxOfficeCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Reads `Authorization: Bearer <token>` into the context. Routes that need an account
/// call `requireViewer()`; public routes ignore a bad token.
struct BearerAuthMiddleware: RouterMiddleware {
    let tokens: SessionTokens
    let accounts: AccountService

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                do throws(SessionTokens.Failure) {
                    context.viewer = try await tokens.verify(String(parts[1]).trimmed)
                } catch {
                    context.authFailure = error == .expired ? .expired : .invalid
                }
            } else {
                context.authFailure = .invalid
            }
        }
        // Door staff can be switched off mid-shift: their tokens are checked against the
        // account on every request (buyers' and organizers' are not, so holds stay free of
        // an extra read).
        if let viewer = context.viewer, viewer.role == .scanner, try await accounts.isSwitchedOff(viewer.userID) {
            context.viewer = nil
            context.authFailure = .disabled
        }
        return try await next(request, context)
    }
}

/// Turns every error into the JSON error shape: domain errors through the one mapping,
/// framework errors (unknown route, wrong method) by status, anything else as a logged 500.
struct JSONErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            guard let answer = Self.answer(to: error) else {
                context.logger.error("unhandled error", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
                throw APIError(.internalServerError, "INTERNAL_ERROR", "Something went wrong on our side")
            }
            throw answer
        }
    }

    /// The JSON error `error` answers with; nil for an error nobody expected (a 500).
    static func answer(to error: any Error) -> APIError? {
        switch error {
        case let error as APIError: error
        case let error as BookingError: APIError(error)
        case let error as HTTPError: APIError(error.status, code(for: error.status), error.body ?? error.status.reasonPhrase)
        case let error as any HTTPResponseError: APIError(error.status, code(for: error.status), error.status.reasonPhrase)
        default: nil
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "NOT_FOUND"
        case .methodNotAllowed: "METHOD_NOT_ALLOWED"
        case .contentTooLarge: "BODY_TOO_LARGE"
        case .unauthorized: "UNAUTHORIZED"
        case .forbidden: "FORBIDDEN"
        default: status.code < 500 ? "BAD_REQUEST" : "INTERNAL_ERROR"
        }
    }
}
