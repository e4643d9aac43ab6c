import BoxOfficeCore
import BoxOfficeHTTP
import BoxOfficeServer
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Every malformed or hostile request gets a clear 4xx JSON error and changes nothing.
@Suite struct BadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let method: HTTPRequest.Method
        let path: String
        let body: String?
        let token: Token
        let status: Int
        let error: String?

        enum Token: Sendable { case buyer, organizer, none, forged, expired, garbage }
    }

    /// Placeholders: EVENT, SEAT, SEAT2, OTHER_SEAT (a seat of another event), GA, RES (the buyer's reservation).
    static let cases: [Case] = [
        Case(description: "malformed JSON", method: .post, path: "/api/v1/reservations", body: "{\"event_id\": ", token: .buyer, status: 400, error: "INVALID_JSON"),
        Case(description: "empty body", method: .post, path: "/api/v1/reservations", body: "", token: .buyer, status: 400, error: "INVALID_JSON"),
        Case(description: "array body", method: .post, path: "/api/v1/reservations", body: "[1,2]", token: .buyer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "seat_ids wrong type", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","seat_ids":"SEAT"}"#, token: .buyer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "event_id a number", method: .post, path: "/api/v1/reservations", body: #"{"event_id":42,"seat_ids":["SEAT"]}"#, token: .buyer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "empty seat list", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","seat_ids":[]}"#, token: .buyer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "duplicate seats", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","seat_ids":["SEAT","SEAT"]}"#, token: .buyer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "seat of another event", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","seat_ids":["SEAT","OTHER_SEAT"]}"#, token: .buyer, status: 422, error: "INVALID_SEATS"),
        Case(description: "unknown seat", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","seat_ids":["00000000-0000-0000-0000-000000000001"]}"#, token: .buyer, status: 422, error: "INVALID_SEATS"),
        Case(description: "seat id not a uuid", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","seat_ids":["A1"]}"#, token: .buyer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "unknown event", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"00000000-0000-0000-0000-000000000002","seat_ids":["SEAT"]}"#, token: .buyer, status: 404, error: "EVENT_NOT_FOUND"),
        Case(description: "negative GA quantity", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","section_id":"GA","quantity":-3}"#, token: .buyer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "zero GA quantity", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","section_id":"GA","quantity":0}"#, token: .buyer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "huge GA quantity", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","section_id":"GA","quantity":1000000}"#, token: .buyer, status: 422, error: "TICKET_LIMIT_EXCEEDED"),
        Case(description: "quantity beyond Int", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","section_id":"GA","quantity":1e40}"#, token: .buyer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "fractional quantity", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","section_id":"GA","quantity":1.5}"#, token: .buyer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "GA quantity on a seated section", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","section_id":"SEATED","quantity":1}"#, token: .buyer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "seats and quantity together", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","seat_ids":["SEAT"],"section_id":"GA","quantity":1}"#, token: .buyer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "no token", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","seat_ids":["SEAT"]}"#, token: .none, status: 401, error: "UNAUTHORIZED"),
        Case(description: "forged token", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","seat_ids":["SEAT"]}"#, token: .forged, status: 401, error: "INVALID_TOKEN"),
        Case(description: "expired token", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","seat_ids":["SEAT"]}"#, token: .expired, status: 401, error: "TOKEN_EXPIRED"),
        Case(description: "garbage token", method: .post, path: "/api/v1/reservations", body: #"{"event_id":"EVENT","seat_ids":["SEAT"]}"#, token: .garbage, status: 401, error: "INVALID_TOKEN"),
        Case(description: "confirm without payment method", method: .post, path: "/api/v1/reservations/RES/confirm", body: "{}", token: .buyer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "confirm with blank payment method", method: .post, path: "/api/v1/reservations/RES/confirm", body: #"{"payment_method_id":"  "}"#, token: .buyer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "confirm an unknown reservation", method: .post, path: "/api/v1/reservations/00000000-0000-0000-0000-000000000003/confirm", body: #"{"payment_method_id":"pm_card_visa"}"#, token: .buyer, status: 404, error: "RESERVATION_NOT_FOUND"),
        Case(description: "reservation id not a uuid", method: .get, path: "/api/v1/reservations/nope", body: nil, token: .buyer, status: 404, error: "RESERVATION_NOT_FOUND"),
        Case(description: "event id not a uuid", method: .get, path: "/api/v1/events/nope/seats", body: nil, token: .none, status: 404, error: "EVENT_NOT_FOUND"),
        Case(description: "unknown seat status filter", method: .get, path: "/api/v1/events/EVENT/seats?status=FREE", body: nil, token: .none, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "unknown section filter", method: .get, path: "/api/v1/events/EVENT/seats?section=Nowhere", body: nil, token: .none, status: 404, error: "SECTION_NOT_FOUND"),
        Case(description: "bad cursor", method: .get, path: "/api/v1/events?cursor=%%%", body: nil, token: .none, status: 400, error: "INVALID_CURSOR"),
        Case(description: "bad page size", method: .get, path: "/api/v1/events?page_size=0", body: nil, token: .none, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "bad date filter", method: .get, path: "/api/v1/events?from=yesterday", body: nil, token: .none, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "PATCH a field it cannot change", method: .patch, path: "/api/v1/events/EVENT", body: #"{"title":"Renamed","max_tickets_per_user":3}"#, token: .organizer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "buyer creates an event", method: .post, path: "/api/v1/events", body: #"{"title":"x"}"#, token: .buyer, status: 403, error: "FORBIDDEN"),
        Case(description: "event with no sections", method: .post, path: "/api/v1/events", body: #"{"title":"T","artist":"A","category":"c","venue":{"name":"v","city":"c"},"starts_at":"2031-01-01T20:00:00Z","sections":[]}"#, token: .organizer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "event with a bad date", method: .post, path: "/api/v1/events", body: #"{"title":"T","artist":"A","category":"c","venue":{"name":"v","city":"c"},"starts_at":"soon","sections":[]}"#, token: .organizer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "event with an unknown section kind", method: .post, path: "/api/v1/events", body: #"{"title":"T","artist":"A","category":"c","venue":{"name":"v","city":"c"},"starts_at":"2031-01-01T20:00:00Z","sections":[{"name":"s","price_cents":1,"kind":"vip","capacity":3}]}"#, token: .organizer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "event with a hold of 60 minutes", method: .post, path: "/api/v1/events", body: #"{"title":"T","artist":"A","category":"c","venue":{"name":"v","city":"c"},"starts_at":"2031-01-01T20:00:00Z","hold_duration_minutes":60,"sections":[{"name":"s","price_cents":1,"kind":"general_admission","capacity":3}]}"#, token: .organizer, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "register with a short password", method: .post, path: "/api/v1/auth/register", body: #"{"email":"a@b.co","password":"short","name":"A"}"#, token: .none, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "register with a bad email", method: .post, path: "/api/v1/auth/register", body: #"{"email":"not-an-email","password":"long-enough","name":"A"}"#, token: .none, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "register without a name", method: .post, path: "/api/v1/auth/register", body: #"{"email":"a@b.co","password":"long-enough"}"#, token: .none, status: 422, error: "VALIDATION_ERROR"),
        Case(description: "login with a wrong password", method: .post, path: "/api/v1/auth/login", body: #"{"email":"nobody@example.test","password":"long-enough"}"#, token: .none, status: 401, error: "INVALID_CREDENTIALS"),
        Case(description: "unknown route", method: .get, path: "/api/v1/nothing-here", body: nil, token: .none, status: 404, error: "NOT_FOUND"),
    ]

    @Test(arguments: cases, Engine.available)
    func badRequestIsRefusedClearlyAndChangesNothing(_ testCase: Case, _ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token, gaCapacity: 10)
            let eventID = try #require(event.string("event_id"))
            let other = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let seats = try await client.seatIDs(event: eventID)
            let reservation = try await client.hold([seats[5]], event: eventID, token: buyer.token)
            let reservationID = try #require(reservation.string("reservation_id"))
            // Longest placeholders first, so SEAT never eats into SEATED or OTHER_SEAT.
            let substitutions: [(String, String)] = [
                ("OTHER_SEAT", try await client.seatIDs(event: other)[0]), ("SEATED", try #require(sectionID(event, kind: "seated"))),
                ("SEAT2", seats[1]), ("SEAT", seats[0]), ("EVENT", eventID),
                ("GA", try #require(sectionID(event, kind: "general_admission"))), ("RES", reservationID),
            ]
            func fill(_ text: String) -> String {
                substitutions.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
            }
            let before = try await client.call(.get, "/api/v1/events/\(eventID)/seats").text

            let token: String? = switch testCase.token {
            case .buyer: buyer.token
            case .organizer: organizer.token
            case .none: nil
            case .garbage: "not.a.jwt"
            case .forged: try await Self.forgedToken(for: buyer.id)
            case .expired: try await Self.expiredToken(harness)
            }
            let response = try await client.call(testCase.method, fill(testCase.path), token: token, body: testCase.body.map(fill))
            #expect(response.status.code == testCase.status, "\(testCase): \(response.text)")
            #expect(response.error == testCase.error, "\(testCase): \(response.text)")
            #expect(!(response.string("message") ?? "").isEmpty, "\(testCase) explains itself")
            let message = response.string("message") ?? ""
            #expect(!["Cannot initialize", "The given data", "Dictionary", "Optional("].contains { message.contains($0) },
                    "\(testCase) explains itself without Foundation's or Swift's wording: \(message)")

            let after = try await client.call(.get, "/api/v1/events/\(eventID)/seats").text
            #expect(before == after, "\(testCase) changed the seat map")
            let held = try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: buyer.token)
            #expect(held.string("status") == "HELD")
        }
    }

    /// A token with a valid shape signed by a different secret.
    static func forgedToken(for userID: UUID) async throws -> String {
        var configuration = TestHarness.configuration(path: TestHarness.temporaryDatabasePath(), clock: ManualClock())
        configuration.jwtSecret = "a-different-secret-a-different-secret"
        let other = try await BoxOffice.open(configuration)
        let user = User(id: userID, email: "x@example.test", name: "X", passwordHash: "", role: .admin, createdAt: Date())
        return try await other.token(for: user)
    }

    /// A token that expired an hour ago by the harness's clock.
    static func expiredToken(_ harness: TestHarness) async throws -> String {
        let clock = ManualClock(harness.clock.now().addingTimeInterval(-25 * 3_600))
        var configuration = harness.configuration
        configuration.clock = clock
        let past = try await BoxOffice.open(configuration)
        let user = try await past.accounts.register(email: "late-\(UUID().text.prefix(8))@example.test", password: "long-enough", name: "Late")
        return try await past.token(for: user)
    }
}

/// A field the API does not know is refused by name, never silently ignored (as Stripe
/// refuses an unknown parameter): `hold_minutes` must not quietly become the default hold.
extension BadInputTests {
    struct UnknownField: Sendable, CustomStringConvertible {
        let description: String
        let method: HTTPRequest.Method
        let path: String
        let body: String
        let field: String
    }

    static let event = #""title":"T","artist":"A","category":"c","venue":{"name":"v","city":"c"},"starts_at":"2031-01-01T20:00:00Z""#
    static let gaSection = #"{"name":"s","price_cents":1,"kind":"general_admission","capacity":3}"#

    /// Placeholders: EVENT, SEAT, RES (the buyer's reservation).
    static let unknownFields: [UnknownField] = [
        UnknownField(description: "a misspelt hold duration", method: .post, path: "/api/v1/reservations",
                     body: #"{"event_id":"EVENT","seat_ids":["SEAT"],"hold_minutes":1}"#, field: "hold_minutes"),
        UnknownField(description: "a camelCase key", method: .post, path: "/api/v1/reservations",
                     body: #"{"event_id":"EVENT","seat_ids":["SEAT"],"holdDurationMinutes":1}"#, field: "holdDurationMinutes"),
        UnknownField(description: "an unknown key beside an escaped string", method: .post, path: "/api/v1/reservations",
                     body: #"{"event_id":"EVENT","seat_ids":["SEAT"],"presale_code":"caf\u00e9","note":null}"#, field: "note"),
        UnknownField(description: "a field of the venue", method: .post, path: "/api/v1/events",
                     body: #"{\#(event),"venue":{"name":"v","city":"c","capacity":9},"sections":[\#(gaSection)]}"#, field: "venue.capacity"),
        UnknownField(description: "a field of a section", method: .post, path: "/api/v1/events",
                     body: #"{\#(event),"sections":[\#(gaSection),{"name":"t","price_cents":1,"capacity":3,"colour":"red"}]}"#,
                     field: "sections[1].colour"),
        UnknownField(description: "a field of a row", method: .post, path: "/api/v1/events",
                     body: #"{\#(event),"sections":[{"name":"s","price_cents":1,"rows":[{"label":"A","seats":2,"aisle":true}]}]}"#,
                     field: "sections[0].rows[0].aisle"),
        UnknownField(description: "a field of the waiting room", method: .post, path: "/api/v1/events",
                     body: #"{\#(event),"sections":[\#(gaSection)],"queue":{"enabled":true,"rate":5}}"#, field: "queue.rate"),
        UnknownField(description: "a field of a presale", method: .post, path: "/api/v1/events",
                     body: #"{\#(event),"sections":[\#(gaSection)],"presales":[{"name":"F","kind":"code","code":"X","starts_at":"2030-05-01T10:00:00Z","ends_at":"2030-05-02T10:00:00Z"}]}"#,
                     field: "presales[0].code"),
        UnknownField(description: "a field no event has, in a PATCH", method: .patch, path: "/api/v1/events/EVENT",
                     body: #"{"max_tickets_per_user":3,"colour":"red"}"#, field: "colour"),
        UnknownField(description: "a field of the waiting room, in a PATCH", method: .patch, path: "/api/v1/events/EVENT",
                     body: #"{"queue":{"enabled":true,"admit_per_second":5}}"#, field: "queue.admit_per_second"),
        UnknownField(description: "a field of a confirm", method: .post, path: "/api/v1/reservations/RES/confirm",
                     body: #"{"payment_method_id":"pm_card_visa","tip_cents":500}"#, field: "tip_cents"),
        UnknownField(description: "a role at registration", method: .post, path: "/api/v1/auth/register",
                     body: #"{"email":"a@b.co","password":"long-enough","name":"A","role":"admin"}"#, field: "role"),
        UnknownField(description: "a field of a login", method: .post, path: "/api/v1/auth/login",
                     body: #"{"email":"a@b.co","password":"long-enough","remember_me":true}"#, field: "remember_me"),
        UnknownField(description: "a field of a scan", method: .post, path: "/api/v1/checkin",
                     body: #"{"qr_code":"x","event_id":"EVENT","gate":"B"}"#, field: "gate"),
        UnknownField(description: "a field of an offline scan", method: .post, path: "/api/v1/checkin/batch",
                     body: #"{"event_id":"EVENT","scans":[{"qr_code":"x","scanned_at":"2030-01-01T10:00:00Z","device":"d"}]}"#,
                     field: "scans[0].device"),
        UnknownField(description: "a field of a new scanner", method: .post, path: "/api/v1/staff",
                     body: #"{"email":"d@b.co","password":"long-enough","name":"D","role":"admin"}"#, field: "role"),
    ]

    @Test(arguments: unknownFields)
    func anUnknownFieldIsRefusedByName(_ testCase: UnknownField) async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let seats = try await client.seatIDs(event: eventID)
            let reservationID = try #require(try await client.hold([seats[5]], event: eventID, token: buyer.token).string("reservation_id"))
            let fill = { (text: String) in
                text.replacingOccurrences(of: "EVENT", with: eventID).replacingOccurrences(of: "SEAT", with: seats[0])
                    .replacingOccurrences(of: "RES", with: reservationID)
            }
            let token = testCase.path.contains("events") || testCase.path.contains("checkin") || testCase.path.contains("staff")
                ? organizer.token : buyer.token
            let before = try await client.call(.get, "/api/v1/events/\(eventID)").text

            let response = try await client.call(testCase.method, fill(testCase.path), token: token, body: fill(testCase.body))

            #expect(response.status == .unprocessableContent, "\(testCase): \(response.text)")
            #expect(response.error == "VALIDATION_ERROR", "\(testCase): \(response.text)")
            #expect(response.string("field") == testCase.field, "\(testCase): \(response.text)")
            #expect(response.string("message") == "\(testCase.field) is not a known field", "\(testCase): \(response.text)")
            #expect(try await client.call(.get, "/api/v1/events/\(eventID)").text == before, "\(testCase) changed the event")
            let held = try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: buyer.token)
            #expect(held.string("status") == "HELD", "\(testCase) changed the reservation")
        }
    }

    /// PATCH of an event's field that PATCH cannot change says what PATCH changes.
    @Test func patchingAFieldThatCannotChangeSaysWhatCan() async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let renamed = try await client.call(.patch, "/api/v1/events/\(eventID)", token: organizer.token, body: ["title": "Renamed"])
            #expect(renamed.status == .unprocessableContent)
            #expect(renamed.string("field") == "title")
            #expect(renamed.string("message") == "title cannot be changed here; PATCH changes sale_starts_at, hold_duration_minutes, max_tickets_per_user, queue, presales, refund_policy")
        }
    }

    /// The reference design's confirm carries a billing address: accepted (and ignored).
    @Test func aConfirmMayCarryABillingAddress() async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let seats = try await client.seatIDs(event: eventID)
            let reservationID = try #require(try await client.hold([seats[0]], event: eventID, token: buyer.token).string("reservation_id"))
            let confirmed = try await client.call(.post, "/api/v1/reservations/\(reservationID)/confirm", token: buyer.token, body: [
                "payment_method_id": "pm_card_visa",
                "billing_address": ["line1": "1 Main St", "city": "Springfield", "postal_code": "12345", "country": "US", "unit": 4.5],
            ])
            #expect(confirmed.status == .ok, "\(confirmed.text)")
            #expect(confirmed.string("status") == "CONFIRMED")
        }
    }
}

/// A number where an integer belongs is refused by the field's name, whether it has a
/// fraction or is too large, wherever the field is.
extension BadInputTests {
    @Test(arguments: [
        ("/api/v1/reservations", #"{"event_id":"EVENT","section_id":"GA","quantity":1.5}"#, "quantity", "must be a whole number"),
        ("/api/v1/reservations", #"{"event_id":"EVENT","section_id":"GA","quantity":2,"hold_duration_minutes":7.5}"#,
         "hold_duration_minutes", "must be a whole number"),
        ("/api/v1/reservations", #"{"event_id":"EVENT","section_id":"GA","quantity":1e40}"#, "quantity", "is out of range"),
        ("/api/v1/events", #"{\#(event),"max_tickets_per_user":2.5,"sections":[\#(gaSection)]}"#, "max_tickets_per_user", "must be a whole number"),
        ("/api/v1/events", #"{\#(event),"sections":[\#(gaSection),{"name":"t","price_cents":12.5,"capacity":3}]}"#,
         "sections[1].price_cents", "must be a whole number"),
        ("/api/v1/events", #"{\#(event),"sections":[{"name":"s","price_cents":1,"rows":[{"label":"A","seats":2},{"label":"B","seats":0.5}]}]}"#,
         "sections[0].rows[1].seats", "must be a whole number"),
        ("/api/v1/events", #"{\#(event),"sections":[\#(gaSection)],"queue":{"enabled":true,"admit_per_minute":99.9}}"#,
         "queue.admit_per_minute", "must be a whole number"),
    ])
    func aNumberThatIsNotAWholeNumberIsRefusedByName(_ path: String, _ body: String, _ field: String, _ reason: String) async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token, gaCapacity: 10)
            let eventID = try #require(event.string("event_id"))
            let gaID = try #require(sectionID(event, kind: "general_admission"))
            let filled = body.replacingOccurrences(of: "EVENT", with: eventID).replacingOccurrences(of: "\"GA\"", with: "\"\(gaID)\"")

            let response = try await client.call(.post, path, token: organizer.token, body: filled)

            #expect(response.status == .unprocessableContent, "\(response.text)")
            #expect(response.error == "VALIDATION_ERROR")
            #expect(response.string("field") == field, "\(response.text)")
            #expect(response.string("message") == "\(field) \(reason)")
        }
    }

    @Test func aWholeNumberWrittenWithAFractionIsAccepted() async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token, gaCapacity: 10)
            let body = #"{"event_id":"\#(try #require(event.string("event_id")))","section_id":"\#(try #require(sectionID(event, kind: "general_admission")))","quantity":2.0}"#
            let held = try await client.call(.post, "/api/v1/reservations", token: buyer.token, body: body)
            #expect(held.status == .created, "\(held.text)")
            #expect(held.int("quantity") == 2)
        }
    }

    @Test func aNumberWhereTextBelongsIsStillAWrongType() async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        try await harness.withClient { client in
            let response = try await client.call(.post, "/api/v1/events", token: organizer.token,
                                                 body: #"{"title":1.5,"artist":"A","category":"c","venue":{"name":"v","city":"c"},"starts_at":"2031-01-01T20:00:00Z","sections":[\#(Self.gaSection)]}"#)
            #expect(response.status == .unprocessableContent)
            #expect(response.string("field") == "title")
            #expect(response.string("message") == "title must be of type string")
        }
    }
}

/// A method a known path does not take answers 405 with `Allow`; an unknown path 404.
extension BadInputTests {
    @Test(arguments: [
        (HTTPRequest.Method.delete, "/api/v1/events", "GET, POST"),
        (.put, "/api/v1/events/EVENT", "GET, PATCH"),
        (.get, "/api/v1/reservations", "POST"),
        (.post, "/api/v1/reservations/RES", "DELETE, GET"),
        (.get, "/api/v1/checkin/batch", "POST"),
        (.delete, "/healthz", "GET"),
    ])
    func aMethodAKnownPathDoesNotTakeIs405WithAllow(_ method: HTTPRequest.Method, _ path: String, _ allow: String) async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let filled = path.replacingOccurrences(of: "EVENT", with: eventID).replacingOccurrences(of: "RES", with: UUID().text)

            let response = try await client.call(method, filled, token: organizer.token)

            #expect(response.status == .methodNotAllowed, "\(method) \(path): \(response.text)")
            #expect(response.error == "METHOD_NOT_ALLOWED")
            #expect(response.headers[.allow] == allow)
            #expect(!(response.string("message") ?? "").isEmpty)
        }
    }

    @Test func anUnknownPathIsStill404AndHeadAsBefore() async throws {
        let harness = try await TestHarness.make()
        try await harness.withClient { client in
            for (method, path) in [(HTTPRequest.Method.get, "/api/v1/nothing-here"), (.post, "/api/v1/events/x/nothing"), (.delete, "/nowhere")] {
                let response = try await client.call(method, path)
                #expect(response.status == .notFound, "\(method) \(path)")
                #expect(response.error == "NOT_FOUND")
            }
            let head = try await client.executeRequest(uri: "/healthz", method: .head, headers: [:], body: nil)
            #expect(head.status == .notFound, "HEAD is answered as before this change")
        }
    }
}
