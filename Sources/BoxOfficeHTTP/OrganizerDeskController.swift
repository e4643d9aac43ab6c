import BoxOfficeApp
import BoxOfficeCore
import Foundation
import Hummingbird

/// What the organizer's desk and the door scanner read: `GET /api/v1/me/events` (the
/// events they run, or keep the doors of) and
/// `GET /api/v1/events/{id}/dashboard` (one event's live counts, money, sales and
/// check-ins over time, and its waiting room).
struct OrganizerDeskController {
    struct SectionLine: Encodable {
        var sectionId: String
        var name: String
        var kind: String
        var priceCents: Int
        var capacity: Int
        var sold: Int
        var held: Int
        var available: Int
        var checkedIn: Int
        var revenueCents: Int
    }

    struct Totals: Encodable {
        var capacity: Int
        var sold: Int
        var held: Int
        var available: Int
        var checkedIn: Int
        var ordersConfirmed: Int
        var grossCents: Int
        var refundsCents: Int
        var netCents: Int
    }

    struct TimelinePoint: Encodable {
        var at: Date
        var sold: Int
        var checkedIn: Int
    }

    struct Timeline: Encodable {
        var bucketSeconds: Int
        var points: [TimelinePoint]
    }

    struct QueueLine: Encodable {
        var enabled: Bool
        var opensAt: Date
        var admissionStartsAt: Date
        var admitPerMinute: Int
        var joined: Int
        var admitted: Int
        var waiting: Int
    }

    struct Dashboard: Encodable {
        var eventId: String
        var title: String
        var currency: String
        var asOf: Date
        var totals: Totals
        var sections: [SectionLine]
        var timeline: Timeline
        var queue: QueueLine?

        enum CodingKeys: String, CodingKey { case eventId, title, currency, asOf, totals, sections, timeline, queue }

        /// `queue` is always present: null for an event without a waiting room.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(eventId, forKey: .eventId)
            try container.encode(title, forKey: .title)
            try container.encode(currency, forKey: .currency)
            try container.encode(asOf, forKey: .asOf)
            try container.encode(totals, forKey: .totals)
            try container.encode(sections, forKey: .sections)
            try container.encode(timeline, forKey: .timeline)
            try container.encode(queue, forKey: .queue)
        }

        init(_ desk: EventDashboard, queue overview: QueueOverview?) {
            eventId = desk.event.id.text
            title = desk.event.title
            currency = desk.sales.currency
            asOf = desk.asOf
            sections = desk.sections.map {
                SectionLine(sectionId: $0.section.id.text, name: $0.section.name, kind: $0.section.kind.rawValue,
                            priceCents: $0.section.priceCents, capacity: $0.section.capacity, sold: $0.sold, held: $0.held,
                            available: $0.available, checkedIn: $0.checkedIn, revenueCents: $0.revenueCents)
            }
            totals = Totals(capacity: sections.reduce(0) { $0 + $1.capacity }, sold: sections.reduce(0) { $0 + $1.sold },
                            held: sections.reduce(0) { $0 + $1.held }, available: sections.reduce(0) { $0 + $1.available },
                            checkedIn: sections.reduce(0) { $0 + $1.checkedIn }, ordersConfirmed: desk.sales.ordersConfirmed,
                            grossCents: desk.sales.grossCents, refundsCents: desk.sales.refundsCents, netCents: desk.sales.netCents)
            timeline = Timeline(bucketSeconds: desk.timeline.bucketSeconds,
                                points: desk.timeline.points.map { TimelinePoint(at: $0.at, sold: $0.sold, checkedIn: $0.checkedIn) })
            queue = overview.map {
                QueueLine(enabled: $0.settings.enabled, opensAt: $0.settings.opensAt, admissionStartsAt: $0.settings.saleStartsAt,
                          admitPerMinute: $0.settings.admitPerMinute, joined: $0.joined, admitted: $0.admitted, waiting: $0.waiting)
            }
        }
    }

    let catalog: CatalogService
    let accounts: AccountService
    let sales: SalesService
    let queue: QueueService
    let clock: any BookingClock

    func addRoutes(me: RouterGroup<AppRequestContext>, events: RouterGroup<AppRequestContext>) {
        me.get("events") { request, context in
            let viewer = try context.requireViewer()
            // The browse query's paging (its filters are not taken here): 50 a page unless asked.
            let parameters = request.uri.queryParameters
            let paging = try EventsController.eventQuery(parameters)
            let limit = parameters.get("page_size") == nil ? 50 : paging.limit
            let after = paging.after
            let staff = viewer.role == .scanner ? try await accounts.user(id: viewer.userID) : nil
            let page = try await catalog.workedEvents(by: viewer, staff: staff, after: after, limit: limit)
            let now = clock.now()
            var views: [EventsController.EventView] = []
            for event in page.events {
                views.append(EventsController.EventView(try await catalog.listing(eventID: event.id), now: now))
            }
            return JSONResponse.make(EventsController.EventPage(events: views, nextCursor: page.next.map(EventsController.encodeCursor)))
        }
        events.get(":event_id/dashboard") { _, context in
            let viewer = try context.requireViewer()
            let eventID = try context.eventID()
            let desk = try await sales.dashboard(eventID: eventID, for: viewer, now: clock.now())
            return JSONResponse.make(Dashboard(desk, queue: try await queue.overview(eventID: eventID)))
        }
    }
}
