import BoxOfficeApp
import BoxOfficeCore
import Foundation
import Hummingbird
import Mustache

/// The pages the server renders from templates (`Resources/Templates`, Mustache: every
/// `{{value}}` is HTML-escaped), so browsing, an event and a ticket work as plain HTML,
/// without JavaScript: `GET /events` (search, filters, paging), `GET /events/{id}`
/// (sections, prices, what is left, the waiting room), and the printable ticket.
enum PageTemplates {
    static let library: MustacheLibrary = {
        guard let url = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            fatalError("the page templates (Resources/Templates) are missing from BoxOfficeHTTP's resource bundle")
        }
        var library = MustacheLibrary()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        for name in names where name.hasSuffix(".mustache") {
            guard let text = try? String(contentsOf: url.appendingPathComponent(name), encoding: .utf8) else { continue }
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                fatalError("the page template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    /// An HTML response of a template rendered with `values`.
    static func page(_ name: String, _ values: [String: Any], status: HTTPResponse.Status = .ok,
                     cache: String = "no-cache") -> Response {
        let html = library.render(values, withTemplate: name) ?? ""
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: cache],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The error page for a request a page cannot answer.
    static func errorPage(_ error: any Error) throws -> Response {
        guard let answer = JSONErrorMiddleware.answer(to: error), answer.status.code < 500 else { throw error }
        let heading = answer.status == .notFound ? "Not found" : "That did not work"
        return page("error", ["title": heading, "heading": heading, "message": answer.message], status: answer.status)
    }
}

struct PlainPagesController {
    let catalog: CatalogService
    let clock: any BookingClock

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("events") { request, _ in
            do { return try await browse(request) } catch { return try PageTemplates.errorPage(error) }
        }
        router.get("events/:event_id") { _, context in
            do {
                guard let id = UUID(apiText: context.parameters.get("event_id")) else { throw BookingError.eventNotFound }
                return try await event(id)
            } catch {
                return try PageTemplates.errorPage(error)
            }
        }
    }

    static let filterNames = ["q", "category", "city", "artist", "from", "to"]

    private func browse(_ request: Request) async throws -> Response {
        let parameters = request.uri.queryParameters
        var filters: [String: String] = [:]
        for name in Self.filterNames {
            if let value = parameters.get(name), !value.isEmpty { filters[name] = value }
        }
        var values: [String: Any] = ["title": "Events", "filters": filters]
        let query: EventQuery
        do {
            query = try EventsController.eventQuery(parameters)
        } catch let error as BookingError {
            values["error"] = JSONErrorMiddleware.answer(to: error)?.message ?? "The search is not valid"
            values["summary"] = "Correct the search and try again."
            return PageTemplates.page("events", values, status: .badRequest)
        }
        let page = try await catalog.browse(query)
        let now = clock.now()
        var cards: [[String: Any]] = []
        for event in page.events {
            cards.append(Self.card(try await catalog.listing(eventID: event.id), now: now))
        }
        values["events"] = cards
        values["summary"] = cards.isEmpty ? "No events found." : (cards.count == 1 ? "1 event" : "\(cards.count) events") +
            (filters.isEmpty ? ", soonest first." : " match, soonest first.")
        if let next = page.next {
            var items = filters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
            if let size = parameters.get("page_size") { items.append(URLQueryItem(name: "page_size", value: size)) }
            items.append(URLQueryItem(name: "cursor", value: EventsController.encodeCursor(next)))
            var components = URLComponents()
            components.path = "/events"
            components.queryItems = items
            values["next"] = components.string ?? "/events"
        }
        return PageTemplates.page("events", values)
    }

    private func event(_ id: UUID) async throws -> Response {
        let listing = try await catalog.listing(eventID: id)
        let event = listing.event
        let now = clock.now()
        var values = Self.card(listing, now: now)
        values["title"] = event.title
        values["maxTickets"] = event.maxTicketsPerUser
        values["holdMinutes"] = event.holdDurationMinutes
        values["cancelled"] = event.isCancelled
        if let reason = event.cancellationReason, !reason.isEmpty { values["reason"] = reason }
        if let start = event.saleStartsAt, start > now { values["saleStarts"] = event.venueText(start) }
        if let queue = event.queue, queue.enabled {
            values["waitingRoom"] = ["opens": (queue.opensAt > now ? "opens " : "opened ") + event.venueText(queue.opensAt),
                                     "rate": Self.number(queue.admitPerMinute)]
        }
        values["presales"] = event.presales.filter { $0.endsAt > now }.map { window -> [String: Any] in
            ["name": window.name, "window": "\(event.venueText(window.startsAt)) to \(event.venueText(window.endsAt))",
             "needsCode": window.kind == .code]
        }
        values["sections"] = event.sections.map { section -> [String: Any] in
            let left = listing.available[section.id] ?? 0
            return ["name": section.name, "kind": section.kind == .seated ? "Reserved seats" : "General admission",
                    "price": section.priceCents.moneyText(currency: event.currency),
                    "left": left == 0 ? "Sold out" : "\(Self.number(left)) of \(Self.number(section.capacity))"]
        }
        values["buyable"] = !event.isCancelled && now < event.startsAt
        return PageTemplates.page("event", values)
    }

    /// What a list card and the event page both show.
    static func card(_ listing: EventListing, now: Date) -> [String: Any] {
        let event = listing.event
        let view = EventsController.EventView(listing, now: now)
        var card: [String: Any] = [
            "id": event.id.text, "title": event.title, "artist": event.artist, "category": event.category,
            "venue": event.venue.name, "city": event.venue.city, "when": event.venueStartText,
            "statusText": statusText[view.status] ?? view.status,
            "statusClass": view.status.lowercased().replacingOccurrences(of: "_", with: "-"),
            "waitingRoom": event.queue?.enabled == true,
            "presale": view.status == "PRESALE",
            "availability": view.totalAvailable == 0 ? "Sold out" : "\(number(view.totalAvailable)) tickets left",
        ]
        if let price = view.minPriceCents { card["fromPrice"] = price.moneyText(currency: event.currency) }
        return card
    }

    static let statusText = ["ON_SALE": "On sale", "PRESALE": "Presale", "SCHEDULED": "Coming soon", "SALES_CLOSED": "Sales closed",
                             "CANCELLED": "Cancelled"]

    /// 20500 as "20,500".
    static func number(_ value: Int) -> String {
        let digits = String(abs(value))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}
