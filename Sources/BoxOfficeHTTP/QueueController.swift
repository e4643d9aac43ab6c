import BoxOfficeApp
import BoxOfficeCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The virtual waiting room: join, ask where one stands, and a server-sent events
/// stream that says the moment one is admitted.
struct QueueController {
    static let tokenHeader = HTTPField.Name("X-Queue-Token")!
    /// How often an open stream re-reads its buyer's standing (from memory, not the database).
    static let streamInterval = Duration.seconds(1)

    struct QueueView: Encodable {
        var eventId: String
        var state: String
        var position: Int
        var ahead: Int
        var estimatedWaitSeconds: Int
        var admissionPaused: Bool
        var positionFinal: Bool
        var queueLength: Int
        var queueToken: String
        var admissionToken: String?
        var admissionExpiresAt: Date?
        var statusUrl: String
        var streamUrl: String

        init(eventID: UUID, _ ticket: QueueTicket) {
            eventId = eventID.text
            state = ticket.standing.state.rawValue
            position = ticket.standing.position
            ahead = ticket.standing.ahead
            estimatedWaitSeconds = ticket.standing.estimatedWaitSeconds
            admissionPaused = ticket.standing.admissionPaused
            positionFinal = ticket.standing.positionFinal
            queueLength = ticket.queueLength
            queueToken = ticket.queueToken
            admissionToken = ticket.admissionToken
            admissionExpiresAt = ticket.admissionToken == nil ? nil : ticket.standing.sessionEndsAt
            statusUrl = "/api/v1/events/\(eventID.text)/queue/status"
            streamUrl = "/api/v1/events/\(eventID.text)/queue/stream"
        }
    }

    let queue: QueueService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post(":event_id/queue") { _, context in
            let viewer = try context.requireViewer()
            let id = try context.eventID()
            return JSONResponse.make(QueueView(eventID: id, try await queue.join(eventID: id, viewer: viewer)))
        }
        group.get(":event_id/queue/status") { request, context in
            let id = try context.eventID()
            let ticket = try await queue.status(eventID: id, token: try Self.token(request), viewer: context.viewer)
            return JSONResponse.make(QueueView(eventID: id, ticket))
        }
        group.get(":event_id/queue/stream") { request, context in
            let id = try context.eventID()
            let token = try Self.token(request)
            let first = try await queue.status(eventID: id, token: token, viewer: context.viewer)
            return stream(eventID: id, token: token, first: first, viewer: context.viewer)
        }
    }

    /// `text/event-stream`: a `status` event whenever the standing changes, then an
    /// `admitted` (or `expired`) event with the tokens, and the stream ends.
    private func stream(eventID: UUID, token: String, first: QueueTicket, viewer: Viewer?) -> Response {
        let body = ResponseBody { [queue] writer in
            var last: QueueTicket? = nil
            var current = first
            while true {
                if current.standing != last?.standing {
                    let name = current.standing.state == .waiting ? "status" : current.standing.state.rawValue
                    let data = (try? JSONResponse.encoder.encode(QueueView(eventID: eventID, current))) ?? Data()
                    try await writer.write(ByteBuffer(string: "event: \(name)\ndata: \(String(decoding: data, as: UTF8.self))\n\n"))
                }
                if current.standing.state != .waiting { break }
                last = current
                try await Task.sleep(for: Self.streamInterval)
                current = try await queue.status(eventID: eventID, token: current.queueToken, viewer: viewer)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    /// The queue token from `X-Queue-Token`, or the `queue_token` query parameter (for
    /// `EventSource`, which cannot set headers).
    static func token(_ request: Request) throws -> String {
        guard let token = request.headers[tokenHeader]?.trimmed ?? request.uri.queryParameters.get("queue_token"),
              !token.isEmpty
        else { throw BookingError.queueRequired }
        return token
    }
}
