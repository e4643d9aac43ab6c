import BoxOfficeCore
import Foundation
import GRDB

extension SQLiteStore {
    /// Adds messages to the outbox inside the caller's transaction.
    static func appendOutbox(_ entries: [OutboxEntry], _ db: Database) throws {
        guard !entries.isEmpty else { return }
        var insert = RawBinding(try db.cachedStatement(sql: """
            INSERT INTO outbox (message_id, type, event_id, created_at, data, subject_id) VALUES (?, ?, ?, ?, ?, ?)
            """))
        for entry in entries {
            insert.text(entry.id.text)
            insert.text(entry.type.rawValue)
            insert.text(entry.eventID.text)
            insert.int(entry.createdAt.epochMilliseconds)
            insert.text(entry.data)
            insert.text(entry.subjectIDs.isEmpty ? nil : entry.subjectIDs.map(\.text).joined(separator: ","))
            try insert.run(db)
        }
    }

    static func appendOutbox(_ entry: OutboxEntry, _ db: Database) throws { try appendOutbox([entry], db) }

    /// The currency of an event, for the order messages.
    static func currency(eventID: UUID, _ db: Database) throws -> String {
        try String.fetchOne(db.cachedStatement(sql: "SELECT currency FROM events WHERE event_id = ?"), arguments: [eventID.text])
            ?? Event.defaultCurrency
    }

    /// A write of the dispatcher's own bookkeeping, committed without waiting for the disk
    /// (`synchronous = OFF` for this transaction only). Losing it to a power cut only
    /// repeats work: its deliveries are idempotent and sending again is allowed. It still
    /// reaches the WAL in order, and the next durable commit (a hold's) flushes it, so it
    /// never costs the hot path an fsync of its own.
    func relaxedWrite<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = OFF")
            defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
            var result: T?
            try db.inTransaction {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    // MARK: OutboxStore

    package func undispatchedMessages(limit: Int) async throws -> [OutboxMessage] {
        try await queue.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM outbox WHERE sequence > (SELECT dispatched_through FROM outbox_cursor) ORDER BY sequence LIMIT ?
                """), arguments: [limit]).map(OutboxMessage.init(row:))
        }
    }

    /// The one writer commits messages in sequence order and a read sees every commit
    /// before it, so the messages `undispatchedMessages` answered are all those up to the
    /// last of them: marking them is moving the mark.
    package func markDispatched(_ messages: [OutboxMessage]) async throws {
        guard let last = messages.map(\.sequence).max() else { return }
        try await relaxedWrite { db in
            try db.execute(sql: "UPDATE outbox_cursor SET dispatched_through = max(dispatched_through, ?)", arguments: [last])
        }
    }

    package func pruneOutbox(before: Date) async throws -> Int {
        try await queue.write { db in
            try db.execute(sql: """
                DELETE FROM outbox WHERE sequence <= (SELECT dispatched_through FROM outbox_cursor) AND created_at < ?
                """, arguments: [before.epochMilliseconds])
            return db.changesCount
        }
    }

    package func outboxBacklog() async throws -> (count: Int, oldest: Date?) {
        try await queue.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*), MIN(created_at) FROM outbox WHERE sequence > (SELECT dispatched_through FROM outbox_cursor)
                """)
            return (row?[0] ?? 0, (row?[1] as Int64?).map(Date.init(epochMilliseconds:)))
        }
    }

    package func outboxMessages(eventID: UUID) async throws -> [OutboxMessage] {
        try await queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE event_id = ? ORDER BY sequence", arguments: [eventID.text])
                .map(OutboxMessage.init(row:))
        }
    }

    package func claimLease(_ name: String, holder: String, until: Date, now: Date) async throws -> Bool {
        try await relaxedWrite { db in
            try db.execute(sql: """
                INSERT INTO leases (name, holder, until) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
                WHERE leases.holder = excluded.holder OR leases.until < ?
                """, arguments: [name, holder, until.epochMilliseconds, now.epochMilliseconds])
            return db.changesCount == 1
        }
    }

    // MARK: WebhookStore

    package func createWebhook(_ webhook: Webhook) async throws {
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO webhooks (webhook_id, owner_id, url, events, event_id, secret, created_at, disabled_at, disabled_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [webhook.id.text, webhook.ownerID.text, webhook.url, webhook.events.joined(separator: ","),
                                 webhook.eventID?.text, webhook.secret, webhook.createdAt.epochMilliseconds,
                                 webhook.disabledAt?.epochMilliseconds, webhook.disabledReason])
        }
    }

    package func webhooks(ownerID: UUID?) async throws -> [Webhook] {
        try await queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM webhooks WHERE ? IS NULL OR owner_id = ? ORDER BY created_at, webhook_id
                """, arguments: [ownerID?.text, ownerID?.text]).map(Webhook.init(row:))
        }
    }

    package func webhook(id: UUID) async throws -> Webhook? {
        try await queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM webhooks WHERE webhook_id = ?", arguments: [id.text]).map(Webhook.init(row:))
        }
    }

    package func deleteWebhook(id: UUID) async throws -> Bool {
        try await queue.write { db in
            try db.execute(sql: """
                DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT delivery_id FROM webhook_deliveries WHERE webhook_id = ?)
                """, arguments: [id.text])
            try db.execute(sql: "DELETE FROM webhook_deliveries WHERE webhook_id = ?", arguments: [id.text])
            try db.execute(sql: "DELETE FROM webhooks WHERE webhook_id = ?", arguments: [id.text])
            return db.changesCount == 1
        }
    }

    package func disableWebhook(id: UUID, reason: String, at: Date) async throws {
        try await queue.write { db in
            try db.execute(sql: """
                UPDATE webhooks SET disabled_at = ?, disabled_reason = ? WHERE webhook_id = ? AND disabled_at IS NULL
                """, arguments: [at.epochMilliseconds, reason, id.text])
        }
    }

    package func addDeliveries(_ deliveries: [WebhookDelivery]) async throws {
        guard !deliveries.isEmpty else { return }
        try await relaxedWrite { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO webhook_deliveries (delivery_id, webhook_id, message_id, type, event_id, body, status, attempts,
                    next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
                ON CONFLICT (webhook_id, message_id) DO NOTHING
                """)
            for delivery in deliveries {
                try insert.execute(arguments: [
                    delivery.id.text, delivery.webhookID.text, delivery.messageID.text, delivery.type.rawValue, delivery.eventID.text,
                    delivery.body, delivery.status.rawValue, delivery.nextAttemptAt.epochMilliseconds, delivery.createdAt.epochMilliseconds,
                ])
            }
        }
    }

    package func pendingDeliveries(webhookID: UUID, skipping: Set<UUID>, limit: Int) async throws -> [WebhookDelivery] {
        try await queue.read { db in
            let skipped = skipping.map(\.text)
            let filter = skipped.isEmpty ? "" : "AND event_id NOT IN (\(placeholders(skipped.count)))"
            return try Row.fetchAll(db, sql: """
                SELECT * FROM webhook_deliveries WHERE webhook_id = ? AND status = 'PENDING' \(filter) ORDER BY sequence LIMIT ?
                """, arguments: StatementArguments([webhookID.text] + skipped) + [limit]).map(WebhookDelivery.init(row:))
        }
    }

    package func recordDeliveryResults(_ results: [DeliveryResult]) async throws {
        guard !results.isEmpty else { return }
        try await relaxedWrite { db in
            let attempt = try db.cachedStatement(sql: """
                INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, duration_ms, error) VALUES (?, ?, ?, ?, ?)
                """)
            let update = try db.cachedStatement(sql: """
                UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = COALESCE(?, next_attempt_at),
                    delivered_at = ?, last_status_code = ?, last_error = ?
                WHERE delivery_id = ?
                """)
            for result in results {
                let a = result.attempt
                try attempt.execute(arguments: [a.deliveryID.text, a.attemptedAt.epochMilliseconds, a.statusCode, a.durationMilliseconds, a.error])
                try update.execute(arguments: [
                    result.status.rawValue, result.nextAttemptAt?.epochMilliseconds,
                    result.status == .delivered ? a.attemptedAt.epochMilliseconds : nil, a.statusCode, a.error, a.deliveryID.text,
                ])
            }
        }
    }

    package func deliveries(webhookID: UUID, before cursor: Int64?, limit: Int) async throws -> [WebhookDelivery] {
        try await queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM webhook_deliveries WHERE webhook_id = ? AND sequence < ? ORDER BY sequence DESC LIMIT ?
                """, arguments: [webhookID.text, cursor ?? Int64.max, limit]).map(WebhookDelivery.init(row:))
        }
    }

    package func delivery(id: UUID) async throws -> WebhookDelivery? {
        try await queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM webhook_deliveries WHERE delivery_id = ?", arguments: [id.text])
                .map(WebhookDelivery.init(row:))
        }
    }

    package func deliveryAttempts(deliveryID: UUID) async throws -> [DeliveryAttempt] {
        try await queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempted_at, rowid",
                             arguments: [deliveryID.text]).map(DeliveryAttempt.init(row:))
        }
    }

    package func redeliver(deliveryID: UUID, at: Date) async throws -> WebhookDelivery? {
        try await queue.write { db in
            try db.execute(sql: """
                UPDATE webhook_deliveries SET status = 'PENDING', next_attempt_at = ?, delivered_at = NULL WHERE delivery_id = ?
                """, arguments: [at.epochMilliseconds, deliveryID.text])
            return try Row.fetchOne(db, sql: "SELECT * FROM webhook_deliveries WHERE delivery_id = ?", arguments: [deliveryID.text])
                .map(WebhookDelivery.init(row:))
        }
    }

    package func deliveryBacklog() async throws -> (count: Int, oldest: Date?) {
        try await queue.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*), MIN(created_at) FROM webhook_deliveries
                WHERE status = 'PENDING' AND webhook_id IN (SELECT webhook_id FROM webhooks WHERE disabled_at IS NULL)
                """)
            return (row?[0] ?? 0, (row?[1] as Int64?).map(Date.init(epochMilliseconds:)))
        }
    }

    package func pruneDeliveries(before: Date) async throws -> Int {
        try await queue.write { db in
            try db.execute(sql: """
                DELETE FROM webhook_attempts WHERE delivery_id IN (
                    SELECT delivery_id FROM webhook_deliveries WHERE status <> 'PENDING' AND created_at < ?)
                """, arguments: [before.epochMilliseconds])
            try db.execute(sql: "DELETE FROM webhook_deliveries WHERE status <> 'PENDING' AND created_at < ?",
                           arguments: [before.epochMilliseconds])
            return db.changesCount
        }
    }
}

extension OutboxMessage {
    init(row: Row) {
        self.init(sequence: row["sequence"], entry: OutboxEntry(
            id: row.uuid("message_id"), type: OutboxEventType(rawValue: row["type"]) ?? .eventUpdated, eventID: row.uuid("event_id"),
            createdAt: row.date("created_at"), data: row["data"],
            subjectIDs: ((row["subject_id"] as String?) ?? "").split(separator: ",").compactMap { UUID(text: String($0)) }))
    }
}

extension Webhook {
    init(row: Row) {
        self.init(id: row.uuid("webhook_id"), ownerID: row.uuid("owner_id"), url: row["url"],
                  events: (row["events"] as String).split(separator: ",").map(String.init), eventID: row.optionalUUID("event_id"),
                  secret: row["secret"], createdAt: row.date("created_at"), disabledAt: row.optionalDate("disabled_at"),
                  disabledReason: row["disabled_reason"])
    }
}

extension WebhookDelivery {
    init(row: Row) {
        self.init(id: row.uuid("delivery_id"), sequence: row["sequence"], webhookID: row.uuid("webhook_id"), messageID: row.uuid("message_id"),
                  type: OutboxEventType(rawValue: row["type"]) ?? .eventUpdated, eventID: row.uuid("event_id"), body: row["body"],
                  status: DeliveryStatus(rawValue: row["status"]) ?? .pending, attempts: row["attempts"],
                  nextAttemptAt: row.date("next_attempt_at"), createdAt: row.date("created_at"),
                  deliveredAt: row.optionalDate("delivered_at"), lastStatusCode: row["last_status_code"], lastError: row["last_error"])
    }
}

extension DeliveryAttempt {
    init(row: Row) {
        self.init(deliveryID: row.uuid("delivery_id"), attemptedAt: row.date("attempted_at"), statusCode: row["status_code"],
                  durationMilliseconds: row["duration_ms"], error: row["error"])
    }
}
