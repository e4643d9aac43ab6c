import BoxOfficeApp
import BoxOfficeCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket

/// `GET /api/v1/events/{id}/seats/live`: the seat map's WebSocket (the protocol is
/// `LiveSeatMaps`'s). The upgrade is decided by its own small router; a request it does
/// not upgrade reaches the HTTP router, whose route for the same path says why in JSON.
struct LiveSeatMapController {
    let live: LiveSeatMaps
    let origins: OriginPolicy

    static let path = "api/v1/events/:event_id/seats/live"

    /// The router the server's upgrade handler asks; only this path upgrades.
    func webSocketRouter() -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws(RouterPath(Self.path)) { request, context in
            // Refused here, the request goes on to the HTTP route below, which says why.
            guard origins.allows(request), let eventID = UUID(apiText: context.parameters.get("event_id")),
                  (try? await live.desks.event(id: eventID)) != nil else { return .dontUpgrade }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let eventID = UUID(apiText: context.requestContext.parameters.get("event_id")),
                  let watcher = try? await live.watch(eventID: eventID) else {
                try await outbound.close(.policyViolation, reason: "no such event")
                return
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await outbound.write(.text(watcher.hello))
                    while let message = await watcher.mailbox.nextMessage() {
                        // One frame buffer for every watcher of the message.
                        let frame = message.encoded { WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: $0)) }
                        try await outbound.write(.custom(frame))
                    }
                }
                group.addTask {
                    // Watchers send nothing the server needs; reading lets the socket see
                    // pings and the close handshake. The watch ends when the client goes.
                    for try await _ in inbound {}
                }
                defer { group.cancelAll() }
                _ = try await group.next()
            }
            await live.leave(watcher)
        }
        return router
    }

    /// The HTTP answer for a request the upgrade handler did not take.
    func addRoutes(to events: RouterGroup<AppRequestContext>) {
        events.get(":event_id/seats/live") { request, context -> Response in
            _ = try context.eventID()
            guard origins.allows(request) else {
                throw APIError(.forbidden, "ORIGIN_NOT_ALLOWED", "This page's origin may not open the live seat map")
            }
            // An unknown event is a 404 here, as on the seat map itself.
            _ = try await live.desks.event(id: try context.eventID())
            var error = APIError(.upgradeRequired, "UPGRADE_REQUIRED", "Open this path as a WebSocket (Connection: Upgrade, Upgrade: websocket)")
            error.headers = [.upgrade: "websocket", .connection: "Upgrade"]
            throw error
        }
    }
}

/// Which pages may open the live socket: a browser sends `Origin` (`http(s)://host[:port]`,
/// or `null` from a sandboxed or local page), and only the server's own pages (the
/// request's host, or the configured public URL) are accepted, so another site's script
/// cannot hold sockets open on its visitors' behalf. Clients that are not browsers send no
/// Origin, or one of their own (Swift's WebSocket client sends `ws://host`), and are accepted.
struct OriginPolicy: Sendable {
    /// Allowed origins besides the request's own host, as `scheme://host[:port]`, lowercased.
    let allowed: Set<String>

    init(publicURL: String?) {
        var allowed = Set<String>()
        if let publicURL, let origin = Self.origin(of: publicURL) { allowed.insert(origin) }
        self.allowed = allowed
    }

    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased() else { return nil }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }

    func allows(_ request: Request) -> Bool {
        let host = request.head.authority?.lowercased()
        return request.headers[values: .origin].allSatisfy { value in
            let origin = value.trimmed.lowercased()
            guard origin.hasPrefix("http://") || origin.hasPrefix("https://") || origin == "null" else { return true }
            if allowed.contains(origin) { return true }
            guard let host else { return false }
            return origin == "http://\(host)" || origin == "https://\(host)"
        }
    }
}
