import BoxOfficeCore
import Foundation
import PostgresNIO

extension PostgresStore {
    /// Adds messages to the outbox inside the caller's transaction, in one statement.
    func appendOutbox(_ entries: [OutboxEntry], _ connection: PostgresConnection) async throws {
        guard !entries.isEmpty else { return }
        try await connection.query("""
            INSERT INTO outbox (message_id, type, event_id, created_at, data, subject_id)
            SELECT m, t, e, c, NULLIF(d, ''), NULLIF(s, '') FROM UNNEST(
                \(entries.map(\.id.text))::text[], \(entries.map(\.type.rawValue))::text[], \(entries.map(\.eventID.text))::text[],
                \(entries.map(\.createdAt.epochMilliseconds))::int8[], \(entries.map { $0.data ?? "" })::text[],
                \(entries.map { $0.subjectIDs.map(\.text).joined(separator: ",") })::text[]) WITH ORDINALITY AS x(m, t, e, c, d, s, n)
            ORDER BY n
            """, logger: logger)
    }

    func appendOutbox(_ entry: OutboxEntry, _ connection: PostgresConnection) async throws {
        try await appendOutbox([entry], connection)
    }

    /// The event's own fields (no sections), read in the caller's transaction.
    func eventFields(_ id: UUID, _ connection: PostgresConnection) async throws -> Event? {
        try await connection.query("SELECT * FROM events WHERE event_id = \(id.text)", logger: logger).collect().first
            .map { Event(postgres: $0, sections: []) }
    }

    /// A statement of the dispatcher's own bookkeeping, committed without waiting for the
    /// WAL flush (`synchronous_commit = off` for its transaction only): losing it to a
    /// crash only repeats work (deliveries are idempotent, sending again is allowed), and
    /// PostgreSQL still applies commits in order.
    func relaxed(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await transaction { connection in
            try await connection.query("SET LOCAL synchronous_commit = off", logger: self.logger)
            return try await connection.query(query, logger: self.logger).collect()
        }
    }

    // MARK: OutboxStore

    package func undispatchedMessages(limit: Int) async throws -> [OutboxMessage] {
        try await rows("SELECT * FROM outbox WHERE dispatched_at IS NULL ORDER BY sequence LIMIT \(limit)").map(OutboxMessage.init(postgres:))
    }

    package func markDispatched(_ messages: [OutboxMessage]) async throws {
        guard !messages.isEmpty else { return }
        _ = try await relaxed("""
            UPDATE outbox SET dispatched_at = \(Date().epochMilliseconds) WHERE sequence = ANY(\(messages.map(\.sequence)))
            """)
    }

    package func pruneOutbox(before: Date) async throws -> Int {
        try await rows("""
            WITH gone AS (DELETE FROM outbox WHERE dispatched_at IS NOT NULL AND created_at < \(before.epochMilliseconds) RETURNING 1)
            SELECT COUNT(*)::int8 FROM gone
            """).first?.decode(Int.self) ?? 0
    }

    package func outboxBacklog() async throws -> (count: Int, oldest: Date?) {
        guard let row = try await rows("SELECT COUNT(*)::int8, MIN(created_at) FROM outbox WHERE dispatched_at IS NULL").first
        else { return (0, nil) }
        let (count, oldest) = try row.decode((Int, Int64?).self)
        return (count, oldest.map(Date.init(epochMilliseconds:)))
    }

    package func outboxMessages(eventID: UUID) async throws -> [OutboxMessage] {
        // A hold the GA batch guessed and then refused never existed: it has no reservation,
        // so its message is never sent (and is left out here).
        var messages: [OutboxMessage] = []
        for row in try await rows("SELECT * FROM outbox WHERE event_id = \(eventID.text) ORDER BY sequence") {
            var message = OutboxMessage(postgres: row)
            if message.entry.type == .reservationHeld, !message.entry.subjectIDs.isEmpty {
                let made = Set(try await rows("""
                    SELECT reservation_id FROM reservations WHERE reservation_id = ANY(\(message.entry.subjectIDs.map(\.text)))
                    """).compactMap { UUID(text: PostgresColumns($0).string("reservation_id")) })
                message.entry.subjectIDs = message.entry.subjectIDs.filter(made.contains)
                if message.entry.subjectIDs.isEmpty { continue }
            }
            messages.append(message)
        }
        return messages
    }

    package func claimLease(_ name: String, holder: String, until: Date, now: Date) async throws -> Bool {
        try await !relaxed("""
            INSERT INTO leases (name, holder, until) VALUES (\(name), \(holder), \(until.epochMilliseconds))
            ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
            WHERE leases.holder = EXCLUDED.holder OR leases.until < \(now.epochMilliseconds)
            RETURNING name
            """).isEmpty
    }

    // MARK: WebhookStore

    package func createWebhook(_ webhook: Webhook) async throws {
        _ = try await rows("""
            INSERT INTO webhooks (webhook_id, owner_id, url, events, event_id, secret, created_at, disabled_at, disabled_reason)
            VALUES (\(webhook.id.text), \(webhook.ownerID.text), \(webhook.url), \(webhook.events.joined(separator: ",")),
                \(webhook.eventID?.text), \(webhook.secret), \(webhook.createdAt.epochMilliseconds), \(webhook.disabledAt?.epochMilliseconds),
                \(webhook.disabledReason))
            """)
    }

    package func webhooks(ownerID: UUID?) async throws -> [Webhook] {
        try await rows("""
            SELECT * FROM webhooks WHERE \(ownerID?.text)::text IS NULL OR owner_id = \(ownerID?.text) ORDER BY created_at, webhook_id
            """).map(Webhook.init(postgres:))
    }

    package func webhook(id: UUID) async throws -> Webhook? {
        try await rows("SELECT * FROM webhooks WHERE webhook_id = \(id.text)").first.map(Webhook.init(postgres:))
    }

    package func deleteWebhook(id: UUID) async throws -> Bool {
        try await !rows("DELETE FROM webhooks WHERE webhook_id = \(id.text) RETURNING webhook_id").isEmpty
    }

    package func disableWebhook(id: UUID, reason: String, at: Date) async throws {
        _ = try await rows("""
            UPDATE webhooks SET disabled_at = \(at.epochMilliseconds), disabled_reason = \(reason)
            WHERE webhook_id = \(id.text) AND disabled_at IS NULL
            """)
    }

    package func addDeliveries(_ deliveries: [WebhookDelivery]) async throws {
        guard !deliveries.isEmpty else { return }
        _ = try await relaxed("""
            INSERT INTO webhook_deliveries (delivery_id, webhook_id, message_id, type, event_id, body, status, attempts,
                next_attempt_at, created_at)
            SELECT d, w, m, t, e, b, s, 0, a, c FROM UNNEST(
                \(deliveries.map(\.id.text))::text[], \(deliveries.map(\.webhookID.text))::text[], \(deliveries.map(\.messageID.text))::text[],
                \(deliveries.map(\.type.rawValue))::text[], \(deliveries.map(\.eventID.text))::text[], \(deliveries.map(\.body))::text[],
                \(deliveries.map(\.status.rawValue))::text[], \(deliveries.map(\.nextAttemptAt.epochMilliseconds))::int8[],
                \(deliveries.map(\.createdAt.epochMilliseconds))::int8[]) WITH ORDINALITY AS x(d, w, m, t, e, b, s, a, c, n)
            ORDER BY n
            ON CONFLICT (webhook_id, message_id) DO NOTHING
            """)
    }

    package func pendingDeliveries(webhookID: UUID, skipping: Set<UUID>, limit: Int) async throws -> [WebhookDelivery] {
        try await rows("""
            SELECT * FROM webhook_deliveries WHERE webhook_id = \(webhookID.text) AND status = 'PENDING'
              AND event_id <> ALL(\(skipping.map(\.text))::text[])
            ORDER BY sequence LIMIT \(limit)
            """).map(WebhookDelivery.init(postgres:))
    }

    package func recordDeliveryResults(_ results: [DeliveryResult]) async throws {
        guard !results.isEmpty else { return }
        let attempts = results.map(\.attempt)
        try await transaction { connection in
            try await connection.query("SET LOCAL synchronous_commit = off", logger: self.logger)
            try await connection.query("""
                INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, duration_ms, error)
                SELECT d, a, NULLIF(s, -1), t, NULLIF(e, '') FROM UNNEST(\(attempts.map(\.deliveryID.text))::text[], \(attempts.map(\.attemptedAt.epochMilliseconds))::int8[],
                    \(attempts.map { $0.statusCode ?? -1 })::int4[], \(attempts.map(\.durationMilliseconds))::int4[],
                    \(attempts.map { $0.error ?? "" })::text[]) WITH ORDINALITY AS x(d, a, s, t, e, n)
                ORDER BY n
                """, logger: self.logger)
            // "No status code", "no next attempt" and "no error" travel as -1 and '' in the typed arrays.
            try await connection.query("""
                UPDATE webhook_deliveries d SET status = x.s, attempts = d.attempts + 1,
                    next_attempt_at = CASE WHEN x.a >= 0 THEN x.a ELSE d.next_attempt_at END,
                    delivered_at = CASE WHEN x.s = 'DELIVERED' THEN x.at ELSE NULL END,
                    last_status_code = NULLIF(x.c, -1), last_error = NULLIF(x.e, '')
                FROM UNNEST(\(results.map(\.attempt.deliveryID.text))::text[], \(results.map(\.status.rawValue))::text[],
                    \(results.map { $0.nextAttemptAt?.epochMilliseconds ?? -1 })::int8[],
                    \(results.map(\.attempt.attemptedAt.epochMilliseconds))::int8[], \(results.map { $0.attempt.statusCode ?? -1 })::int4[],
                    \(results.map { $0.attempt.error ?? "" })::text[]) AS x(id, s, a, at, c, e)
                WHERE d.delivery_id = x.id
                """, logger: self.logger)
        }
    }

    package func deliveries(webhookID: UUID, before cursor: Int64?, limit: Int) async throws -> [WebhookDelivery] {
        try await rows("""
            SELECT * FROM webhook_deliveries WHERE webhook_id = \(webhookID.text) AND sequence < \(cursor ?? Int64.max)
            ORDER BY sequence DESC LIMIT \(limit)
            """).map(WebhookDelivery.init(postgres:))
    }

    package func delivery(id: UUID) async throws -> WebhookDelivery? {
        try await rows("SELECT * FROM webhook_deliveries WHERE delivery_id = \(id.text)").first.map(WebhookDelivery.init(postgres:))
    }

    package func deliveryAttempts(deliveryID: UUID) async throws -> [DeliveryAttempt] {
        try await rows("SELECT * FROM webhook_attempts WHERE delivery_id = \(deliveryID.text) ORDER BY attempted_at, attempt")
            .map(DeliveryAttempt.init(postgres:))
    }

    package func redeliver(deliveryID: UUID, at: Date) async throws -> WebhookDelivery? {
        try await rows("""
            UPDATE webhook_deliveries SET status = 'PENDING', next_attempt_at = \(at.epochMilliseconds), delivered_at = NULL
            WHERE delivery_id = \(deliveryID.text) RETURNING *
            """).first.map(WebhookDelivery.init(postgres:))
    }

    package func deliveryBacklog() async throws -> (count: Int, oldest: Date?) {
        guard let row = try await rows("""
            SELECT COUNT(*)::int8, MIN(created_at) FROM webhook_deliveries
            WHERE status = 'PENDING' AND webhook_id IN (SELECT webhook_id FROM webhooks WHERE disabled_at IS NULL)
            """).first
        else { return (0, nil) }
        let (count, oldest) = try row.decode((Int, Int64?).self)
        return (count, oldest.map(Date.init(epochMilliseconds:)))
    }

    package func pruneDeliveries(before: Date) async throws -> Int {
        try await rows("""
            WITH gone AS (DELETE FROM webhook_deliveries WHERE status <> 'PENDING' AND created_at < \(before.epochMilliseconds) RETURNING 1)
            SELECT COUNT(*)::int8 FROM gone
            """).first?.decode(Int.self) ?? 0
    }
}

extension OutboxMessage {
    init(postgres row: PostgresRow) {
        let c = PostgresColumns(row)
        self.init(sequence: Int64(c.int("sequence")), entry: OutboxEntry(
            id: c.uuid("message_id"), type: OutboxEventType(rawValue: c.string("type")) ?? .eventUpdated, eventID: c.uuid("event_id"),
            createdAt: c.date("created_at"), data: c.optionalString("data"),
            subjectIDs: (c.optionalString("subject_id") ?? "").split(separator: ",").compactMap { UUID(text: String($0)) }))
    }
}

extension Webhook {
    init(postgres row: PostgresRow) {
        let c = PostgresColumns(row)
        self.init(id: c.uuid("webhook_id"), ownerID: c.uuid("owner_id"), url: c.string("url"),
                  events: c.string("events").split(separator: ",").map(String.init), eventID: c.optionalUUID("event_id"),
                  secret: c.string("secret"), createdAt: c.date("created_at"), disabledAt: c.optionalDate("disabled_at"),
                  disabledReason: c.optionalString("disabled_reason"))
    }
}

extension WebhookDelivery {
    init(postgres row: PostgresRow) {
        let c = PostgresColumns(row)
        self.init(id: c.uuid("delivery_id"), sequence: Int64(c.int("sequence")), webhookID: c.uuid("webhook_id"),
                  messageID: c.uuid("message_id"), type: OutboxEventType(rawValue: c.string("type")) ?? .eventUpdated,
                  eventID: c.uuid("event_id"), body: c.string("body"), status: DeliveryStatus(rawValue: c.string("status")) ?? .pending,
                  attempts: c.int("attempts"), nextAttemptAt: c.date("next_attempt_at"), createdAt: c.date("created_at"),
                  deliveredAt: c.optionalDate("delivered_at"), lastStatusCode: c.optionalInt("last_status_code"),
                  lastError: c.optionalString("last_error"))
    }
}

extension DeliveryAttempt {
    init(postgres row: PostgresRow) {
        let c = PostgresColumns(row)
        self.init(deliveryID: c.uuid("delivery_id"), attemptedAt: c.date("attempted_at"), statusCode: c.optionalInt("status_code"),
                  durationMilliseconds: c.int("duration_ms"), error: c.optionalString("error"))
    }
}
