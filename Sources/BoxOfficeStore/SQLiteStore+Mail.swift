import BoxOfficeCore
import Foundation
import GRDB

extension SQLiteStore {
    // The dispatcher's bookkeeping: relaxed like the webhooks' (losing a mark to a power
    // cut sends an email again, which a reader de-duplicates by its Message-ID).

    package func addEmails(_ emails: [EmailDelivery]) async throws {
        guard !emails.isEmpty else { return }
        try await relaxedWrite { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO email_deliveries (email_id, message_id, kind, event_id, reservation_id, refund_id, recipient, status,
                    attempts, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
                ON CONFLICT (message_id, kind, reservation_id) DO NOTHING
                """)
            for email in emails {
                try insert.execute(arguments: [
                    email.id.text, email.messageID.text, email.kind.rawValue, email.eventID.text, email.reservationID.text,
                    email.refundID?.text, email.recipient, email.status.rawValue, email.nextAttemptAt.epochMilliseconds,
                    email.createdAt.epochMilliseconds,
                ])
            }
        }
    }

    package func pendingEmails(dueBy now: Date, limit: Int) async throws -> [EmailDelivery] {
        try await queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM email_deliveries WHERE status = 'PENDING' AND next_attempt_at <= ?
                ORDER BY next_attempt_at, email_id LIMIT ?
                """, arguments: [now.epochMilliseconds, limit]).map(EmailDelivery.init(row:))
        }
    }

    package func recordEmailResults(_ results: [EmailResult]) async throws {
        guard !results.isEmpty else { return }
        try await relaxedWrite { db in
            let update = try db.cachedStatement(sql: """
                UPDATE email_deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = COALESCE(?, next_attempt_at),
                    sent_at = ?, last_error = ?
                WHERE email_id = ?
                """)
            for result in results {
                try update.execute(arguments: [
                    result.status.rawValue, result.nextAttemptAt?.epochMilliseconds,
                    result.status == .sent ? result.attemptedAt.epochMilliseconds : nil, result.error, result.emailID.text,
                ])
            }
        }
    }

    package func emails(reservationID: UUID) async throws -> [EmailDelivery] {
        try await queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM email_deliveries WHERE reservation_id = ? ORDER BY created_at, email_id",
                             arguments: [reservationID.text]).map(EmailDelivery.init(row:))
        }
    }

    package func emailBacklog() async throws -> (count: Int, oldest: Date?) {
        try await queue.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), MIN(created_at) FROM email_deliveries WHERE status = 'PENDING'")
            return (row?[0] ?? 0, (row?[1] as Int64?).map(Date.init(epochMilliseconds:)))
        }
    }

    package func pruneEmails(before: Date) async throws -> Int {
        try await queue.write { db in
            try db.execute(sql: "DELETE FROM email_deliveries WHERE status <> 'PENDING' AND created_at < ?",
                           arguments: [before.epochMilliseconds])
            return db.changesCount
        }
    }
}

extension EmailDelivery {
    init(row: Row) {
        self.init(id: row.uuid("email_id"), messageID: row.uuid("message_id"), kind: MailKind(rawValue: row["kind"]) ?? .orderConfirmation,
                  eventID: row.uuid("event_id"), reservationID: row.uuid("reservation_id"),
                  refundID: (row["refund_id"] as String?).flatMap(UUID.init(text:)), recipient: row["recipient"],
                  status: MailStatus(rawValue: row["status"]) ?? .pending, attempts: row["attempts"],
                  nextAttemptAt: row.date("next_attempt_at"), createdAt: row.date("created_at"), sentAt: row.optionalDate("sent_at"),
                  lastError: row["last_error"])
    }
}
