import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Door check-in: every answer, the roles, and racing scanners.
@Suite struct CheckInTests {
    struct Sold: Sendable {
        let harness: TestHarness
        let organizer: (id: UUID, token: String)
        let scanner: (id: UUID, token: String)
        let buyer: (id: UUID, token: String)
        let eventID: String
        let otherEventID: String
        let tickets: [(id: String, code: String)]
    }

    func sell(_ engine: Engine) async throws -> Sold {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let scanner = try await harness.account(.scanner, name: "Door 3")
        let buyer = try await harness.account(name: "Robin")
        return try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let other = try #require(try await client.createEvent(token: organizer.token, title: "Other").string("event_id"))
            var tickets: [(id: String, code: String)] = []
            for event in [eventID, other] {
                let seats = Array(try await client.seatIDs(event: event).prefix(2))
                let reservation = try #require(try await client.hold(seats, event: event, token: buyer.token).string("reservation_id"))
                tickets += try await client.confirm(reservation, token: buyer.token).array("tickets")
                    .map { ($0["ticket_id"] as? String ?? "", $0["qr_code"] as? String ?? "") }
            }
            return Sold(harness: harness, organizer: organizer, scanner: scanner, buyer: buyer, eventID: eventID, otherEventID: other,
                        tickets: tickets)
        }
    }

    func scan(_ client: any TestClientProtocolAlias, _ code: String, event: String, token: String?) async throws -> APIResponse {
        try await client.call(.post, "/api/v1/checkin", token: token, body: ["qr_code": code, "event_id": event])
    }

    /// Door staff an organizer makes check in at that organizer's events only, and stop
    /// the moment the organizer switches them off (token or not); house staff an admin
    /// makes without an organizer scan anywhere.
    @Test(arguments: Engine.available)
    func anOrganizersDoorStaffScanOnlyAtTheirEventsUntilSwitchedOff(_ engine: Engine) async throws {
        let sold = try await sell(engine)
        let rival = try await sold.harness.account(.organizer)
        let admin = try await sold.harness.account(.admin)
        try await sold.harness.withClient { client in
            let rivalEvent = try #require(try await client.createEvent(token: rival.token, title: "Rival").string("event_id"))
            let rivalSeats = Array(try await client.seatIDs(event: rivalEvent).prefix(1))
            let rivalHold = try #require(try await client.hold(rivalSeats, event: rivalEvent, token: sold.buyer.token).string("reservation_id"))
            let rivalCode = try #require(try await client.confirm(rivalHold, token: sold.buyer.token).array("tickets").first?["qr_code"] as? String)

            func newScanner(_ token: String, email: String, organizerID: String? = nil) async throws -> APIResponse {
                var body: [String: Any] = ["email": email, "password": "door-staff-pass", "name": "Door"]
                if let organizerID { body["organizer_id"] = organizerID }
                return try await client.call(.post, "/api/v1/staff", token: token, body: body)
            }
            func login(_ email: String) async throws -> APIResponse {
                try await client.call(.post, "/api/v1/auth/login", body: ["email": email, "password": "door-staff-pass"])
            }
            let made = try await newScanner(sold.organizer.token, email: "door-a@example.test")
            #expect(made.status == .created)
            #expect(made.string("role") == "scanner")
            #expect(made.string("organizer_id") == sold.organizer.id.text)
            let staffID = try #require(made.string("user_id"))
            let staffToken = try #require(try await login("door-a@example.test").string("token"))

            #expect(try await scan(client, sold.tickets[0].code, event: sold.eventID, token: staffToken).string("result") == "VALID")
            let elsewhere = try await scan(client, rivalCode, event: rivalEvent, token: staffToken)
            #expect(elsewhere.status == .forbidden, "another organizer's event")
            #expect(try await client.call(.get, "/api/v1/events/\(rivalEvent)/checkin-list", token: staffToken).status == .forbidden)
            #expect(try await scan(client, rivalCode, event: rivalEvent, token: sold.scanner.token).string("result") == "VALID",
                    "house staff scan anywhere")

            let listed = try await client.call(.get, "/api/v1/staff", token: sold.organizer.token)
            #expect(listed.array("staff").compactMap { $0["user_id"] as? String } == [staffID])
            #expect(try await client.call(.get, "/api/v1/staff", token: rival.token).array("staff").isEmpty)
            #expect(try await client.call(.get, "/api/v1/staff", token: sold.buyer.token).status == .forbidden)
            #expect(try await newScanner(sold.buyer.token, email: "door-x@example.test").status == .forbidden)
            #expect(try await newScanner(sold.organizer.token, email: "door-y@example.test", organizerID: rival.id.text).status == .forbidden,
                    "an organizer makes staff only for themselves")
            #expect(try await newScanner(sold.organizer.token, email: "door-a@example.test").error == "EMAIL_TAKEN")
            let forRival = try await newScanner(admin.token, email: "door-b@example.test", organizerID: rival.id.text)
            #expect(forRival.string("organizer_id") == rival.id.text)
            #expect(try await newScanner(admin.token, email: "door-c@example.test", organizerID: sold.buyer.id.text).error == "VALIDATION_ERROR")

            #expect(try await client.call(.delete, "/api/v1/staff/\(staffID)", token: rival.token).status == .notFound,
                    "not the rival's staff")
            let off = try await client.call(.delete, "/api/v1/staff/\(staffID)", token: sold.organizer.token)
            #expect(off.status == .ok)
            #expect(off.string("disabled_at") != nil)
            let afterwards = try await scan(client, sold.tickets[1].code, event: sold.eventID, token: staffToken)
            #expect(afterwards.status == .unauthorized, "switched off: the old token no longer checks in")
            #expect(afterwards.error == "ACCOUNT_DISABLED")
            #expect(try await client.call(.get, "/api/v1/me/tickets", token: staffToken).error == "ACCOUNT_DISABLED",
                    "nor does anything else")
            #expect(try await login("door-a@example.test").error == "INVALID_CREDENTIALS")
            #expect(try await scan(client, sold.tickets[1].code, event: sold.eventID, token: sold.scanner.token).string("result") == "VALID",
                    "the refused scan changed nothing")
        }
    }

    @Test(arguments: Engine.available)
    func eachAnswerAtTheDoor(_ engine: Engine) async throws {
        let sold = try await sell(engine)
        let code = sold.tickets[0].code
        try await sold.harness.withClient { client in
            let first = try await scan(client, code, event: sold.eventID, token: sold.scanner.token)
            #expect(first.status == .ok)
            #expect(first.string("result") == "VALID")
            #expect(first.string("ticket_id") == sold.tickets[0].id)
            #expect(first.string("seat") == "A1")
            #expect(first.string("holder_name") == "Robin")
            let firstAt = try #require(first.string("checked_in_at"))

            sold.harness.clock.advance(by: 90)
            let again = try await scan(client, code, event: sold.eventID, token: sold.scanner.token)
            #expect(again.string("result") == "ALREADY_USED")
            #expect(again.string("checked_in_at") == firstAt, "the first scan's time")
            let ticket = try await client.call(.get, "/api/v1/tickets/\(first.string("ticket_id")!)", token: sold.buyer.token)
            #expect(ticket.string("status") == "USED")

            var tampered = Array(code)
            let middle = tampered.count / 2
            tampered[middle] = tampered[middle] == "A" ? "B" : "A"
            #expect(try await scan(client, String(tampered), event: sold.eventID, token: sold.scanner.token).string("result") == "FORGED")
            #expect(try await scan(client, "not a ticket", event: sold.eventID, token: sold.scanner.token).string("result") == "FORGED")
            let forger = TicketSigner.generate()
            let forged = try forger.sign(TicketPayload(ticketID: UUID(uuidString: sold.tickets[1].id)!,
                                                       eventID: UUID(uuidString: sold.eventID)!, sectionID: UUID(), seatID: nil,
                                                       seat: "A2", holderName: "Robin", issuedAt: Date()))
            #expect(try await scan(client, forged, event: sold.eventID, token: sold.scanner.token).string("result") == "FORGED")

            let elsewhere = sold.tickets[2].code
            let wrong = try await scan(client, elsewhere, event: sold.eventID, token: sold.scanner.token)
            #expect(wrong.string("result") == "WRONG_EVENT")
            #expect(wrong.string("event_id") == sold.otherEventID)

            let voided = sold.tickets[1].id
            try await sold.harness.hooks.executeForTesting("UPDATE tickets SET status = 'CANCELLED' WHERE ticket_id = '\(voided)'")
            let cancelled = try await scan(client, sold.tickets[1].code, event: sold.eventID,
                                           token: sold.scanner.token)
            #expect(cancelled.string("result") == "VOIDED")
        }
    }

    /// A ticket issued before the compact codes (its `BO1` JSON code, signed by the same
    /// key, is the code stored with it) still checks in, online and in a batch.
    @Test(arguments: Engine.available)
    func olderJSONCodesStillCheckIn(_ engine: Engine) async throws {
        let sold = try await sell(engine)
        try await sold.harness.withClient { client in
            var legacy: [String] = []
            for ticket in sold.tickets.prefix(2) {
                let record = try await client.call(.get, "/api/v1/tickets/\(ticket.id)", token: sold.buyer.token).json
                let payload = TicketPayload(
                    ticketID: UUID(uuidString: ticket.id)!, eventID: UUID(uuidString: sold.eventID)!,
                    sectionID: UUID(uuidString: record["section_id"] as! String)!, seatID: UUID(uuidString: record["seat_id"] as! String),
                    seat: record["seat"] as! String, holderName: "Robin", issuedAt: Date())
                legacy.append(try sold.harness.system.signer.signLegacy(payload))
            }
            #expect(legacy.allSatisfy { $0.hasPrefix("BO1.") })
            // As the earlier version stored them: the ticket's code is its BO1 code.
            for (ticket, code) in zip(sold.tickets, legacy) {
                try await sold.harness.hooks.executeForTesting("UPDATE tickets SET qr_code = '\(code)' WHERE ticket_id = '\(ticket.id)'")
            }
            let first = try await scan(client, legacy[0], event: sold.eventID, token: sold.scanner.token)
            #expect(first.string("result") == "VALID")
            #expect(first.string("ticket_id") == sold.tickets[0].id)
            #expect(first.string("seat") == "A1")
            #expect(try await scan(client, legacy[0], event: sold.eventID, token: sold.scanner.token).string("result") == "ALREADY_USED")
            // A compact code the server never issued for that ticket is not its code.
            #expect(try await scan(client, sold.tickets[1].code, event: sold.eventID, token: sold.scanner.token).string("result") == "VOIDED")
            let batch = try await client.call(.post, "/api/v1/checkin/batch", token: sold.scanner.token, body: [
                "event_id": sold.eventID, "scans": [["qr_code": legacy[1], "scanned_at": ISO8601DateFormatter().string(from: sold.harness.clock.now())]],
            ])
            #expect(batch.array("results").first?["result"] as? String == "VALID")
        }
    }

    @Test(arguments: Engine.available)
    func onlyDoorStaffMayCheckIn(_ engine: Engine) async throws {
        let sold = try await sell(engine)
        let code = sold.tickets[0].code
        let otherOrganizer = try await sold.harness.account(.organizer)
        try await sold.harness.withClient { client in
            #expect(try await scan(client, code, event: sold.eventID, token: nil).status == .unauthorized)
            #expect(try await scan(client, code, event: sold.eventID, token: sold.buyer.token).status == .forbidden)
            #expect(try await scan(client, code, event: sold.eventID, token: otherOrganizer.token).status == .forbidden)
            #expect(try await scan(client, code, event: UUID().text, token: sold.scanner.token).status == .notFound)
            let bad = try await client.call(.post, "/api/v1/checkin", token: sold.scanner.token, body: ["qr_code": code])
            #expect(bad.status == .unprocessableContent)
            let ticket = try await client.call(.get, "/api/v1/tickets/\(sold.tickets[0].id)", token: sold.buyer.token)
            #expect(ticket.string("status") == "ACTIVE", "refused scans change nothing")
            #expect(try await scan(client, code, event: sold.eventID, token: sold.organizer.token).string("result") == "VALID")
        }
    }

    @Test(arguments: Engine.available)
    func scannersRacingOnOneTicketAdmitItOnce(_ engine: Engine) async throws {
        let sold = try await sell(engine)
        let code = sold.tickets[0].code
        var scanners: [String] = []
        for _ in 0..<20 { scanners.append(try await sold.harness.account(.scanner).token) }
        let tokens = scanners
        let results = try await sold.harness.withClient { client in
            try await withThrowingTaskGroup(of: String?.self) { group in
                for token in tokens { group.addTask { try await scan(client, code, event: sold.eventID, token: token).string("result") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(results.filter { $0 == "VALID" }.count == 1)
        #expect(results.filter { $0 == "ALREADY_USED" }.count == 19)
    }

    @Test(arguments: Engine.available)
    func rotatingTheKeyKeepsOldTicketsValid(_ engine: Engine) async throws {
        let sold = try await sell(engine)
        let oldKey = sold.harness.system.keyring.current.keyID
        let keyPath = sold.harness.configuration.resolvedTicketKeyPath
        _ = try await TicketKeyFile.rotate(path: keyPath, store: sold.harness.system.store)
        let restarted = try await sold.harness.restarted()
        #expect(restarted.system.keyring.signers.count == 2)
        #expect(restarted.system.keyring.current.keyID != oldKey)
        try await restarted.withClient { client in
            let keys = try await client.call(.get, "/api/v1/keys/tickets").array("keys").compactMap { $0["key_id"] as? String }
            #expect(Set(keys) == Set(restarted.system.keyring.signers.map(\.keyID)))
            let seat = try await client.seatIDs(event: sold.eventID, status: "AVAILABLE")[0]
            let reservation = try #require(try await client.hold([seat], event: sold.eventID, token: sold.buyer.token).string("reservation_id"))
            let fresh = try #require(try await client.confirm(reservation, token: sold.buyer.token).array("tickets").first?["qr_code"] as? String)
            #expect(TicketSigner.signingKeyID(of: fresh) == restarted.system.keyring.current.keyID, "new tickets use the new key")
            #expect(TicketSigner.signingKeyID(of: sold.tickets[0].code) == oldKey)
            #expect(try await scan(client, sold.tickets[0].code, event: sold.eventID, token: sold.scanner.token).string("result") == "VALID")
            #expect(try await scan(client, fresh, event: sold.eventID, token: sold.scanner.token).string("result") == "VALID")
        }
    }
}

extension CheckInTests {
    @Test(arguments: Engine.available)
    func offlineDoorsSyncTheListAndUploadScansFirstScanWins(_ engine: Engine) async throws {
        let sold = try await sell(engine)
        let clock = sold.harness.clock
        @Sendable func at(_ seconds: TimeInterval) -> String {
            ISO8601DateFormatter().string(from: clock.now().addingTimeInterval(seconds))
        }
        try await sold.harness.withClient { client in
            let list = try await client.call(.get, "/api/v1/events/\(sold.eventID)/checkin-list", token: sold.scanner.token)
            #expect(list.status == .ok)
            #expect(Set(list.array("valid").compactMap { $0["ticket_id"] as? String }) == [sold.tickets[0].id, sold.tickets[1].id])
            let cursor = try #require(list.string("cursor"))
            #expect(try await client.call(.get, "/api/v1/events/\(sold.eventID)/checkin-list", token: sold.buyer.token).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/events/\(sold.eventID)/checkin-list?cursor=x", token: sold.scanner.token).status == .badRequest)

            let future = try await client.call(.post, "/api/v1/checkin/batch", token: sold.scanner.token, body: [
                "event_id": sold.eventID,
                "scans": [["qr_code": sold.tickets[0].code, "scanned_at": at(-1)],
                          ["qr_code": sold.tickets[0].code, "scanned_at": at(3_600)]],
            ])
            #expect(future.status == .unprocessableContent, "a scan an hour ahead of the server's clock")
            #expect(future.string("field") == "scans[1].scanned_at")

            // Two doors scanned ticket 0 offline; the later scan is listed first in the upload.
            let batch = try await client.call(.post, "/api/v1/checkin/batch", token: sold.scanner.token, body: [
                "event_id": sold.eventID,
                "scans": [["qr_code": sold.tickets[0].code, "scanned_at": at(10), "device_id": "door-a"],
                          ["qr_code": sold.tickets[0].code, "scanned_at": at(5), "device_id": "door-b"],
                          ["qr_code": "garbage", "scanned_at": at(6)]],
            ])
            #expect(batch.status == .ok)
            let results = batch.array("results")
            #expect(results.map { $0["result"] as? String } == ["ALREADY_USED", "VALID", "FORGED"])
            #expect(results[0]["conflict"] as? Bool == true)
            #expect(results[1]["conflict"] as? Bool == false, "the scan that won lost to nothing")
            #expect(results[0]["checked_in_at"] as? String == at(5), "the first scan wins")
            #expect(batch.int("conflicts") == 1)

            // An online scan is recorded; an earlier offline scan uploaded later becomes the first.
            clock.advance(by: 60)
            #expect(try await scan(client, sold.tickets[1].code, event: sold.eventID, token: sold.scanner.token).string("result") == "VALID")
            let late = try await client.call(.post, "/api/v1/checkin/batch", token: sold.scanner.token, body: [
                "event_id": sold.eventID, "scans": [["qr_code": sold.tickets[1].code, "scanned_at": at(-30)]],
            ])
            #expect(late.array("results").first?["result"] as? String == "VALID")
            #expect(late.array("results").first?["conflict"] as? Bool == false, "it came first, so it lost to nothing")
            let again = try await scan(client, sold.tickets[1].code, event: sold.eventID, token: sold.scanner.token)
            #expect(again.string("checked_in_at") == at(-30))

            try await sold.harness.hooks.executeForTesting(
                "UPDATE tickets SET status = 'CANCELLED', updated_at = \(clock.now().epochMilliseconds) WHERE ticket_id = '\(sold.tickets[1].id)'")
            clock.advance(by: 10)
            let changes = try await client.call(.get, "/api/v1/events/\(sold.eventID)/checkin-list?cursor=\(cursor)", token: sold.scanner.token)
            #expect(changes.array("used").compactMap { $0["ticket_id"] as? String } == [sold.tickets[0].id])
            #expect((changes["voided"] as? [String]) == [sold.tickets[1].id])
            #expect(changes.array("valid").isEmpty)
        }
    }
}

extension CheckInTests {
    /// A ticket scanned at three doors: the earliest scan wins and is no conflict, the
    /// other two lost to it and are.
    @Test(arguments: Engine.available)
    func onlyTheScansThatLostAreConflicts(_ engine: Engine) async throws {
        let sold = try await sell(engine)
        let now = sold.harness.clock.now()
        @Sendable func at(_ seconds: TimeInterval) -> String { ISO8601DateFormatter().string(from: now.addingTimeInterval(seconds)) }
        try await sold.harness.withClient { client in
            let code = sold.tickets[0].code
            let batch = try await client.call(.post, "/api/v1/checkin/batch", token: sold.scanner.token, body: [
                "event_id": sold.eventID,
                "scans": [["qr_code": code, "scanned_at": at(-20)], ["qr_code": code, "scanned_at": at(-40)],
                          ["qr_code": code, "scanned_at": at(-10)], ["qr_code": sold.tickets[1].code, "scanned_at": at(-5)]],
            ])

            #expect(batch.status == .ok)
            let results = batch.array("results")
            #expect(results.map { $0["result"] as? String } == ["ALREADY_USED", "VALID", "ALREADY_USED", "VALID"])
            #expect(results.map { $0["conflict"] as? Bool } == [true, false, true, false])
            #expect(batch.int("conflicts") == 2)
        }
    }
}

typealias TestClientProtocolAlias = TestClientProtocol
