import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Testing

/// Browsing and an event as plain HTML the server renders: no script needed, every value
/// escaped, the same filters and paging as the API, clear pages for bad input.
@Suite struct PlainPagesTests {
    @Test(arguments: Engine.available)
    func browsingWorksWithoutJavaScript(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        try await harness.withClient { client in
            let first = try #require(try await client.createEvent(token: organizer.token, startsAt: "2030-06-01T20:00:00Z",
                                                                  title: "Night <b>One</b>", city: "Springfield").string("event_id"))
            let second = try #require(try await client.createEvent(token: organizer.token, startsAt: "2030-07-01T20:00:00Z",
                                                                   title: "Second Night", city: "Shelbyville").string("event_id"))
            let page = try await client.call(.get, "/events")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(!page.text.contains("<script"), "a plain page: no script")
            #expect(page.text.contains("Night &lt;b&gt;One&lt;/b&gt;") && !page.text.contains("<b>One</b>"), "API text is escaped")
            #expect(page.text.contains("href=\"/events/\(first)\"") && page.text.contains("href=\"/events/\(second)\""))
            #expect(page.text.contains("Saturday 1 June 2030, 20:00"), "the date as the venue's clock reads it")
            #expect(page.text.contains("From USD 50.00") && page.text.contains("20 tickets left"))
            #expect(try #require(page.headers[.contentSecurityPolicy]).contains("script-src 'self'"))

            let filtered = try await client.call(.get, "/events?q=&category=&city=shelbyville&artist=&from=&to=")
            #expect(filtered.status == .ok, "a plain form sends its blank fields empty: they filter nothing")
            #expect(filtered.text.contains("Second Night") && !filtered.text.contains("Night &lt;b&gt;One"))
            #expect(filtered.text.contains("value=\"shelbyville\""), "the form keeps the filter")

            let paged = try await client.call(.get, "/events?page_size=1")
            #expect(paged.text.contains("Night &lt;b&gt;One") && !paged.text.contains("Second Night"))
            let next = try #require(paged.text.range(of: #"href="(/events\?[^"]*cursor=[^"]+)" rel="next""#, options: .regularExpression)
                .map { String(paged.text[$0]).replacingOccurrences(of: "href=\"", with: "").replacingOccurrences(of: "\" rel=\"next\"", with: "") })
            let later = try await client.call(.get, next.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(later.text.contains("Second Night") && !later.text.contains("Night &lt;b&gt;One"), "\(next)")
            #expect(!later.text.contains("rel=\"next\""), "the last page has no next link")

            let bad = try await client.call(.get, "/events?from=someday")
            #expect(bad.status == .badRequest)
            #expect(bad.headers[.contentType] == "text/html; charset=utf-8")
            #expect(bad.text.contains("from must be an ISO 8601 date") || bad.text.contains("ISO 8601"), "says what is wrong")
            #expect(try await client.call(.get, "/events?cursor=zzz").status == .badRequest)
        }
    }

    @Test(arguments: Engine.available)
    func anEventPageShowsSectionsPricesWhatIsLeftAndTheWaitingRoom(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(
                token: organizer.token, gaCapacity: 1_500, title: "Queue Night").string("event_id"))
            let seats = Array(try await client.seatIDs(event: eventID).prefix(2))
            #expect(try await client.hold(seats, event: eventID, token: buyer.token).status == .created)
            let queued = try await client.call(.patch, "/api/v1/events/\(eventID)", token: organizer.token,
                                               body: ["queue": ["enabled": true, "admit_per_minute": 1_200]])
            #expect(queued.status == .ok)
            let page = try await client.call(.get, "/events/\(eventID)")
            #expect(page.status == .ok)
            #expect(!page.text.contains("<script"))
            for text in ["Queue Night", "Stalls", "Reserved seats", "USD 50.00", "18 of 20", "Floor", "General admission", "USD 30.00",
                         "1,500 of 1,500", "waiting room", "1,200 buyers a minute", "href=\"/#/event/\(eventID)\""] {
                #expect(page.text.contains(text), "the page shows \(text)")
            }
            _ = try await client.call(.post, "/api/v1/events/\(eventID)/cancel", token: organizer.token, body: ["reason": "Storm & flood"])
            let cancelled = try await client.call(.get, "/events/\(eventID)")
            #expect(cancelled.text.contains("This event is cancelled: Storm &amp; flood"))
            #expect(!cancelled.text.contains("Choose seats"), "nothing to buy")

            let missing = try await client.call(.get, "/events/\(UUID().uuidString)")
            #expect(missing.status == .notFound && missing.text.contains("No such event"))
            #expect(try await client.call(.get, "/events/not-an-id").status == .notFound)
        }
    }
}
