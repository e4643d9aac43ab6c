import BoxOfficeCore
import Foundation
import PostgresNIO

extension PostgresStore {
    // The dispatcher's bookkeeping: relaxed like the webhooks' (losing a mark to a crash
    // sends an email again, which a reader de-duplicates by its Message-ID).

    package func addEmails(_ emails: [EmailDelivery]) async throws {
        guard !emails.isEmpty else { return }
        // "No refund" travels as '' in the typed array.
        _ = try await relaxed("""
            INSERT INTO email_deliveries (email_id, message_id, kind, event_id, reservation_id, refund_id, recipient, status,
                attempts, next_attempt_at, created_at)
            SELECT i, m, k, e, r, NULLIF(f, ''), t, s, 0, a, c FROM UNNEST(
                \(emails.map(\.id.text))::text[], \(emails.map(\.messageID.text))::text[], \(emails.map(\.kind.rawValue))::text[],
                \(emails.map(\.eventID.text))::text[], \(emails.map(\.reservationID.text))::text[],
                \(emails.map { $0.refundID?.text ?? "" })::text[], \(emails.map(\.recipient))::text[], \(emails.map(\.status.rawValue))::text[],
                \(emails.map(\.nextAttemptAt.epochMilliseconds))::int8[], \(emails.map(\.createdAt.epochMilliseconds))::int8[])
                WITH ORDINALITY AS x(i, m, k, e, r, f, t, s, a, c, n)
            ORDER BY n
            ON CONFLICT (message_id, kind, reservation_id) DO NOTHING
            """)
    }

    package func pendingEmails(dueBy now: Date, limit: Int) async throws -> [EmailDelivery] {
        try await rows("""
            SELECT * FROM email_deliveries WHERE status = 'PENDING' AND next_attempt_at <= \(now.epochMilliseconds)
            ORDER BY next_attempt_at, email_id LIMIT \(limit)
            """).map(EmailDelivery.init(postgres:))
    }

    package func recordEmailResults(_ results: [EmailResult]) async throws {
        guard !results.isEmpty else { return }
        // "No next attempt" and "no error" travel as -1 and '' in the typed arrays.
        _ = try await relaxed("""
            UPDATE email_deliveries d SET status = x.s, attempts = d.attempts + 1,
                next_attempt_at = CASE WHEN x.a >= 0 THEN x.a ELSE d.next_attempt_at END,
                sent_at = CASE WHEN x.s = 'SENT' THEN x.at ELSE NULL END, last_error = NULLIF(x.e, '')
            FROM UNNEST(\(results.map(\.emailID.text))::text[], \(results.map(\.status.rawValue))::text[],
                \(results.map { $0.nextAttemptAt?.epochMilliseconds ?? -1 })::int8[], \(results.map(\.attemptedAt.epochMilliseconds))::int8[],
                \(results.map { $0.error ?? "" })::text[]) AS x(id, s, a, at, e)
            WHERE d.email_id = x.id
            """)
    }

    package func emails(reservationID: UUID) async throws -> [EmailDelivery] {
        try await rows("SELECT * FROM email_deliveries WHERE reservation_id = \(reservationID.text) ORDER BY created_at, email_id")
            .map(EmailDelivery.init(postgres:))
    }

    package func emailBacklog() async throws -> (count: Int, oldest: Date?) {
        guard let row = try await rows("SELECT COUNT(*)::int8, MIN(created_at) FROM email_deliveries WHERE status = 'PENDING'").first
        else { return (0, nil) }
        let (count, oldest) = try row.decode((Int, Int64?).self)
        return (count, oldest.map(Date.init(epochMilliseconds:)))
    }

    package func pruneEmails(before: Date) async throws -> Int {
        try await rows("""
            WITH gone AS (DELETE FROM email_deliveries WHERE status <> 'PENDING' AND created_at < \(before.epochMilliseconds) RETURNING 1)
            SELECT COUNT(*)::int8 FROM gone
            """).first?.decode(Int.self) ?? 0
    }
}

extension EmailDelivery {
    init(postgres row: PostgresRow) {
        let c = PostgresColumns(row)
        self.init(id: c.uuid("email_id"), messageID: c.uuid("message_id"), kind: MailKind(rawValue: c.string("kind")) ?? .orderConfirmation,
                  eventID: c.uuid("event_id"), reservationID: c.uuid("reservation_id"), refundID: c.optionalUUID("refund_id"),
                  recipient: c.string("recipient"), status: MailStatus(rawValue: c.string("status")) ?? .pending,
                  attempts: c.int("attempts"), nextAttemptAt: c.date("next_attempt_at"), createdAt: c.date("created_at"),
                  sentAt: c.optionalDate("sent_at"), lastError: c.optionalString("last_error"))
    }
}
