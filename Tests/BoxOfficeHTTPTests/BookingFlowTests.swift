import BoxOfficeCore
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Testing

@Suite struct BookingFlowTests {
    @Test(arguments: Engine.available) func buyerRegistersHoldsPaysAndSeesTickets(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        try await harness.withClient { client in
            let registered = try await client.call(.post, "/api/v1/auth/register",
                                                   body: ["email": "Ann@Example.test", "password": "s3cret-pass", "name": "Ann Buyer"])
            #expect(registered.status == .created)
            let login = try await client.call(.post, "/api/v1/auth/login", body: ["email": "ann@example.test", "password": "s3cret-pass"])
            #expect(login.status == .ok)
            #expect(login.string("user_id") == registered.string("user_id"))
            let token = try #require(login.string("token"))

            let event = try await client.createEvent(token: organizer.token)
            #expect(event.status == .created)
            let eventID = try #require(event.string("event_id"))
            let seats = try await client.seatIDs(event: eventID)
            #expect(seats.count == 20)

            let held = try await client.hold(Array(seats.prefix(2)), event: eventID, token: token, key: "key-1")
            #expect(held.status == .created)
            #expect(held.string("status") == "HELD")
            #expect(held.int("total_price_cents") == 10_000)
            #expect(held.array("seats").map { "\($0["row"]!)\($0["number"]!)" } == ["A1", "A2"])
            let reservationID = try #require(held.string("reservation_id"))
            let heldUntil = try #require(held.string("held_until"))
            #expect(heldUntil == "2030-03-17T17:56:40Z")

            let map = try await client.call(.get, "/api/v1/events/\(eventID)/seats")
            #expect(map.int("total_available") == 18)
            #expect(map.array("sections").first?["available_count"] as? Int == 18)

            let paid = try await client.confirm(reservationID, token: token)
            #expect(paid.status == .ok)
            #expect(paid.string("status") == "CONFIRMED")
            let tickets = paid.array("tickets")
            #expect(tickets.count == 2)
            #expect(tickets.map { $0["seat"] as? String } == ["A1", "A2"])
            #expect(tickets.allSatisfy { $0["holder_name"] as? String == "Ann Buyer" && $0["status"] as? String == "ACTIVE" })

            let mine = try await client.call(.get, "/api/v1/me/tickets", token: token)
            #expect(Set(mine.array("tickets").compactMap { $0["ticket_id"] as? String }) == Set(tickets.compactMap { $0["ticket_id"] as? String }))
            let ticketID = try #require(tickets.first?["ticket_id"] as? String)
            let ticket = try await client.call(.get, "/api/v1/tickets/\(ticketID)", token: token)
            #expect(ticket.status == .ok)
            for field in ["ticket_id", "reservation_id", "event_id", "section_id", "seat_id", "seat", "holder_name", "status", "qr_code", "issued_at"] {
                #expect(ticket.json.keys.contains(field), "ticket lacks \(field)")
            }
            let payload = try harness.system.signer.verify(try #require(ticket.string("qr_code")))
            #expect(payload.ticketID.text == ticketID)
            #expect(payload.eventID.text == eventID)
            #expect(payload.place == nil, "a compact code names the ticket; the ticket names the seat")
            #expect(ticket.string("seat") == "A1")
            #expect(ticket.string("holder_name") == "Ann Buyer")

            let sold = try await client.call(.get, "/api/v1/events/\(eventID)/seats?status=SOLD")
            #expect(sold.array("sections").first?["seats"].map { ($0 as? [Any])?.count } == 2)
            let reservation = try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: token)
            #expect(reservation.string("status") == "CONFIRMED")
        }
    }

    @Test(arguments: Engine.available) func generalAdmissionHoldCountsDownAndConfirmIssuesOneTicketEach(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account(name: "Gus")
        try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token, seatedRows: [], gaCapacity: 5)
            let eventID = try #require(event.string("event_id"))
            let floor = try #require(sectionID(event, kind: "general_admission"))
            let held = try await client.holdGA(3, section: floor, event: eventID, token: buyer.token)
            #expect(held.status == .created)
            #expect(held.int("quantity") == 3)
            #expect(held.int("total_price_cents") == 9_000)
            #expect(held.string("section_id") == floor)
            let detail = try await client.call(.get, "/api/v1/events/\(eventID)")
            #expect(detail.array("sections").first?["available_count"] as? Int == 2)

            let other = try await harness.account()
            let tooMany = try await client.holdGA(3, section: floor, event: eventID, token: other.token)
            #expect(tooMany.status == .conflict)
            #expect(tooMany.error == "INSUFFICIENT_INVENTORY")
            #expect(tooMany.int("available") == 2)
            let overLimit = try await client.holdGA(1_000_000, section: floor, event: eventID, token: buyer.token)
            #expect(overLimit.error == "TICKET_LIMIT_EXCEEDED", "the limit is checked before the section's room")
            #expect(overLimit.int("remaining") == (overLimit.int("limit") ?? 0) - 3, "the buyer already holds 3")

            let paid = try await client.confirm(try #require(held.string("reservation_id")), token: buyer.token)
            #expect(paid.status == .ok)
            let tickets = paid.array("tickets")
            #expect(tickets.count == 3)
            #expect(tickets.allSatisfy { $0["seat_id"] is NSNull && $0["seat"] as? String == "Floor" })
            let map = try await client.call(.get, "/api/v1/events/\(eventID)/seats")
            #expect(map.int("total_available") == 2)
        }
    }

    @Test(arguments: Engine.available) func declinedPaymentReleasesTheHold(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let seats = Array(try await client.seatIDs(event: eventID).prefix(2))
            let held = try await client.hold(seats, event: eventID, token: buyer.token)
            let reservationID = try #require(held.string("reservation_id"))
            let declined = try await client.confirm(reservationID, token: buyer.token, card: "pm_card_chargeDeclined")
            #expect(declined.status.code == 402)
            #expect(declined.error == "PAYMENT_FAILED")
            let reservation = try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: buyer.token)
            #expect(reservation.string("status") == "CANCELLED")
            #expect(try await client.seatIDs(event: eventID, status: "AVAILABLE").count == 20)
            let again = try await client.confirm(reservationID, token: buyer.token)
            #expect(again.status == .conflict)
            let other = try await harness.account()
            #expect(try await client.hold(seats, event: eventID, token: other.token).status == .created)
        }
    }

    @Test(arguments: Engine.available) func confirmingTwiceOrCancellingAPaidReservationConflicts(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let (_, _, reservationID) = try await client.heldSeats(1, organizer: organizer.token, buyer: buyer.token)
            #expect(try await client.confirm(reservationID, token: buyer.token).status == .ok)
            let twice = try await client.confirm(reservationID, token: buyer.token)
            #expect(twice.status == .conflict)
            #expect(twice.error == "ALREADY_CONFIRMED")
            let cancel = try await client.call(.delete, "/api/v1/reservations/\(reservationID)", token: buyer.token)
            #expect(cancel.status == .conflict)
        }
    }

    @Test(arguments: Engine.available) func cancelReleasesSeatsForTheNextBuyer(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let next = try await harness.account()
        try await harness.withClient { client in
            let (eventID, seats, reservationID) = try await client.heldSeats(3, organizer: organizer.token, buyer: buyer.token)
            #expect(try await client.hold([seats[1]], event: eventID, token: next.token).status == .conflict)
            let cancelled = try await client.call(.delete, "/api/v1/reservations/\(reservationID)", token: buyer.token)
            #expect(cancelled.status == .ok)
            #expect(cancelled.string("status") == "CANCELLED")
            #expect(Set(cancelled["seats_released"] as? [String] ?? []) == Set(seats))
            #expect(try await client.hold([seats[1]], event: eventID, token: next.token).status == .created)
            let again = try await client.call(.delete, "/api/v1/reservations/\(reservationID)", token: buyer.token)
            #expect(again.status == .conflict)
        }
    }

    @Test(arguments: Engine.available) func idempotencyKeyReplaysTheOriginalAndRefusesADifferentBody(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let seats = try await client.seatIDs(event: eventID)
            let first = try await client.hold([seats[0], seats[1]], event: eventID, token: buyer.token, key: "same")
            let replay = try await client.hold([seats[1], seats[0]], event: eventID, token: buyer.token, key: "same")
            #expect(first.status == .created)
            #expect(replay.status == .created)
            #expect(replay.string("reservation_id") == first.string("reservation_id"))
            let different = try await client.hold([seats[2]], event: eventID, token: buyer.token, key: "same")
            #expect(different.status == .unprocessableContent)
            #expect(different.error == "IDEMPOTENCY_KEY_REUSED")
            #expect(try await client.seatIDs(event: eventID, status: "HELD").count == 2)
            let otherBuyer = try await harness.account()
            let sameKeyOtherBuyer = try await client.hold([seats[3]], event: eventID, token: otherBuyer.token, key: "same")
            #expect(sameKeyOtherBuyer.status == .created)
        }
    }

    @Test(arguments: Engine.available) func perBuyerLimitCountsHeldAndBoughtTickets(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token, maxTicketsPerUser: 4).string("event_id"))
            let seats = try await client.seatIDs(event: eventID)
            let tooMany = try await client.hold(Array(seats.prefix(5)), event: eventID, token: buyer.token)
            #expect(tooMany.status == .unprocessableContent)
            #expect(tooMany.error == "TICKET_LIMIT_EXCEEDED")
            let bought = try #require(try await client.hold(Array(seats.prefix(2)), event: eventID, token: buyer.token).string("reservation_id"))
            #expect(try await client.confirm(bought, token: buyer.token).status == .ok)
            #expect(try await client.hold([seats[2]], event: eventID, token: buyer.token).status == .created)
            let past = try await client.hold([seats[3], seats[4]], event: eventID, token: buyer.token)
            #expect(past.status == .unprocessableContent)
            #expect(past.error == "TICKET_LIMIT_EXCEEDED")
            #expect(past.int("remaining") == 1)
            let alone = try await client.hold(Array(seats.prefix(12)), event: eventID, token: buyer.token)
            #expect(alone.error == "TICKET_LIMIT_EXCEEDED")
            #expect(alone.int("remaining") == 1, "a request over the limit on its own still says what the buyer may add")
            #expect(try await client.hold([seats[3]], event: eventID, token: buyer.token).status == .created)
        }
    }

    /// A cancelled hold gives its places back to the buyer's limit at once, and a lapsed one
    /// as soon as it lapses, before any sweep (PostgreSQL keeps a per-buyer upper bound and
    /// must fall back to counting when the bound is stale).
    @Test(arguments: Engine.available) func theLimitFreesUpWhenAHoldIsCancelledOrLapses(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token, maxTicketsPerUser: 3).string("event_id"))
            let seats = try await client.seatIDs(event: eventID)
            let first = try #require(try await client.hold([seats[0], seats[1]], event: eventID, token: buyer.token).string("reservation_id"))
            #expect(try await client.hold([seats[2]], event: eventID, token: buyer.token).status == .created)
            #expect(try await client.hold([seats[3]], event: eventID, token: buyer.token).error == "TICKET_LIMIT_EXCEEDED")
            #expect(try await client.call(.delete, "/api/v1/reservations/\(first)", token: buyer.token).status == .ok)
            #expect(try await client.hold([seats[3], seats[4]], event: eventID, token: buyer.token).status == .created)
            #expect(try await client.hold([seats[5]], event: eventID, token: buyer.token).error == "TICKET_LIMIT_EXCEEDED")
            harness.clock.advance(by: 16 * 60)
            let again = try await client.hold([seats[5], seats[6], seats[7]], event: eventID, token: buyer.token)
            #expect(again.status == .created, "every earlier hold has lapsed")
            let past = try await client.hold([seats[8]], event: eventID, token: buyer.token)
            #expect(past.error == "TICKET_LIMIT_EXCEEDED")
            #expect(past.int("remaining") == 0)
        }
    }

    /// A buyer whose confirm answer was lost sends it again with the same
    /// `X-Idempotency-Key` and gets the same answer, never a second charge; without the
    /// key (or with another) a settled reservation is still a 409.
    @Test(arguments: Engine.available) func aConfirmSentAgainWithItsKeyGetsTheSameAnswer(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let seats = try await client.seatIDs(event: eventID)
            func confirm(_ id: String, card: String = "pm_card_visa", key: String?) async throws -> APIResponse {
                try await client.call(.post, "/api/v1/reservations/\(id)/confirm", token: buyer.token, body: ["payment_method_id": card],
                                      headers: key.map { ["X-Idempotency-Key": $0] } ?? [:])
            }
            let bought = try #require(try await client.hold([seats[0], seats[1]], event: eventID, token: buyer.token).string("reservation_id"))
            let first = try await confirm(bought, key: "pay-1")
            #expect(first.status == .ok)
            let firstTickets = first.array("tickets").compactMap { $0["ticket_id"] as? String }
            #expect(firstTickets.count == 2)
            let again = try await confirm(bought, key: "pay-1")
            #expect(again.status == .ok, "the same confirm again: the first answer")
            #expect(again.string("status") == "CONFIRMED")
            #expect(again.string("payment_id") == first.string("payment_id"))
            #expect(Set(again.array("tickets").compactMap { $0["ticket_id"] as? String }) == Set(firstTickets))
            #expect(try await confirm(bought, key: nil).error == "ALREADY_CONFIRMED")
            #expect(try await confirm(bought, key: "pay-2").error == "ALREADY_CONFIRMED")
            #expect(try await client.call(.get, "/api/v1/me/tickets", token: buyer.token).array("tickets").count == 2,
                    "no second set of tickets")

            let declined = try #require(try await client.hold([seats[2]], event: eventID, token: buyer.token).string("reservation_id"))
            #expect(try await confirm(declined, card: "pm_card_chargeDeclined", key: "pay-3").error == "PAYMENT_FAILED")
            let retried = try await confirm(declined, card: "pm_card_chargeDeclined", key: "pay-3")
            #expect(retried.status.code == 402, "the same confirm again: the same decline")
            #expect(retried.error == "PAYMENT_FAILED")
            #expect(try await confirm(declined, key: "pay-3").error == "IDEMPOTENCY_KEY_REUSED", "the key with another card")
            #expect(try await confirm(bought, card: "pm_card_mastercard", key: "pay-1").error == "IDEMPOTENCY_KEY_REUSED")
            #expect(try await confirm(declined, key: nil).error == "RESERVATION_CANCELLED")

            let other = try await harness.account()
            let stranger = try await client.call(.post, "/api/v1/reservations/\(bought)/confirm", token: other.token,
                                                 body: ["payment_method_id": "pm_card_visa"], headers: ["X-Idempotency-Key": "pay-1"])
            #expect(stranger.status == .notFound, "another buyer learns nothing, key or not")
        }
    }

    @Test(arguments: Engine.available) func othersCannotSeeOrTouchAReservationOrTicket(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let owner = try await harness.account()
        let stranger = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let seats = Array(try await client.seatIDs(event: eventID).prefix(2))
            let reservationID = try #require(try await client.hold(seats, event: eventID, token: owner.token).string("reservation_id"))
            #expect(try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: stranger.token).status == .notFound)
            #expect(try await client.confirm(reservationID, token: stranger.token).status == .notFound)
            #expect(try await client.call(.delete, "/api/v1/reservations/\(reservationID)", token: stranger.token).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/reservations/\(reservationID)").status == .unauthorized)
            let paid = try await client.confirm(reservationID, token: owner.token)
            let ticketID = try #require(paid.array("tickets").first?["ticket_id"] as? String)
            #expect(try await client.call(.get, "/api/v1/tickets/\(ticketID)", token: stranger.token).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/me/tickets", token: stranger.token).array("tickets").isEmpty)
            #expect(try await client.call(.get, "/api/v1/tickets/\(ticketID)", token: organizer.token).status == .ok)
            #expect(try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: organizer.token).status == .ok)

            // Another organizer and door staff are not the event's organizer.
            for role in [Role.organizer, .scanner] {
                let staff = try await harness.account(role)
                #expect(try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: staff.token).status == .notFound)
                #expect(try await client.call(.get, "/api/v1/tickets/\(ticketID)", token: staff.token).status == .notFound)
                #expect(try await client.call(.get, "/api/v1/reservations/\(reservationID)/tickets", token: staff.token).status == .notFound)
            }
            let admin = try await harness.account(.admin)
            #expect(try await client.call(.get, "/api/v1/tickets/\(ticketID)", token: admin.token).status == .ok)
        }
    }

    @Test(arguments: Engine.available) func seatMapAnswersNotModifiedUntilSomethingChanges(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let first = try await client.call(.get, "/api/v1/events/\(eventID)/seats")
            let etag = try #require(first.headers[.eTag])
            let unchanged = try await client.call(.get, "/api/v1/events/\(eventID)/seats", headers: ["If-None-Match": etag])
            #expect(unchanged.status == .notModified)
            let weak = try await client.call(.get, "/api/v1/events/\(eventID)/seats", headers: ["If-None-Match": "W/" + etag])
            #expect(weak.status == .notModified, "If-None-Match compares weakly")
            let seats = try await client.seatIDs(event: eventID)
            _ = try await client.hold([seats[0]], event: eventID, token: buyer.token)
            let changed = try await client.call(.get, "/api/v1/events/\(eventID)/seats", headers: ["If-None-Match": etag])
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] != etag)
            let heldTag = try #require(changed.headers[.eTag])
            harness.clock.advance(by: 11 * 60)
            let lapsed = try await client.call(.get, "/api/v1/events/\(eventID)/seats", headers: ["If-None-Match": heldTag])
            #expect(lapsed.status == .ok, "a hold lapsing changes what readers see")
            #expect(lapsed.int("total_available") == 20)

            // A cancel and a confirm each change the map too (they are the desk's other
            // writes); between them, revalidations keep answering 304.
            func revalidate(_ tag: String) async throws -> APIResponse {
                try await client.call(.get, "/api/v1/events/\(eventID)/seats", headers: ["If-None-Match": tag])
            }
            let cancelled = try #require(try await client.hold([seats[1]], event: eventID, token: buyer.token).string("reservation_id"))
            let beforeCancel = try #require(try await revalidate("\"none\"").headers[.eTag])
            #expect(try await revalidate(beforeCancel).status == .notModified)
            #expect(try await client.call(.delete, "/api/v1/reservations/\(cancelled)", token: buyer.token).status == .ok)
            let afterCancel = try await revalidate(beforeCancel)
            #expect(afterCancel.status == .ok, "a cancel changes what readers see")
            #expect(afterCancel.int("total_available") == 20)
            let bought = try #require(try await client.hold([seats[2]], event: eventID, token: buyer.token).string("reservation_id"))
            let beforeConfirm = try #require(try await revalidate("\"none\"").headers[.eTag])
            #expect(try await revalidate(beforeConfirm).status == .notModified)
            #expect(try await client.confirm(bought, token: buyer.token).status == .ok)
            let afterConfirm = try await revalidate(beforeConfirm)
            #expect(afterConfirm.status == .ok, "a confirm changes what readers see")
            #expect(afterConfirm.int("total_available") == 19)
        }
    }

    @Test(arguments: Engine.available) func browseFiltersAndPaginatesWithACursor(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        try await harness.withClient { client in
            for day in 1...5 {
                _ = try await client.createEvent(token: organizer.token, seatedRows: [("A", 2)], startsAt: "2030-07-0\(day)T20:00:00Z",
                                                 title: "Show \(day)", category: day % 2 == 0 ? "theater" : "concert",
                                                 city: day == 3 ? "Paris" : "Rome", artist: "Artist \(day)")
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await client.call(.get, "/api/v1/events?page_size=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(page.status == .ok)
                seen += page.array("events").compactMap { $0["title"] as? String }
                #expect(page["next_cursor"] != nil, "next_cursor is always present, null on the last page")
                cursor = page.string("next_cursor")
            } while cursor != nil
            #expect(seen == ["Show 1", "Show 2", "Show 3", "Show 4", "Show 5"])
            let theater = try await client.call(.get, "/api/v1/events?category=THEATER")
            #expect(theater.array("events").compactMap { $0["title"] as? String } == ["Show 2", "Show 4"])
            let paris = try await client.call(.get, "/api/v1/events?city=paris")
            #expect(paris.array("events").compactMap { $0["title"] as? String } == ["Show 3"])
            let text = try await client.call(.get, "/api/v1/events?q=artist%205")
            #expect(text.array("events").compactMap { $0["title"] as? String } == ["Show 5"])
            let range = try await client.call(.get, "/api/v1/events?from=2030-07-02&to=2030-07-03T23:00:00Z")
            #expect(range.array("events").compactMap { $0["title"] as? String } == ["Show 2", "Show 3"])
            let days = try await client.call(.get, "/api/v1/events?from=2030-07-02&to=2030-07-03")
            #expect(days.array("events").compactMap { $0["title"] as? String } == ["Show 2", "Show 3"], "a plain `to` date includes that day")
            let artist = try await client.call(.get, "/api/v1/events?artist=Artist%204")
            #expect(artist.array("events").count == 1)
        }
    }

    @Test(arguments: Engine.available) func theCatalogueListsUpcomingEventsUnlessFromIsGiven(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        try await harness.withClient { client in
            let now = harness.clock.now()
            let past = try await client.createEvent(token: organizer.token, startsAt: now.addingTimeInterval(-60).formatted(.iso8601))
            #expect(past.status == .unprocessableContent)
            #expect(past.error == "VALIDATION_ERROR")
            #expect(past.string("field") == "starts_at")
            let startingNow = try await client.createEvent(token: organizer.token, startsAt: now.formatted(.iso8601))
            #expect(startingNow.string("field") == "starts_at", "an event that starts this second has started")

            for (title, hours) in [("Tonight", 2.0), ("Next week", 24.0 * 7)] {
                let created = try await client.createEvent(token: organizer.token,
                                                           startsAt: now.addingTimeInterval(hours * 3_600).formatted(.iso8601), title: title)
                #expect(created.status == .created)
            }
            harness.clock.advance(by: 3 * 3_600)

            let upcoming = try await client.call(.get, "/api/v1/events")
            #expect(upcoming.array("events").compactMap { $0["title"] as? String } == ["Next week"], "tonight's show has started")
            let since = try await client.call(.get, "/api/v1/events?from=\(now.formatted(.iso8601))")
            #expect(since.array("events").compactMap { $0["title"] as? String } == ["Tonight", "Next week"], "`from` rules as given")
        }
    }

    @Test(arguments: Engine.available) func saleStartAndEventStartGateHolds(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            // The manual clock starts at 2030-03-17T17:46:40Z.
            let event = try await client.createEvent(token: organizer.token, startsAt: "2030-03-20T20:00:00Z", saleStartsAt: "2030-03-18T10:00:00Z")
            let eventID = try #require(event.string("event_id"))
            let seats = try await client.seatIDs(event: eventID)
            let early = try await client.hold([seats[0]], event: eventID, token: buyer.token)
            #expect(early.status == .forbidden)
            #expect(early.error == "SALE_NOT_STARTED")
            harness.clock.set(ISO8601DateFormatter().date(from: "2030-03-18T10:00:00Z")!)
            #expect(try await client.hold([seats[0]], event: eventID, token: buyer.token).status == .created)
            harness.clock.set(ISO8601DateFormatter().date(from: "2030-03-20T20:00:01Z")!)
            let expired = try await client.hold([seats[1]], event: eventID, token: buyer.token)
            #expect(expired.status == .unauthorized)
            #expect(expired.error == "TOKEN_EXPIRED", "bearer tokens live 24 hours")
            let lateBuyer = try await harness.account()
            let late = try await client.hold([seats[1]], event: eventID, token: lateBuyer.token)
            #expect(late.status == .forbidden)
            #expect(late.error == "SALES_CLOSED")
        }
    }
}

/// The hold's answer is written by hand for speed; it must be the same JSON the encoder writes.
@Suite struct ReservationJSONTests {
    @Test(arguments: Engine.available)
    func aHoldAnswersExactlyWhatReadingTheReservationAnswers(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token, seatedRows: [("Q\"\\é1", 3)], gaCapacity: 10)
            let id = try #require(event.string("event_id"))
            let seats = try await client.seatIDs(event: id)
            let seated = try await client.hold(Array(seats.prefix(2)), event: id, token: buyer.token)
            let ga = try await client.holdGA(2, section: try #require(sectionID(event, kind: "general_admission")), event: id,
                                             token: buyer.token)
            for held in [seated, ga] {
                #expect(held.status == .created)
                let read = try await client.call(.get, "/api/v1/reservations/\(try #require(held.string("reservation_id")))",
                                                 token: buyer.token)
                #expect(held.text == read.text)
            }
            #expect(seated.array("seats").first?["row"] as? String == "Q\"\\é1")
        }
    }
}
