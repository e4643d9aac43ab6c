import BoxOfficeCore
import Foundation
import GRDB

extension SQLiteStore {
    package func updateEventRules(_ event: Event, replacing previous: Event, at now: Date) async throws -> Bool {
        try await queue.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT sale_starts_at, hold_duration_minutes, max_tickets_per_user, rules FROM events WHERE event_id = ?
                """, arguments: [event.id.text]) else { throw BookingError.eventNotFound }
            let stored = previous.withStoredRules(
                saleStartsAt: (row["sale_starts_at"] as Int64?).map(Date.init(epochMilliseconds:)),
                holdDurationMinutes: row["hold_duration_minutes"], maxTicketsPerUser: row["max_tickets_per_user"], rules: row["rules"])
            guard previous.hasSameRules(as: stored) else { return false }
            try db.execute(sql: """
                UPDATE events SET sale_starts_at = ?, hold_duration_minutes = ?, max_tickets_per_user = ?, rules = ?
                WHERE event_id = ?
                """, arguments: [event.saleStartsAt?.epochMilliseconds, event.holdDurationMinutes, event.maxTicketsPerUser,
                                 EventRulesCoding.encode(event), event.id.text])
            if let stored = try Self.event(id: event.id, db) { try Self.appendOutbox(.event(.eventUpdated, stored, at: now), db) }
            return true
        }
    }

    package func joinQueue(_ join: QueueJoin) async throws -> (entry: QueueEntry, counts: QueueCounts) {
        try await queue.write { db in try Self.join(join, db) }
    }

    /// The joins in one transaction (one fsync), in order.
    package func joinQueue(batch joins: [QueueJoin]) async throws -> [(entry: QueueEntry, counts: QueueCounts)] {
        try await queue.write { db in try joins.map { try Self.join($0, db) } }
    }

    private static func join(_ join: QueueJoin, _ db: Database) throws -> (entry: QueueEntry, counts: QueueCounts) {
        let event = join.eventID.text
        try db.execute(sql: "INSERT OR IGNORE INTO queue_state (event_id) VALUES (?)", arguments: [event])
        var counts = try Self.queueCounts(event, db)
        if join.now >= join.drawBoundary, !counts.sealed { counts = try Self.seal(event, db) }
        if let existing = try Self.queueEntry(event, join.userID, db) {
            guard join.hasEnded(existing) else { return (existing, counts) }
            counts.lastPosition += 1
            let admitAt = try Self.nextAdmission(event, position: counts.lastPosition, join, db)
            try db.execute(sql: """
                UPDATE queue_entries SET position = ?, draw = NULL, joined_at = ?, admit_at = ? WHERE event_id = ? AND user_id = ?
                """, arguments: [counts.lastPosition, join.now.epochMilliseconds, admitAt?.epochMilliseconds, event, join.userID.text])
            try Self.saveCounts(event, counts, db)
            return (QueueEntry(userID: join.userID, position: counts.lastPosition, draw: nil, joinedAt: join.now, admitAt: admitAt),
                    counts)
        }
        let entry: QueueEntry
        if counts.sealed {
            counts.lastPosition += 1
            entry = QueueEntry(userID: join.userID, position: counts.lastPosition, draw: nil, joinedAt: join.now,
                               admitAt: try Self.nextAdmission(event, position: counts.lastPosition, join, db))
        } else {
            counts.earlyCount += 1
            entry = QueueEntry(userID: join.userID, position: nil,
                               draw: QueueJoin.storedDraw(random: join.draw, sequence: counts.earlyCount), joinedAt: join.now)
        }
        try db.execute(sql: """
            INSERT INTO queue_entries (event_id, user_id, position, draw, joined_at, admit_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [event, join.userID.text, entry.position, entry.draw, join.now.epochMilliseconds,
                             entry.admitAt?.epochMilliseconds])
        try Self.saveCounts(event, counts, db)
        return (entry, counts)
    }

    package func queueState(eventID: UUID) async throws -> (queue: QueueSettings?, counts: QueueCounts)? {
        try await queue.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT rules FROM events WHERE event_id = ?"),
                                             arguments: [eventID.text]) else { return nil }
            return (EventRulesCoding.decode(row["rules"]).queue, try Self.queueCounts(eventID.text, db))
        }
    }

    package func sealQueue(eventID: UUID) async throws -> QueueCounts {
        try await queue.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO queue_state (event_id) VALUES (?)", arguments: [eventID.text])
            let counts = try Self.queueCounts(eventID.text, db)
            return counts.sealed ? counts : try Self.seal(eventID.text, db)
        }
    }

    package func earlyDraws(eventID: UUID) async throws -> [Int64] {
        try await queue.read { db in
            try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT draw FROM queue_entries WHERE event_id = ? AND draw IS NOT NULL ORDER BY draw
                """), arguments: [eventID.text])
        }
    }

    package func claimPresaleCode(eventID: UUID, code: String, userID: UUID, at: Date) async throws -> Bool {
        try await queue.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO presale_claims (event_id, code, user_id, claimed_at) VALUES (?, ?, ?, ?)",
                           arguments: [eventID.text, code, userID.text, at.epochMilliseconds])
            let owner = try String.fetchOne(db, sql: "SELECT user_id FROM presale_claims WHERE event_id = ? AND code = ?",
                                            arguments: [eventID.text, code])
            return owner == userID.text
        }
    }

    // MARK: Queue rows

    private static func queueCounts(_ event: String, _ db: Database) throws -> QueueCounts {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM queue_state WHERE event_id = ?"), arguments: [event])
        else { return .empty }
        return QueueCounts(sealed: row["sealed"], earlyCount: row["early_count"], lastPosition: row["last_position"])
    }

    private static func saveCounts(_ event: String, _ counts: QueueCounts, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE queue_state SET sealed = ?, early_count = ?, last_position = ? WHERE event_id = ?")
            .execute(arguments: [counts.sealed, counts.earlyCount, counts.lastPosition, event])
    }

    private static func queueEntry(_ event: String, _ userID: UUID, _ db: Database) throws -> QueueEntry? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM queue_entries WHERE event_id = ? AND user_id = ?"),
                         arguments: [event, userID.text]).map { row in
            QueueEntry(userID: userID, position: row["position"], draw: row["draw"], joinedAt: row.date("joined_at"),
                       admitAt: row.optionalDate("admit_at"))
        }
    }

    /// The earliest admission of a place taken after the sale start, if the rate clock
    /// paces it (`QueueJoin.admission`); the clock is `queue_state.last_admit_at`,
    /// advanced under the write lock.
    private static func nextAdmission(_ event: String, position: Int, _ join: QueueJoin, _ db: Database) throws -> Date? {
        let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT last_admit_at FROM queue_state WHERE event_id = ?"),
                                      arguments: [event]).map(Date.init(epochMilliseconds:))
        guard let (slot, admitAt) = join.admission(position: position, after: last) else { return nil }
        try db.cachedStatement(sql: "UPDATE queue_state SET last_admit_at = ? WHERE event_id = ?")
            .execute(arguments: [slot.epochMilliseconds, event])
        return admitAt
    }

    /// The draw: early joiners take positions 1...n in the order of their draws.
    private static func seal(_ event: String, _ db: Database) throws -> QueueCounts {
        try db.execute(sql: """
            UPDATE queue_entries SET position = ranked.n
            FROM (SELECT user_id, row_number() OVER (ORDER BY draw) AS n FROM queue_entries
                  WHERE event_id = ?1 AND draw IS NOT NULL) AS ranked
            WHERE queue_entries.event_id = ?1 AND queue_entries.user_id = ranked.user_id
            """, arguments: [event])
        var counts = try queueCounts(event, db)
        counts.sealed = true
        counts.lastPosition = counts.earlyCount
        try saveCounts(event, counts, db)
        return counts
    }
}
