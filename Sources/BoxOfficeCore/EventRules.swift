import Foundation

/// Changes an organizer makes to how an event sells (on creation, or by `PATCH`).
/// Nil fields are left as they are.
package struct EventRulesChange: Sendable, Equatable {
    package var saleStartsAt: Date?
    package var holdDurationMinutes: Int?
    package var maxTicketsPerUser: Int?
    package var queue: QueueDraft?
    package var presales: [PresaleWindow]?
    package var refundPolicy: RefundPolicy?

    package init(saleStartsAt: Date? = nil, holdDurationMinutes: Int? = nil, maxTicketsPerUser: Int? = nil,
                 queue: QueueDraft? = nil, presales: [PresaleWindow]? = nil, refundPolicy: RefundPolicy? = nil) {
        self.saleStartsAt = saleStartsAt
        self.holdDurationMinutes = holdDurationMinutes
        self.maxTicketsPerUser = maxTicketsPerUser
        self.queue = queue
        self.presales = presales
        self.refundPolicy = refundPolicy
    }
}

extension Event {
    /// The event with `change` checked and applied at `now`. The admission schedule is
    /// replanned so that batches already admitted stay admitted.
    package func applying(_ change: EventRulesChange, now: Date) throws(BookingError) -> Event {
        var event = self
        if let saleStartsAt = change.saleStartsAt {
            guard saleStartsAt <= startsAt else { throw .invalid(field: "sale_starts_at", reason: "must not be after starts_at") }
            event.saleStartsAt = saleStartsAt
        }
        if let minutes = change.holdDurationMinutes {
            guard EventDraft.holdMinutesRange.contains(minutes) else {
                throw .invalid(field: "hold_duration_minutes", reason: "must be between 1 and 15")
            }
            event.holdDurationMinutes = minutes
        }
        if let limit = change.maxTicketsPerUser {
            guard EventDraft.maxTicketsPerUserRange.contains(limit) else {
                throw .invalid(field: "max_tickets_per_user", reason: "must be between 1 and 100")
            }
            event.maxTicketsPerUser = limit
        }
        event.presales = try Self.validated(change.presales ?? presales, event: event)
        if let policy = change.refundPolicy { event.refundPolicy = try policy.validated() }
        let firstOnSale = event.saleAccess.firstOnSale
        if let draft = change.queue {
            event.queue = try draft.validated(over: queue, firstOnSale: firstOnSale, now: now)
        }
        if let settings = event.queue {
            let start = QueueSettings.admissionStart(opensAt: settings.opensAt, firstOnSale: firstOnSale)
            event.queue = settings.scheduled(saleStart: max(start, now), now: now)
        }
        return event
    }

    private static func validated(_ windows: [PresaleWindow], event: Event) throws(BookingError) -> [PresaleWindow] {
        guard windows.count <= 50 else { throw .invalid(field: "presales", reason: "at most 50 windows") }
        var checked: [PresaleWindow] = []
        var names = Set<String>()
        for (index, window) in windows.enumerated() {
            let valid = try window.validated(index: index, eventLimit: event.maxTicketsPerUser)
            guard names.insert(valid.name.lowercased()).inserted else {
                throw .invalid(field: "presales[\(index)].name", reason: "window names must be unique within an event")
            }
            guard valid.startsAt < event.startsAt else {
                throw .invalid(field: "presales[\(index)].starts_at", reason: "must be before the event starts")
            }
            checked.append(valid)
        }
        let restricted = checked.contains { $0.kind != .general }
        if restricted, event.saleStartsAt == nil, !checked.contains(where: { $0.kind == .general }) {
            throw .invalid(field: "sale_starts_at",
                           reason: "is required with presale windows (or add a general window), else everyone may buy at once")
        }
        return checked
    }
}

/// The stored form of an event's queue and presale windows: one JSON document in the
/// `events.rules` column of either engine.
package enum EventRulesCoding {
    private struct Document: Codable {
        var queue: QueueSettings?
        var presales: [PresaleWindow]
        /// Absent in documents written before refunds existed.
        var refundPolicy: RefundPolicy?
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()

    /// The document for an event, or nil when it has neither queue nor windows.
    package static func encode(_ event: Event) -> String? {
        guard event.queue != nil || !event.presales.isEmpty || event.refundPolicy != .none else { return nil }
        let document = Document(queue: event.queue, presales: event.presales,
                                refundPolicy: event.refundPolicy == .none ? nil : event.refundPolicy)
        let data = (try? encoder.encode(document)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads the stored document into the event.
    package static func apply(_ text: String?, to event: inout Event) {
        let rules = decode(text)
        event.queue = rules.queue
        event.presales = rules.presales
        event.refundPolicy = rules.refundPolicy
    }

    /// The stored document's queue, windows and refund policy (none for no document).
    package static func decode(_ text: String?) -> (queue: QueueSettings?, presales: [PresaleWindow], refundPolicy: RefundPolicy) {
        guard let text, let document = try? decoder.decode(Document.self, from: Data(text.utf8)) else { return (nil, [], .none) }
        return (document.queue, document.presales, document.refundPolicy ?? .none)
    }
}

extension Event {
    /// Whether `stored` (this event with the sale rules as they are stored now) still
    /// has the same rules; the compare half of `Store.updateEventRules(_:replacing:)`.
    /// Both sides come from the same stored text, decoded the same way.
    package func hasSameRules(as stored: Event) -> Bool {
        saleStartsAt?.epochMilliseconds == stored.saleStartsAt?.epochMilliseconds
            && holdDurationMinutes == stored.holdDurationMinutes && maxTicketsPerUser == stored.maxTicketsPerUser
            && queue == stored.queue && presales == stored.presales && refundPolicy == stored.refundPolicy
    }

    /// This event with the sale rules of a stored row.
    package func withStoredRules(saleStartsAt: Date?, holdDurationMinutes: Int, maxTicketsPerUser: Int, rules: String?) -> Event {
        var stored = self
        stored.saleStartsAt = saleStartsAt
        stored.holdDurationMinutes = holdDurationMinutes
        stored.maxTicketsPerUser = maxTicketsPerUser
        EventRulesCoding.apply(rules, to: &stored)
        return stored
    }
}
