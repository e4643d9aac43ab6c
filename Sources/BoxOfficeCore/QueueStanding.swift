import Foundation

/// A buyer asking for a place in an event's queue, as the store applies it.
package struct QueueJoin: Sendable, Equatable {
    package static let drawBits = 41
    package static let sequenceBits = 22

    package var eventID: UUID
    package var userID: UUID
    package var now: Date
    /// Joiners before this instant (the sale start) are drawn into a random order.
    package var drawBoundary: Date
    /// A uniformly random number below 2^41; the store appends a sequence number so
    /// that no two draws of one event are equal.
    package var draw: Int64
    /// Positions at or below this were admitted by the schedule a whole session ago.
    package var expiredThrough: Int
    /// A session starts at the later of the scheduled admission and the place's own
    /// earliest admission (`QueueEntry.admitAt`), so a place has ended only if that was
    /// also before this (`now` minus a session): such a buyer goes to the back.
    package var expiredIfAdmittedBefore: Date
    /// The highest position the schedule has admitted by `now`. The schedule rises whether
    /// or not anyone waits, so after a quiet spell it runs ahead of the queue, and a crowd
    /// that then comes would all find their places already admitted. Such places (and those
    /// taken while that crowd is still being let in) are paced by a rate clock instead
    /// (`admission(position:after:)`).
    package var admittedThrough: Int
    /// The time between two admissions at the current rate (0 while admission is paused).
    package var spacing: TimeInterval
    /// How far ahead of the rate clock a place may go in: one batch interval, so a batch's
    /// worth of buyers who come together go in at once, as the schedule's batches do.
    package var burst: TimeInterval

    package init(eventID: UUID, userID: UUID, now: Date, drawBoundary: Date, draw: Int64, expiredThrough: Int,
                 expiredIfAdmittedBefore: Date, admittedThrough: Int = 0, spacing: TimeInterval = 0, burst: TimeInterval = 0) {
        self.eventID = eventID
        self.userID = userID
        self.now = now
        self.drawBoundary = drawBoundary
        self.draw = draw
        self.expiredThrough = expiredThrough
        self.expiredIfAdmittedBefore = expiredIfAdmittedBefore
        self.admittedThrough = admittedThrough
        self.spacing = spacing
        self.burst = burst
    }

    /// Whether `entry`, this buyer's place, has had its whole session: then they go to the back.
    package func hasEnded(_ entry: QueueEntry) -> Bool {
        guard let position = entry.position else { return false }
        return position <= expiredThrough && (entry.admitAt ?? .distantPast) <= expiredIfAdmittedBefore
    }

    /// The earliest admission of `position`, taken now, given the rate clock `last` (the
    /// previous paced place's slot). Nil when the schedule paces it: the schedule has not
    /// reached it and the clock is not running ahead of now by more than the burst. Else
    /// the new slot (one spacing on, never in the past) and the place's earliest admission
    /// (the slot less the burst, never before now). A place the schedule does pace still
    /// follows a rate change; a paced one keeps the rate it was given.
    package func admission(position: Int, after last: Date?) -> (slot: Date, admitAt: Date)? {
        let next = last.map { $0.addingTimeInterval(spacing) } ?? now
        guard position <= admittedThrough || next.addingTimeInterval(-burst) > now else { return nil }
        let slot = max(now, next)
        return (slot, max(now, slot.addingTimeInterval(-burst)))
    }

    /// A fresh random draw.
    package static func randomDraw() -> Int64 { Int64.random(in: 0..<(1 << drawBits)) }

    /// The stored draw: the random part above a per-event sequence number.
    package static func storedDraw(random: Int64, sequence: Int) -> Int64 {
        (random << sequenceBits) | Int64(sequence & ((1 << sequenceBits) - 1))
    }
}

/// Where an event's queue stands in the database.
package struct QueueCounts: Sendable, Equatable {
    /// Whether the early joiners have been drawn into their final order.
    package var sealed: Bool
    /// How many joined before the sale start.
    package var earlyCount: Int
    /// The highest position handed out so far (0 before the draw).
    package var lastPosition: Int

    package init(sealed: Bool, earlyCount: Int, lastPosition: Int) {
        self.sealed = sealed
        self.earlyCount = earlyCount
        self.lastPosition = lastPosition
    }

    package static let empty = QueueCounts(sealed: false, earlyCount: 0, lastPosition: 0)

    /// Everyone who holds a place.
    package var joined: Int { sealed ? lastPosition : earlyCount }
}

/// One buyer's place.
package struct QueueEntry: Sendable, Equatable {
    package var userID: UUID
    /// Nil for an early joiner until the draw.
    package var position: Int?
    /// The stored draw of an early joiner.
    package var draw: Int64?
    package var joinedAt: Date
    /// For a place the rate clock paces (`QueueJoin.admission`): the earliest it may be
    /// admitted. Nil when the schedule alone admits it (early joiners, and places taken
    /// while the schedule had not reached them).
    package var admitAt: Date?

    package init(userID: UUID, position: Int?, draw: Int64?, joinedAt: Date, admitAt: Date? = nil) {
        self.userID = userID
        self.position = position
        self.draw = draw
        self.joinedAt = joinedAt
        self.admitAt = admitAt
    }

    /// The place an early joiner's draw is expected to give among `earlyCount` joiners.
    package static func provisionalPosition(draw: Int64, earlyCount: Int) -> Int {
        let fraction = Double(draw >> QueueJoin.sequenceBits) / Double(Int64(1) << QueueJoin.drawBits)
        return min(max(1, Int((fraction * Double(earlyCount)).rounded(.up))), max(1, earlyCount))
    }
}

/// What a buyer in the queue is told.
package struct QueueStanding: Sendable, Equatable {
    package enum State: String, Sendable {
        case waiting, admitted, expired
    }

    package var state: State
    package var position: Int
    /// Buyers ahead who have not been admitted yet.
    package var ahead: Int
    /// Seconds until admission at the current rate; 0 when admitted, and 0 while
    /// admission is paused (`admissionPaused` says so: no estimate exists then).
    package var estimatedWaitSeconds: Int
    /// Admission is paused (rate 0) and this buyer is still waiting.
    package var admissionPaused = false
    /// Whether the position is final (false for an early joiner before the draw).
    package var positionFinal: Bool
    /// When the buyer's admission (was or will be) granted, and when it ends.
    package var admittedAt: Date?
    package var sessionEndsAt: Date?

    package init(state: State, position: Int, ahead: Int, estimatedWaitSeconds: Int, positionFinal: Bool,
                 admittedAt: Date? = nil, sessionEndsAt: Date? = nil) {
        self.state = state
        self.position = position
        self.ahead = ahead
        self.estimatedWaitSeconds = estimatedWaitSeconds
        self.positionFinal = positionFinal
        self.admittedAt = admittedAt
        self.sessionEndsAt = sessionEndsAt
    }
}

extension QueueSettings {
    /// The standing of a final `position` whose earliest admission is `admitAt`, at
    /// `now`. The schedule admits positions as time passes, whether or not anyone holds
    /// them yet, so a buyer who comes after the schedule reached their position is
    /// admitted at their own `admitAt` (when they joined, or at the rate behind those
    /// who came just before them), and their session runs from then.
    package func standing(position: Int, admitAt: Date?, now: Date) -> QueueStanding {
        let watermark = watermark(at: now)
        let admission = admissionTime(of: position).map { scheduled in admitAt.map { max(scheduled, $0) } ?? scheduled }
        if let admission, admission <= now {
            let ends = admission.addingTimeInterval(sessionLength)
            return QueueStanding(state: now < ends ? .admitted : .expired, position: position, ahead: 0,
                                 estimatedWaitSeconds: 0, positionFinal: true, admittedAt: admission, sessionEndsAt: ends)
        }
        let wait = admission.map { max(0, $0.timeIntervalSince(now)) } ?? 0
        // Past the schedule but behind others who came just before: as many ahead as the
        // rate admits in the wait.
        let ahead = position <= watermark ? Int((wait * Double(admitPerMinute) / 60).rounded(.up)) : position - 1 - watermark
        var standing = QueueStanding(state: .waiting, position: position, ahead: max(0, ahead),
                                     estimatedWaitSeconds: Int(wait.rounded(.up)), positionFinal: true)
        standing.admissionPaused = admission == nil && admissionPaused(at: now)
        return standing
    }

    /// The standing of an early joiner before the draw: waiting, with the expected place.
    package func provisionalStanding(position: Int, now: Date) -> QueueStanding {
        let admission = admissionTime(of: position) ?? saleStartsAt
        var standing = QueueStanding(state: .waiting, position: position, ahead: position - 1,
                                     estimatedWaitSeconds: Int(max(0, admission.timeIntervalSince(now)).rounded(.up)), positionFinal: false)
        standing.admissionPaused = admissionTime(of: position) == nil && admissionPaused(at: max(now, saleStartsAt))
        return standing
    }
}
