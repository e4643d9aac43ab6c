import BoxOfficeApp
import BoxOfficeCore
import Foundation
import Hummingbird
import NIOCore

/// Why a request that needed an account has none.
enum AuthFailure: Sendable, Equatable {
    case missing, invalid, expired, disabled
}

/// The request context: the authenticated viewer, if the bearer token verified.
struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    var viewer: Viewer?
    var authFailure: AuthFailure = .missing
    /// The connected client, for per-address rate limits (nil in the router test client).
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Request bodies larger than this are refused; a 100,000-seat venue fits well inside.
    var maxUploadSize: Int { 8 * 1024 * 1024 }

    /// The `:event_id` of the route; an id that is not a UUID names no event (404).
    func eventID() throws -> UUID {
        guard let id = UUID(apiText: parameters.get("event_id")) else { throw BookingError.eventNotFound }
        return id
    }

    /// The viewer, or 401 with the reason the token was refused.
    func requireViewer() throws -> Viewer {
        if let viewer { return viewer }
        switch authFailure {
        case .missing: throw APIError(.unauthorized, "UNAUTHORIZED", "Sign in: send Authorization: Bearer <token>")
        case .invalid: throw APIError(.unauthorized, "INVALID_TOKEN", "The bearer token is not valid")
        case .expired: throw APIError(.unauthorized, "TOKEN_EXPIRED", "The bearer token has expired; log in again")
        case .disabled: throw APIError(.unauthorized, "ACCOUNT_DISABLED", "This account has been switched off")
        }
    }
}
