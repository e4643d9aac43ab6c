import Foundation

/// An event's virtual waiting room as the organizer sets it, plus the admission
/// schedule derived from it.
///
/// Admission is a watermark over queue positions that rises every `admitIntervalSeconds`,
/// starting at the sale start, by as many positions as keep the total at exactly
/// `admitPerMinute` (rounded up: a batch at the start, then one whenever the rate has
/// earned another place, so 1 a minute admits one at the start and one a minute after). The watermark is a pure function
/// of time and the schedule, so every node that holds the same schedule admits the same
/// positions without asking anyone; the schedule changes only when the organizer
/// changes the rate, and then only from the next batch on.
package struct QueueSettings: Sendable, Equatable, Codable {
    /// Sized for a 50,000-seat on-sale: about 2,000 buyers a minute keeps the hold rate
    /// far below what one node commits, and admits every likely buyer (about three
    /// tickets each) within ten minutes.
    package static let defaultAdmitPerMinute = 2_000
    package static let defaultSessionMinutes = 10
    package static let defaultAdmitIntervalSeconds = 10
    /// By default the waiting room opens this long before the sale.
    package static let defaultOpenMinutesBefore = 30
    /// 0 pauses admission: the watermark stays where it is until the rate is raised.
    package static let admitPerMinuteRange = 0...1_000_000
    package static let sessionMinutesRange = 1...120
    package static let admitIntervalRange = 1...300

    package var enabled: Bool
    /// When buyers may start joining. Joiners before `saleStartsAt` are drawn into a
    /// random order among themselves.
    package var opensAt: Date
    package var admitPerMinute: Int
    package var sessionMinutes: Int
    package var admitIntervalSeconds: Int
    /// The admission schedule, oldest segment first. Derived; never set by a client.
    package var segments: [AdmissionSegment]

    package init(enabled: Bool, opensAt: Date, admitPerMinute: Int, sessionMinutes: Int, admitIntervalSeconds: Int,
                 segments: [AdmissionSegment] = []) {
        self.enabled = enabled
        self.opensAt = opensAt
        self.admitPerMinute = admitPerMinute
        self.sessionMinutes = sessionMinutes
        self.admitIntervalSeconds = admitIntervalSeconds
        self.segments = segments
    }

    /// When the first batch is admitted: the moment the sale starts.
    package var saleStartsAt: Date { segments.first?.startsAt ?? opensAt }

    package var sessionLength: TimeInterval { TimeInterval(sessionMinutes * 60) }

    /// When admission starts: the first sale, or the opening of the room if that is later.
    package static func admissionStart(opensAt: Date, firstOnSale: Date?) -> Date {
        max(firstOnSale ?? opensAt, opensAt)
    }

    /// The settings with a schedule that starts at `saleStart`, or, once admission has
    /// begun, keeps every batch already admitted and applies the current rate from the
    /// next batch on.
    package func scheduled(saleStart: Date, now: Date) -> QueueSettings {
        var settings = self
        guard let current = segments.last, let first = segments.first, first.startsAt <= now else {
            settings.segments = [AdmissionSegment(startsAt: saleStart, basePosition: 0, admitPerMinute: admitPerMinute,
                                                  intervalSeconds: admitIntervalSeconds)]
            return settings
        }
        guard current.admitPerMinute != admitPerMinute || current.intervalSeconds != admitIntervalSeconds else { return settings }
        let boundary = current.nextBatch(after: now)
        var kept = segments.filter { $0.startsAt < boundary }
        kept.append(AdmissionSegment(startsAt: boundary, basePosition: watermark(at: now), admitPerMinute: admitPerMinute,
                                     intervalSeconds: admitIntervalSeconds))
        settings.segments = kept
        return settings
    }

    /// Whether admission is paused at `date` (rate 0), so nobody more is admitted until
    /// the organizer raises the rate.
    package func admissionPaused(at date: Date) -> Bool {
        (segments.last(where: { $0.startsAt <= date }) ?? segments.first)?.admitPerMinute == 0
    }

    /// The highest position admitted by `date` (0 before the sale starts).
    package func watermark(at date: Date) -> Int {
        guard let segment = segments.last(where: { $0.startsAt <= date }) else { return 0 }
        return segment.watermark(at: date)
    }

    /// When `position` was (or will be) admitted under the current schedule; nil if the
    /// schedule is paused before reaching it.
    package func admissionTime(of position: Int) -> Date? {
        for (index, segment) in segments.enumerated() {
            let end = index + 1 < segments.count ? segments[index + 1].startsAt : Date.distantFuture
            guard let time = segment.admissionTime(of: position), time < end else { continue }
            return time
        }
        return nil
    }

    /// The highest position whose session has ended by `date`; such a buyer rejoins at the back.
    package func expiredThrough(at date: Date) -> Int {
        watermark(at: date.addingTimeInterval(-sessionLength))
    }
}

/// A stretch of the admission schedule at one rate.
package struct AdmissionSegment: Sendable, Equatable, Codable {
    package var startsAt: Date
    /// The watermark just before this segment's first batch.
    package var basePosition: Int
    package var admitPerMinute: Int
    package var intervalSeconds: Int

    package init(startsAt: Date, basePosition: Int, admitPerMinute: Int, intervalSeconds: Int) {
        self.startsAt = startsAt
        self.basePosition = basePosition
        self.admitPerMinute = admitPerMinute
        self.intervalSeconds = intervalSeconds
    }

    /// Batches admitted by `date`: the first at `startsAt`, then one per interval.
    func batches(at date: Date) -> Int {
        guard date >= startsAt else { return 0 }
        return Int((date.timeIntervalSince(startsAt) / TimeInterval(intervalSeconds)).rounded(.down)) + 1
    }

    /// Places per minute times minutes elapsed, rounded up: after k batches,
    /// ceil(k × rate × interval / 60) places.
    func watermark(at date: Date) -> Int {
        basePosition + (batches(at: date) * admitPerMinute * intervalSeconds + 59) / 60
    }

    /// The first batch k whose watermark reaches `position`: ceil(k·r·i/60) ≥ q holds
    /// from k = floor((q-1)·60 / (r·i)) + 1 on.
    func admissionTime(of position: Int) -> Date? {
        guard admitPerMinute > 0, position > basePosition else { return nil }
        let batch = (position - basePosition - 1) * 60 / (admitPerMinute * intervalSeconds)
        return startsAt.addingTimeInterval(TimeInterval(batch * intervalSeconds))
    }

    func nextBatch(after date: Date) -> Date {
        startsAt.addingTimeInterval(TimeInterval(batches(at: date) * intervalSeconds))
    }
}

/// What an organizer sends for an event's waiting room; omitted fields take defaults.
package struct QueueDraft: Sendable, Equatable {
    package var enabled: Bool
    package var opensAt: Date?
    package var admitPerMinute: Int?
    package var sessionMinutes: Int?
    package var admitIntervalSeconds: Int?

    package init(enabled: Bool, opensAt: Date? = nil, admitPerMinute: Int? = nil, sessionMinutes: Int? = nil,
                 admitIntervalSeconds: Int? = nil) {
        self.enabled = enabled
        self.opensAt = opensAt
        self.admitPerMinute = admitPerMinute
        self.sessionMinutes = sessionMinutes
        self.admitIntervalSeconds = admitIntervalSeconds
    }

    /// Checks the draft and merges it over `current` (keeping its schedule). Without
    /// `opens_at`, the room opens 30 minutes before the first sale, or now.
    package func validated(over current: QueueSettings?, firstOnSale: Date?, now: Date) throws(BookingError) -> QueueSettings {
        let rate = admitPerMinute ?? current?.admitPerMinute ?? QueueSettings.defaultAdmitPerMinute
        guard QueueSettings.admitPerMinuteRange.contains(rate) else {
            throw .invalid(field: "queue.admit_per_minute", reason: "must be between 0 (admission paused) and 1000000")
        }
        let session = sessionMinutes ?? current?.sessionMinutes ?? QueueSettings.defaultSessionMinutes
        guard QueueSettings.sessionMinutesRange.contains(session) else {
            throw .invalid(field: "queue.session_minutes", reason: "must be between 1 and 120")
        }
        let interval = admitIntervalSeconds ?? current?.admitIntervalSeconds ?? QueueSettings.defaultAdmitIntervalSeconds
        guard QueueSettings.admitIntervalRange.contains(interval) else {
            throw .invalid(field: "queue.admit_interval_seconds", reason: "must be between 1 and 300")
        }
        let defaultOpening = firstOnSale?.addingTimeInterval(-TimeInterval(QueueSettings.defaultOpenMinutesBefore * 60)) ?? now
        let opens = opensAt ?? current?.opensAt ?? defaultOpening
        return QueueSettings(enabled: enabled, opensAt: opens, admitPerMinute: rate, sessionMinutes: session,
                             admitIntervalSeconds: interval, segments: current?.segments ?? [])
    }
}
