import BoxOfficeApp
import BoxOfficeCore
import Foundation
import Hummingbird

/// Organizers' webhooks: `POST/GET /api/v1/webhooks`, `DELETE /api/v1/webhooks/{id}`, the
/// deliveries of one, and a redelivery.
struct WebhooksController {
    struct NewWebhook: RequestBody {
        var url: String
        var events: [String]
        var eventId: String?

        enum CodingKeys: CodingKey, CaseIterable { case url, events, eventId }
    }

    struct WebhookView: Encodable {
        var webhookId: String
        var url: String
        var events: [String]
        var eventId: String?
        /// Only in the answer to the registration.
        var secret: String?
        var createdAt: Date
        var disabledAt: Date?
        var disabledReason: String?

        init(_ webhook: Webhook, showingSecret: Bool = false) {
            webhookId = webhook.id.text
            url = webhook.url
            events = webhook.events
            eventId = webhook.eventID?.text
            secret = showingSecret ? webhook.secret : nil
            createdAt = webhook.createdAt
            disabledAt = webhook.disabledAt
            disabledReason = webhook.disabledReason
        }

        enum CodingKeys: String, CodingKey { case webhookId, url, events, eventId, secret, createdAt, disabledAt, disabledReason }

        /// `event_id`, `disabled_at` and `disabled_reason` are always present (null when unset).
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(webhookId, forKey: .webhookId)
            try container.encode(url, forKey: .url)
            try container.encode(events, forKey: .events)
            try container.encode(eventId, forKey: .eventId)
            try container.encodeIfPresent(secret, forKey: .secret)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(disabledAt, forKey: .disabledAt)
            try container.encode(disabledReason, forKey: .disabledReason)
        }
    }

    struct WebhookList: Encodable {
        var webhooks: [WebhookView]
    }

    struct AttemptView: Encodable {
        var attemptedAt: Date
        var statusCode: Int?
        var durationMs: Int
        var error: String?

        init(_ attempt: DeliveryAttempt) {
            attemptedAt = attempt.attemptedAt
            statusCode = attempt.statusCode
            durationMs = attempt.durationMilliseconds
            error = attempt.error
        }

        enum CodingKeys: String, CodingKey { case attemptedAt, statusCode, durationMs, error }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(attemptedAt, forKey: .attemptedAt)
            try container.encode(statusCode, forKey: .statusCode)
            try container.encode(durationMs, forKey: .durationMs)
            try container.encode(error, forKey: .error)
        }
    }

    struct DeliveryView: Encodable {
        var deliveryId: String
        var webhookId: String
        /// The message's id: the body's `id` and the `BoxOffice-Event-Id` header.
        var messageId: String
        var type: String
        var eventId: String
        var status: String
        var attemptCount: Int
        var nextAttemptAt: Date?
        var createdAt: Date
        var deliveredAt: Date?
        var lastStatusCode: Int?
        var lastError: String?
        var attempts: [AttemptView]

        init(_ delivery: WebhookDelivery, attempts: [DeliveryAttempt]) {
            deliveryId = delivery.id.text
            webhookId = delivery.webhookID.text
            messageId = delivery.messageID.text
            type = delivery.type.rawValue
            eventId = delivery.eventID.text
            status = delivery.status.rawValue
            attemptCount = delivery.attempts
            nextAttemptAt = delivery.status == .pending ? delivery.nextAttemptAt : nil
            createdAt = delivery.createdAt
            deliveredAt = delivery.deliveredAt
            lastStatusCode = delivery.lastStatusCode
            lastError = delivery.lastError
            self.attempts = attempts.map(AttemptView.init)
        }

        enum CodingKeys: String, CodingKey {
            case deliveryId, webhookId, messageId, type, eventId, status, attemptCount, nextAttemptAt, createdAt, deliveredAt
            case lastStatusCode, lastError, attempts
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(deliveryId, forKey: .deliveryId)
            try container.encode(webhookId, forKey: .webhookId)
            try container.encode(messageId, forKey: .messageId)
            try container.encode(type, forKey: .type)
            try container.encode(eventId, forKey: .eventId)
            try container.encode(status, forKey: .status)
            try container.encode(attemptCount, forKey: .attemptCount)
            try container.encode(nextAttemptAt, forKey: .nextAttemptAt)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(deliveredAt, forKey: .deliveredAt)
            try container.encode(lastStatusCode, forKey: .lastStatusCode)
            try container.encode(lastError, forKey: .lastError)
            try container.encode(attempts, forKey: .attempts)
        }
    }

    struct DeliveryPage: Encodable {
        var deliveries: [DeliveryView]
        var nextCursor: String?

        enum CodingKeys: String, CodingKey { case deliveries, nextCursor }

        /// `next_cursor` is always present: null on the last page.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(deliveries, forKey: .deliveries)
            try container.encode(nextCursor, forKey: .nextCursor)
        }
    }

    let webhooks: WebhookService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post { request, context in
            let viewer = try context.requireViewer()
            try webhooks.authorize(viewer)
            let body = try await JSONRequest.decode(NewWebhook.self, from: request, context: context)
            var eventID: UUID?
            if let text = body.eventId {
                guard let id = UUID(apiText: text) else { throw BookingError.invalid(field: "event_id", reason: "is not an event id") }
                eventID = id
            }
            let webhook = try await webhooks.register(url: body.url, events: body.events, eventID: eventID, by: viewer)
            return JSONResponse.make(WebhookView(webhook, showingSecret: true), status: .created)
        }
        group.get { _, context in
            let viewer = try context.requireViewer()
            return JSONResponse.make(WebhookList(webhooks: try await webhooks.list(by: viewer).map { WebhookView($0) }))
        }
        group.get(":webhook_id") { _, context in
            let viewer = try context.requireViewer()
            return JSONResponse.make(WebhookView(try await webhooks.webhook(try Self.webhookID(context), by: viewer)))
        }
        group.delete(":webhook_id") { _, context in
            let viewer = try context.requireViewer()
            try await webhooks.delete(try Self.webhookID(context), by: viewer)
            return Response(status: .noContent)
        }
        group.get(":webhook_id/deliveries") { request, context in
            let viewer = try context.requireViewer()
            let parameters = request.uri.queryParameters
            var before: Int64?
            if let cursor = parameters.get("cursor") {
                guard let value = Int64(cursor), value > 0 else { throw APIError(.badRequest, "INVALID_CURSOR", "The cursor is not valid") }
                before = value
            }
            var limit = 50
            if let text = parameters.get("limit") {
                guard let value = Int(text), (1...WebhookService.maxPageSize).contains(value) else {
                    throw BookingError.invalid(field: "limit", reason: "must be between 1 and \(WebhookService.maxPageSize)")
                }
                limit = value
            }
            let page = try await webhooks.deliveries(of: try Self.webhookID(context), before: before, limit: limit, by: viewer)
            return JSONResponse.make(DeliveryPage(deliveries: page.deliveries.map { DeliveryView($0.0, attempts: $0.1) },
                                                  nextCursor: page.nextCursor.map(String.init)))
        }
        group.post(":webhook_id/deliveries/:delivery_id/redeliver") { _, context in
            let viewer = try context.requireViewer()
            guard let deliveryID = UUID(apiText: context.parameters.get("delivery_id")) else { throw BookingError.deliveryNotFound }
            let delivery = try await webhooks.redeliver(deliveryID, of: try Self.webhookID(context), by: viewer)
            return JSONResponse.make(DeliveryView(delivery, attempts: []), status: .accepted)
        }
    }

    static func webhookID(_ context: AppRequestContext) throws -> UUID {
        guard let id = UUID(apiText: context.parameters.get("webhook_id")) else { throw BookingError.webhookNotFound }
        return id
    }
}
