import BoxOfficeCore
import Foundation
import PostgresNIO

extension PostgresStore {
    package func updateEventRules(_ event: Event, replacing previous: Event, at now: Date) async throws -> Bool {
        try await transaction { connection in
            guard let row = try await connection.query("""
                SELECT sale_starts_at, hold_duration_minutes, max_tickets_per_user, rules FROM events
                WHERE event_id = \(event.id.text) FOR UPDATE
                """, logger: self.logger).collect().first else { throw BookingError.eventNotFound }
            let (saleStart, holdMinutes, maxTickets, rules) = try row.decode((Int64?, Int, Int, String?).self)
            let stored = previous.withStoredRules(saleStartsAt: saleStart.map(Date.init(epochMilliseconds:)),
                                                  holdDurationMinutes: holdMinutes, maxTicketsPerUser: maxTickets, rules: rules)
            guard previous.hasSameRules(as: stored) else { return false }
            try await connection.query("""
                UPDATE events SET sale_starts_at = \(event.saleStartsAt?.epochMilliseconds),
                    hold_duration_minutes = \(event.holdDurationMinutes), max_tickets_per_user = \(event.maxTicketsPerUser),
                    rules = \(EventRulesCoding.encode(event))
                WHERE event_id = \(event.id.text)
                """, logger: self.logger)
            try await self.announceReload(of: event.id, connection)
            if let stored = try await self.eventFields(event.id, connection) {
                try await self.appendOutbox(.event(.eventUpdated, stored, at: now), connection)
            }
            return true
        }
    }

    /// Positions come from the event's `queue_state` row, locked for the transaction, so
    /// every node hands out distinct positions and sees one draw: `boxoffice_queue_join`
    /// does the whole join in the database; a single join is a batch of one.
    package func joinQueue(_ join: QueueJoin) async throws -> (entry: QueueEntry, counts: QueueCounts) {
        try await joinQueue(batch: [join])[0]
    }

    /// The joins in one call and transaction (`boxoffice_queue_join_batch`, schema v21).
    package func joinQueue(batch joins: [QueueJoin]) async throws -> [(entry: QueueEntry, counts: QueueCounts)] {
        guard let event = joins.first?.eventID, joins.allSatisfy({ $0.eventID == event }) else {
            var answers: [(entry: QueueEntry, counts: QueueCounts)] = []
            for join in joins { answers.append(try await joinQueue(join)) }
            return answers
        }
        let rows = try await self.rows("""
            SELECT idx, out_position, out_draw, out_joined_at, out_sealed, out_early, out_last, out_admit_at
            FROM boxoffice_queue_join_batch(
                \(event.text), \(joins.map(\.userID.text)), \(joins.map(\.now.epochMilliseconds)),
                \(joins.map(\.drawBoundary.epochMilliseconds)), \(joins.map(\.draw)), \(joins.map { Int32(clamping: $0.expiredThrough) }),
                \(joins.map(\.expiredIfAdmittedBefore.epochMilliseconds)), \(joins.map { Int32(clamping: $0.admittedThrough) }),
                \(joins.map { Int64(($0.spacing * 1_000).rounded(.up)) }), \(joins.map { Int64(($0.burst * 1_000).rounded(.down)) }))
            """)
        var answers = [(entry: QueueEntry, counts: QueueCounts)?](repeating: nil, count: joins.count)
        for row in rows {
            let (index, position, draw, joined, sealed, early, last, admitAt)
                = try row.decode((Int, Int?, Int64?, Int64, Bool, Int, Int, Int64?).self)
            guard (1...joins.count).contains(index) else { continue }
            answers[index - 1] = (QueueEntry(userID: joins[index - 1].userID, position: position, draw: draw,
                                             joinedAt: Date(epochMilliseconds: joined), admitAt: admitAt.map(Date.init(epochMilliseconds:))),
                                  QueueCounts(sealed: sealed, earlyCount: early, lastPosition: last))
        }
        return try answers.map { answer in
            guard let answer else { throw BookingError.eventNotFound }
            return answer
        }
    }

    package func queueState(eventID: UUID) async throws -> (queue: QueueSettings?, counts: QueueCounts)? {
        let rows = try await self.rows("""
            SELECT e.rules, q.sealed, q.early_count, q.last_position FROM events e
            LEFT JOIN queue_state q ON q.event_id = e.event_id WHERE e.event_id = \(eventID.text)
            """)
        guard let row = rows.first else { return nil }
        let (rules, sealed, early, last) = try row.decode((String?, Bool?, Int?, Int?).self)
        return (EventRulesCoding.decode(rules).queue,
                QueueCounts(sealed: sealed ?? false, earlyCount: early ?? 0, lastPosition: last ?? 0))
    }

    package func sealQueue(eventID: UUID) async throws -> QueueCounts {
        try await transaction { connection in
            let counts = try await self.lockedCounts(eventID.text, connection)
            return counts.sealed ? counts : try await self.seal(eventID.text, connection)
        }
    }

    /// Streamed row by row: half a million draws never sit in memory as rows.
    package func earlyDraws(eventID: UUID) async throws -> [Int64] {
        var draws: [Int64] = []
        let rows = try await client.query(
            "SELECT draw FROM queue_entries WHERE event_id = \(eventID.text) AND draw IS NOT NULL ORDER BY draw", logger: logger)
        for try await draw in rows.decode(Int64.self) { draws.append(draw) }
        return draws
    }

    package func claimPresaleCode(eventID: UUID, code: String, userID: UUID, at: Date) async throws -> Bool {
        let rows = try await self.rows("""
            WITH claimed AS (
                INSERT INTO presale_claims (event_id, code, user_id, claimed_at)
                VALUES (\(eventID.text), \(code), \(userID.text), \(at.epochMilliseconds))
                ON CONFLICT (event_id, code) DO NOTHING RETURNING user_id)
            SELECT user_id FROM claimed
            UNION ALL SELECT user_id FROM presale_claims WHERE event_id = \(eventID.text) AND code = \(code)
            """)
        return try rows.contains { try $0.decode(String.self) == userID.text }
    }

    // MARK: Queue rows

    private func lockedCounts(_ event: String, _ connection: PostgresConnection) async throws -> QueueCounts {
        try await connection.query("INSERT INTO queue_state (event_id) VALUES (\(event)) ON CONFLICT (event_id) DO NOTHING",
                                   logger: logger)
        let rows = try await connection.query("""
            SELECT sealed, early_count, last_position FROM queue_state WHERE event_id = \(event) FOR UPDATE
            """, logger: logger).collect()
        guard let row = rows.first else { return .empty }
        let (sealed, early, last) = try row.decode((Bool, Int, Int).self)
        return QueueCounts(sealed: sealed, earlyCount: early, lastPosition: last)
    }

    private func saveCounts(_ event: String, _ counts: QueueCounts, _ connection: PostgresConnection) async throws {
        try await connection.query("""
            UPDATE queue_state SET sealed = \(counts.sealed), early_count = \(counts.earlyCount),
                last_position = \(counts.lastPosition) WHERE event_id = \(event)
            """, logger: logger)
    }

    /// The draw: early joiners take positions 1...n in the order of their draws.
    private func seal(_ event: String, _ connection: PostgresConnection) async throws -> QueueCounts {
        try await connection.query("""
            UPDATE queue_entries q SET position = ranked.n
            FROM (SELECT user_id, row_number() OVER (ORDER BY draw) AS n FROM queue_entries
                  WHERE event_id = \(event) AND draw IS NOT NULL) AS ranked
            WHERE q.event_id = \(event) AND q.user_id = ranked.user_id
            """, logger: logger)
        var counts = try await lockedCounts(event, connection)
        counts.sealed = true
        counts.lastPosition = counts.earlyCount
        try await saveCounts(event, counts, connection)
        return counts
    }
}
