import BoxOfficeCore
import Foundation
import PostgresNIO

extension PostgresStore {
    package func updateEventRules(_ event: Event) async throws {
        try await transaction { connection in
            try await connection.query("""
                UPDATE events SET sale_starts_at = \(event.saleStartsAt?.epochMilliseconds),
                    hold_duration_minutes = \(event.holdDurationMinutes), max_tickets_per_user = \(event.maxTicketsPerUser),
                    rules = \(EventRulesCoding.encode(event))
                WHERE event_id = \(event.id.text)
                """, logger: self.logger)
            try await self.announceChange(of: event.id, connection)
        }
    }

    /// Positions come from the event's `queue_state` row, locked for the transaction, so
    /// every node hands out distinct positions and sees one draw.
    package func joinQueue(_ join: QueueJoin) async throws -> (entry: QueueEntry, counts: QueueCounts) {
        try await transaction { connection in
            let event = join.eventID.text
            var counts = try await self.lockedCounts(event, connection)
            if join.now >= join.drawBoundary, !counts.sealed { counts = try await self.seal(event, connection) }
            if let existing = try await self.queueEntry(event, join.userID, connection) {
                guard let position = existing.position, position <= join.expiredThrough else { return (existing, counts) }
                counts.lastPosition += 1
                try await connection.query("""
                    UPDATE queue_entries SET position = \(counts.lastPosition), draw = NULL, joined_at = \(join.now.epochMilliseconds)
                    WHERE event_id = \(event) AND user_id = \(join.userID.text)
                    """, logger: self.logger)
                try await self.saveCounts(event, counts, connection)
                return (QueueEntry(userID: join.userID, position: counts.lastPosition, draw: nil, joinedAt: join.now), counts)
            }
            let entry: QueueEntry
            if counts.sealed {
                counts.lastPosition += 1
                entry = QueueEntry(userID: join.userID, position: counts.lastPosition, draw: nil, joinedAt: join.now)
            } else {
                counts.earlyCount += 1
                entry = QueueEntry(userID: join.userID, position: nil,
                                   draw: QueueJoin.storedDraw(random: join.draw, sequence: counts.earlyCount), joinedAt: join.now)
            }
            try await connection.query("""
                INSERT INTO queue_entries (event_id, user_id, position, draw, joined_at)
                VALUES (\(event), \(join.userID.text), \(entry.position), \(entry.draw), \(join.now.epochMilliseconds))
                """, logger: self.logger)
            try await self.saveCounts(event, counts, connection)
            return (entry, counts)
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

    package func earlyDraws(eventID: UUID) async throws -> [Int64] {
        try await rows("SELECT draw FROM queue_entries WHERE event_id = \(eventID.text) AND draw IS NOT NULL ORDER BY draw")
            .map { try $0.decode(Int64.self) }
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

    private func queueEntry(_ event: String, _ userID: UUID, _ connection: PostgresConnection) async throws -> QueueEntry? {
        let rows = try await connection.query("""
            SELECT position, draw, joined_at FROM queue_entries WHERE event_id = \(event) AND user_id = \(userID.text)
            """, logger: logger).collect()
        guard let row = rows.first else { return nil }
        let (position, draw, joined) = try row.decode((Int?, Int64?, Int64).self)
        return QueueEntry(userID: userID, position: position, draw: draw, joinedAt: Date(epochMilliseconds: joined))
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
