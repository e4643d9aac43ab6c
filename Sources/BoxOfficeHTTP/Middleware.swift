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

/// Headers that keep the pages safe in a browser, on every response: a Content-Security-
/// Policy that runs only the server's own scripts (no inline script, no other origin: an
/// injected `<script>` or `onclick=` does nothing) and connects only to this server (its
/// API and the live seat map's WebSocket); inline styles are allowed (the printable ticket
/// carries its own), which cannot run code. Also no MIME sniffing, no framing, and no
/// referrer beyond this site (ticket links carry their signature in the query). JSON API
/// responses, which a browser never renders, go without them (the hold path stays as it was).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var referrerPolicy: HTTPField.Name { HTTPField.Name("Referrer-Policy")! }

    static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard !request.uri.path.hasPrefix("/api/") else { return response }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "same-origin"
        return response
    }
}
