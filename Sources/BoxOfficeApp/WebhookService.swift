import BoxOfficeCore
import Foundation

/// Organizers' webhooks: registering, listing, removing them, and their deliveries.
package struct WebhookService: Sendable {
    let webhooks: any WebhookStore
    let catalog: any CatalogStore
    let transport: any WebhookTransport
    let clock: any BookingClock
    /// Private, loopback and link-local receivers are allowed (tests, demos on one machine).
    let allowPrivate: Bool

    /// How many webhooks one account may have.
    package static let maxPerOwner = 50
    package static let maxURLLength = 2_048
    package static let maxPageSize = 100

    package init(webhooks: any WebhookStore, catalog: any CatalogStore, transport: any WebhookTransport, clock: any BookingClock,
                 allowPrivate: Bool) {
        self.webhooks = webhooks
        self.catalog = catalog
        self.transport = transport
        self.clock = clock
        self.allowPrivate = allowPrivate
    }

    /// Only organizers and admins have webhooks.
    package func authorize(_ viewer: Viewer) throws(BookingError) {
        guard viewer.role.canOrganize else { throw .forbidden }
    }

    /// Registers a webhook for the viewer's events (or one of them); the answer carries
    /// the signing secret, shown this once.
    package func register(url: String, events: [String], eventID: UUID?, by viewer: Viewer) async throws -> Webhook {
        try authorize(viewer)
        let url = try await checkedURL(url)
        guard !events.isEmpty else { throw BookingError.invalid(field: "events", reason: "name at least one event type, or \"*\" for all") }
        var types: [String] = []
        for (index, name) in events.enumerated() {
            guard name == "*" || OutboxEventType(rawValue: name) != nil else {
                throw BookingError.invalid(field: "events[\(index)]", reason: "unknown event type \"\(name)\"; known: "
                    + OutboxEventType.allCases.map(\.rawValue).joined(separator: ", ") + ", or \"*\"")
            }
            if !types.contains(name) { types.append(name) }
        }
        if types.contains("*") { types = ["*"] }
        if let eventID {
            guard let event = try await catalog.event(id: eventID) else { throw BookingError.eventNotFound }
            guard viewer.role == .admin || event.organizerID == viewer.userID else { throw BookingError.forbidden }
        }
        guard try await webhooks.webhooks(ownerID: viewer.userID).count < Self.maxPerOwner else {
            throw BookingError.invalid(field: "url", reason: "an account may have at most \(Self.maxPerOwner) webhooks; delete one first")
        }
        let webhook = Webhook(ownerID: viewer.userID, url: url, events: types, eventID: eventID, secret: Webhook.makeSecret(),
                              createdAt: clock.now())
        try await webhooks.createWebhook(webhook)
        return webhook
    }

    /// The URL as registered, or why it cannot be: http(s), a host, no credentials, and
    /// (unless private addresses are allowed) no host that is or resolves to a forbidden address.
    func checkedURL(_ text: String) async throws -> String {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard text.utf8.count <= Self.maxURLLength, let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { throw BookingError.invalid(field: "url", reason: "must be an http:// or https:// URL with a host, at most \(Self.maxURLLength) characters") }
        guard components.user == nil && components.password == nil else {
            throw BookingError.invalid(field: "url", reason: "must not carry a user name or password; verify the signature instead")
        }
        guard !allowPrivate else { return text }
        // Each delivery checks again, on the address it connects to.
        if let refusal = await WebhookAddressPolicy.refusal(host: host, resolve: transport.addresses(of:)) {
            throw BookingError.webhookURLForbidden(refusal)
        }
        return text
    }

    /// The viewer's webhooks (an admin's own).
    package func list(by viewer: Viewer) async throws -> [Webhook] {
        try authorize(viewer)
        return try await webhooks.webhooks(ownerID: viewer.userID)
    }

    /// The webhook, if the viewer owns it (an admin may see any).
    package func webhook(_ id: UUID, by viewer: Viewer) async throws -> Webhook {
        try authorize(viewer)
        guard let webhook = try await webhooks.webhook(id: id), webhook.ownerID == viewer.userID || viewer.role == .admin else {
            throw BookingError.webhookNotFound
        }
        return webhook
    }

    package func delete(_ id: UUID, by viewer: Viewer) async throws {
        let webhook = try await webhook(id, by: viewer)
        guard try await webhooks.deleteWebhook(id: webhook.id) else { throw BookingError.webhookNotFound }
    }

    /// A page of the webhook's deliveries, newest first, each with its attempts; the
    /// cursor for the next page (nil after the last).
    package func deliveries(of id: UUID, before: Int64?, limit: Int, by viewer: Viewer) async throws
        -> (deliveries: [(WebhookDelivery, [DeliveryAttempt])], nextCursor: Int64?) {
        let webhook = try await webhook(id, by: viewer)
        let limit = max(1, min(limit, Self.maxPageSize))
        let page = try await webhooks.deliveries(webhookID: webhook.id, before: before, limit: limit + 1)
        var answers: [(WebhookDelivery, [DeliveryAttempt])] = []
        for delivery in page.prefix(limit) { answers.append((delivery, try await webhooks.deliveryAttempts(deliveryID: delivery.id))) }
        return (answers, page.count > limit ? page.prefix(limit).last?.sequence : nil)
    }

    /// Sends a delivery again (at once, in its place in the event's order).
    package func redeliver(_ deliveryID: UUID, of id: UUID, by viewer: Viewer) async throws -> WebhookDelivery {
        let webhook = try await webhook(id, by: viewer)
        guard webhook.disabledAt == nil else { throw BookingError.webhookDisabled }
        guard let delivery = try await webhooks.delivery(id: deliveryID), delivery.webhookID == webhook.id else {
            throw BookingError.deliveryNotFound
        }
        guard let again = try await webhooks.redeliver(deliveryID: delivery.id, at: clock.now()) else { throw BookingError.deliveryNotFound }
        return again
    }
}
