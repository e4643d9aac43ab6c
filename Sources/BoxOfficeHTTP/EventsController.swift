import BoxOfficeApp
import BoxOfficeCore
import Foundation
import Hummingbird

/// Browsing, creating events, and the seat map.
struct EventsController {
    struct SalesView: Encodable {
        struct SectionLine: Encodable {
            var sectionId: String
            var name: String
            var ticketsSold: Int
            var ticketsRefunded: Int
            var grossCents: Int
            var refundedCents: Int
        }

        var eventId: String
        var currency: String
        var grossCents: Int
        var refundsCents: Int
        var feesKeptCents: Int
        var netCents: Int
        var ordersConfirmed: Int
        var ticketsSold: Int
        var ticketsRefunded: Int
        var refunds: RefundSummaryView
        var sections: [SectionLine]

        init(_ report: SalesReport) {
            eventId = report.eventID.text
            currency = report.currency
            grossCents = report.grossCents
            refundsCents = report.refundsCents
            feesKeptCents = report.feesKeptCents
            netCents = report.netCents
            ordersConfirmed = report.ordersConfirmed
            ticketsSold = report.sections.reduce(0) { $0 + $1.ticketsSold }
            ticketsRefunded = report.sections.reduce(0) { $0 + $1.ticketsRefunded }
            refunds = RefundSummaryView(report.refunds)
            sections = report.sections.map {
                SectionLine(sectionId: $0.sectionID.text, name: $0.name, ticketsSold: $0.ticketsSold, ticketsRefunded: $0.ticketsRefunded,
                            grossCents: $0.grossCents, refundedCents: $0.refundedCents)
            }
        }
    }

    struct VenueBody: Codable, RequestBody {
        var name: String
        var city: String
        /// An IANA zone ("Europe/Berlin"); UTC when left out.
        var timeZone: String?

        enum CodingKeys: CodingKey, CaseIterable { case name, city, timeZone }

        var venue: Venue { Venue(name: name, city: city, timeZone: timeZone ?? Venue.defaultTimeZone) }
    }

    struct RowBody: RequestBody {
        var label: String
        var seats: Int

        enum CodingKeys: CodingKey, CaseIterable { case label, seats }
    }

    struct SectionBody: RequestBody {
        var name: String
        var priceCents: Int
        var kind: SectionKind?
        var rows: [RowBody]?
        var capacity: Int?

        enum CodingKeys: CodingKey, CaseIterable { case name, priceCents, kind, rows, capacity }
        static var nestedBodies: [String: any RequestBody.Type] { ["rows": RowBody.self] }
    }

    struct QueueBody: RequestBody {
        var enabled: Bool
        var opensAt: Date?
        var admitPerMinute: Int?
        var sessionMinutes: Int?
        var admitIntervalSeconds: Int?

        enum CodingKeys: CodingKey, CaseIterable { case enabled, opensAt, admitPerMinute, sessionMinutes, admitIntervalSeconds }

        var draft: QueueDraft {
            QueueDraft(enabled: enabled, opensAt: opensAt, admitPerMinute: admitPerMinute, sessionMinutes: sessionMinutes,
                       admitIntervalSeconds: admitIntervalSeconds)
        }
    }

    /// `refund_policy`: the whole policy; fields left out take their defaults.
    struct RefundPolicyBody: RequestBody {
        var allowed: Bool
        var untilHoursBeforeStart: Int?
        var feePercent: Double?
        var feeFixedCents: Int?

        enum CodingKeys: CodingKey, CaseIterable { case allowed, untilHoursBeforeStart, feePercent, feeFixedCents }

        var policy: RefundPolicy {
            RefundPolicy(allowed: allowed, untilHoursBeforeStart: untilHoursBeforeStart ?? 0, feePercent: feePercent ?? 0,
                         feeFixedCents: feeFixedCents ?? 0)
        }
    }

    struct RefundPolicyView: Encodable {
        var allowed: Bool
        var untilHoursBeforeStart: Int
        var feePercent: Double
        var feeFixedCents: Int
        /// When buyers' refunds close; nil when they are not allowed.
        var deadline: Date?

        init(_ event: Event) {
            let policy = event.refundPolicy
            allowed = policy.allowed
            untilHoursBeforeStart = policy.untilHoursBeforeStart
            feePercent = policy.feePercent
            feeFixedCents = policy.feeFixedCents
            deadline = policy.allowed ? policy.deadline(eventStartsAt: event.startsAt) : nil
        }
    }

    struct RefundSummaryView: Encodable {
        var total: Int
        var succeeded: Int
        var failed: Int
        var pending: Int

        init(_ summary: RefundSummary) {
            total = summary.total
            succeeded = summary.succeeded
            failed = summary.failed
            pending = summary.pending
        }
    }

    struct CancelEvent: RequestBody {
        var reason: String?

        enum CodingKeys: CodingKey, CaseIterable { case reason }
    }

    struct PresaleBody: RequestBody {
        var name: String
        var startsAt: Date
        var endsAt: Date
        var kind: PresaleKind
        var codes: [String]?
        var emails: [String]?
        var maxTicketsPerUser: Int?
        var singleUse: Bool?

        enum CodingKeys: CodingKey, CaseIterable {
            case name, startsAt, endsAt, kind, codes, emails, maxTicketsPerUser, singleUse
        }

        var window: PresaleWindow {
            PresaleWindow(name: name, startsAt: startsAt, endsAt: endsAt, kind: kind, codes: codes ?? [], emails: emails ?? [],
                          maxTicketsPerUser: maxTicketsPerUser, singleUse: singleUse ?? false)
        }
    }

    /// `PATCH /events/{id}`: only the fields sent change.
    struct UpdateEvent: RequestBody {
        var saleStartsAt: Date?
        var holdDurationMinutes: Int?
        var maxTicketsPerUser: Int?
        var queue: QueueBody?
        var presales: [PresaleBody]?
        var refundPolicy: RefundPolicyBody?

        enum CodingKeys: CodingKey, CaseIterable {
            case saleStartsAt, holdDurationMinutes, maxTicketsPerUser, queue, presales, refundPolicy
        }
        static var nestedBodies: [String: any RequestBody.Type] {
            ["queue": QueueBody.self, "presales": PresaleBody.self, "refund_policy": RefundPolicyBody.self]
        }

        /// An event's field that PATCH cannot change is refused with what it can change (an
        /// organizer sending `title` must not read 200 and think it changed).
        static func refusal(ofUnknownField field: String) -> String {
            guard CreateEvent.fieldNames.contains(field) else { return unknownFieldReason }
            return "cannot be changed here; PATCH changes \(fieldNames.joined(separator: ", "))"
        }

        var change: EventRulesChange {
            EventRulesChange(saleStartsAt: saleStartsAt, holdDurationMinutes: holdDurationMinutes,
                             maxTicketsPerUser: maxTicketsPerUser, queue: queue?.draft, presales: presales?.map(\.window),
                             refundPolicy: refundPolicy?.policy)
        }
    }

    struct CreateEvent: RequestBody {
        var title: String
        var artist: String
        var category: String
        var venue: VenueBody
        var startsAt: Date
        var saleStartsAt: Date?
        var holdDurationMinutes: Int?
        var maxTicketsPerUser: Int?
        var sections: [SectionBody]
        var queue: QueueBody?
        var presales: [PresaleBody]?
        var currency: String?
        var refundPolicy: RefundPolicyBody?

        enum CodingKeys: CodingKey, CaseIterable {
            case title, artist, category, venue, startsAt, saleStartsAt, holdDurationMinutes, maxTicketsPerUser, sections, queue, presales
            case currency, refundPolicy
        }
        static var nestedBodies: [String: any RequestBody.Type] {
            ["venue": VenueBody.self, "sections": SectionBody.self, "queue": QueueBody.self, "presales": PresaleBody.self,
             "refund_policy": RefundPolicyBody.self]
        }

        var draft: EventDraft {
            EventDraft(
                title: title, artist: artist, category: category, venue: venue.venue,
                startsAt: startsAt, saleStartsAt: saleStartsAt, holdDurationMinutes: holdDurationMinutes,
                maxTicketsPerUser: maxTicketsPerUser,
                sections: sections.map { section in
                    SectionDraft(name: section.name, kind: section.kind ?? (section.rows == nil ? .generalAdmission : .seated),
                                 priceCents: section.priceCents,
                                 rows: (section.rows ?? []).map { RowPlan(label: $0.label, seats: $0.seats) },
                                 capacity: section.capacity)
                },
                queue: queue?.draft, presales: (presales ?? []).map(\.window), currency: currency, refundPolicy: refundPolicy?.policy)
        }
    }

    struct SectionView: Encodable {
        var sectionId: String
        var name: String
        var kind: String
        var priceCents: Int
        var capacity: Int
        var availableCount: Int
        var soldCount: Int
    }

    struct QueueView: Encodable {
        var enabled: Bool
        var opensAt: Date
        var admitPerMinute: Int
        var sessionMinutes: Int
        var admitIntervalSeconds: Int
        /// When the first batch is admitted; joiners before it are drawn into a random order.
        var admissionStartsAt: Date
        var joinUrl: String

        init(_ queue: QueueSettings, eventID: UUID) {
            enabled = queue.enabled
            opensAt = queue.opensAt
            admitPerMinute = queue.admitPerMinute
            sessionMinutes = queue.sessionMinutes
            admitIntervalSeconds = queue.admitIntervalSeconds
            admissionStartsAt = queue.saleStartsAt
            joinUrl = "/api/v1/events/\(eventID.text)/queue"
        }
    }

    /// A window as buyers see it: never its codes or emails, only how many there are.
    struct PresaleView: Encodable {
        var name: String
        var startsAt: Date
        var endsAt: Date
        var kind: String
        var maxTicketsPerUser: Int?
        var singleUse: Bool
        var codeCount: Int
        var emailCount: Int
        var open: Bool

        init(_ window: PresaleWindow, now: Date) {
            name = window.name
            startsAt = window.startsAt
            endsAt = window.endsAt
            kind = window.kind.rawValue
            maxTicketsPerUser = window.maxTicketsPerUser
            singleUse = window.singleUse
            codeCount = window.codes.count
            emailCount = window.emails.count
            open = window.isOpen(at: now)
        }
    }

    struct EventView: Encodable {
        var eventId: String
        var title: String
        var artist: String
        var category: String
        var venue: VenueBody
        var startsAt: Date
        var saleStartsAt: Date?
        var status: String
        var holdDurationMinutes: Int
        var maxTicketsPerUser: Int
        var sections: [SectionView]
        var totalCapacity: Int
        var totalAvailable: Int
        var minPriceCents: Int?
        var queue: QueueView?
        var presales: [PresaleView]
        var currency: String
        var refundPolicy: RefundPolicyView
        var cancelledAt: Date?
        var cancellationReason: String?
        /// A cancelled event's refunds by status (the GET of one event only).
        var refunds: RefundSummaryView?

        init(_ listing: EventListing, now: Date) {
            let event = listing.event
            eventId = event.id.text
            currency = event.currency
            refundPolicy = RefundPolicyView(event)
            cancelledAt = event.cancelledAt
            cancellationReason = event.cancellationReason
            title = event.title
            artist = event.artist
            category = event.category
            venue = VenueBody(name: event.venue.name, city: event.venue.city, timeZone: event.venue.timeZone)
            startsAt = event.startsAt
            saleStartsAt = event.saleStartsAt
            let access = event.saleAccess
            status = if event.isCancelled {
                "CANCELLED"
            } else if now >= event.startsAt {
                "SALES_CLOSED"
            } else if access.generalSaleOpen(at: now) {
                "ON_SALE"
            } else if access.presales.contains(where: { $0.isOpen(at: now) }) {
                "PRESALE"
            } else {
                "SCHEDULED"
            }
            queue = event.queue.map { QueueView($0, eventID: event.id) }
            presales = event.presales.map { PresaleView($0, now: now) }
            holdDurationMinutes = event.holdDurationMinutes
            maxTicketsPerUser = event.maxTicketsPerUser
            sections = event.sections.map {
                SectionView(sectionId: $0.id.text, name: $0.name, kind: $0.kind.rawValue, priceCents: $0.priceCents,
                            capacity: $0.capacity, availableCount: listing.available[$0.id] ?? 0, soldCount: listing.sold[$0.id] ?? 0)
            }
            totalCapacity = event.sections.reduce(0) { $0 + $1.capacity }
            totalAvailable = sections.reduce(0) { $0 + $1.availableCount }
            minPriceCents = event.sections.map(\.priceCents).min()
        }
    }

    struct EventPage: Encodable {
        var events: [EventView]
        var nextCursor: String?

        enum CodingKeys: String, CodingKey { case events, nextCursor }

        /// `next_cursor` is always present: null on the last page.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(events, forKey: .events)
            try container.encode(nextCursor, forKey: .nextCursor)
        }
    }

    let catalog: CatalogService
    let booking: BookingService
    let refunds: RefundService
    let sales: SalesService
    let clock: any BookingClock
    let seatMapBodies = SeatMapBodyCache()

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get { request, _ in try await browse(request) }
        group.post { request, context in
            let viewer = try context.requireViewer()
            // Refused before the body is read: a buyer hears 403, whatever they sent.
            try catalog.authorizeCreating(by: viewer)
            let body = try await JSONRequest.decode(CreateEvent.self, from: request, context: context)
            let event = try await catalog.create(body.draft, by: viewer)
            let listing = try await catalog.listing(eventID: event.id)
            return JSONResponse.make(EventView(listing, now: clock.now()), status: .created)
        }
        group.patch(":event_id") { request, context in
            let viewer = try context.requireViewer()
            let id = try context.eventID()
            let body = try await JSONRequest.decode(UpdateEvent.self, from: request, context: context)
            _ = try await catalog.update(eventID: id, body.change, by: viewer)
            return JSONResponse.make(EventView(try await catalog.listing(eventID: id), now: clock.now()))
        }
        group.get(":event_id") { _, context in
            let listing = try await catalog.listing(eventID: try context.eventID())
            var view = EventView(listing, now: clock.now())
            if listing.event.isCancelled { view.refunds = RefundSummaryView(try await refunds.summary(eventID: listing.event.id)) }
            return JSONResponse.make(view)
        }
        group.post(":event_id/cancel") { request, context in
            let viewer = try context.requireViewer()
            let id = try context.eventID()
            let body = try await JSONRequest.decode(CancelEvent.self, from: request, context: context, ifEmpty: CancelEvent())
            let event = try await catalog.cancel(eventID: id, reason: body.reason, by: viewer)
            var view = EventView(try await catalog.listing(eventID: event.id), now: clock.now())
            view.refunds = RefundSummaryView(try await refunds.summary(eventID: id))
            return JSONResponse.make(view)
        }
        group.get(":event_id/sales") { _, context in
            let viewer = try context.requireViewer()
            return JSONResponse.make(SalesView(try await sales.report(eventID: try context.eventID(), for: viewer)))
        }
        group.get(":event_id/seats") { request, context in
            let id = try context.eventID()
            return try await SeatMapResponder.respond(
                to: request, event: booking.event(id: id), etag: booking.seatMapETag(eventID: id), now: clock.now(),
                cache: seatMapBodies) { try await booking.seatMap(eventID: id) }
        }
    }

    private func browse(_ request: Request) async throws -> Response {
        let page = try await catalog.browse(try Self.eventQuery(request.uri.queryParameters))
        let now = clock.now()
        var views: [EventView] = []
        for event in page.events {
            views.append(EventView(try await catalog.listing(eventID: event.id), now: now))
        }
        return JSONResponse.make(EventPage(events: views, nextCursor: page.next.map(Self.encodeCursor)))
    }

    /// The catalogue query a browse request asks for (`q`, `category`, `city`, `artist`,
    /// `from`, `to`, `page_size`, `cursor`); the API and the plain pages read the same.
    /// A parameter sent empty (a plain form's blank field) counts as absent.
    static func eventQuery(_ parameters: Parameters) throws -> EventQuery {
        func parameter(_ name: String) -> String? { parameters.get(name).flatMap { $0.isEmpty ? nil : $0 } }
        // A plain date names the whole day: `from` its start, `to` its last millisecond.
        func date(_ name: String, dayEnd: Bool = false) throws -> Date? {
            guard let text = parameter(name) else { return nil }
            guard let date = ISO8601.parse(text) ?? Self.day(text).map({ dayEnd ? $0.addingTimeInterval(86_400 - 0.001) : $0 }) else {
                throw BookingError.invalid(field: name, reason: "must be an ISO 8601 date or date-time")
            }
            return date
        }
        var query = EventQuery(text: parameter("q"), category: parameter("category"), city: parameter("city"),
                               artist: parameter("artist"), from: try date("from"), to: try date("to", dayEnd: true))
        if let size = parameter("page_size") {
            guard let limit = Int(size), (1...CatalogService.maxPageSize).contains(limit) else {
                throw BookingError.invalid(field: "page_size", reason: "must be between 1 and \(CatalogService.maxPageSize)")
            }
            query.limit = limit
        }
        if let cursor = parameter("cursor") {
            guard let after = Self.decodeCursor(cursor) else { throw APIError(.badRequest, "INVALID_CURSOR", "The cursor is not valid") }
            query.after = after
        }
        return query
    }

    /// A plain date (`2026-07-01`) as the start of that day in UTC.
    private static func day(_ text: String) -> Date? {
        try? Date(text + "T00:00:00Z", strategy: .iso8601)
    }

    static func encodeCursor(_ cursor: EventCursor) -> String {
        Data("\(cursor.startsAt.epochMilliseconds):\(cursor.eventID.text)".utf8).base64URLEncoded
    }

    static func decodeCursor(_ text: String) -> EventCursor? {
        guard let data = Data(base64URLEncoded: text) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: ":")
        guard parts.count == 2, let millis = Int64(parts[0]), let id = UUID(text: String(parts[1])) else { return nil }
        return EventCursor(startsAt: Date(epochMilliseconds: millis), eventID: id)
    }
}
