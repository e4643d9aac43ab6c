import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeServer
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Buyers' emails against real SMTP servers (aiosmtpd on loopback), read back with
/// Python's MIME parser: the confirmation's QR images decode (zbarimg) to the tickets'
/// payloads, its PDF's text (pdftotext) has the seats and holders, its calendar file has
/// the start; retries, refusals recorded on the order, STARTTLS, SMTPS and AUTH.
@Suite(.enabled(if: TestSMTP.isAvailable, TestSMTP.skipNote))
struct MailTests {
    static func harness(_ engine: Engine = .sqlite, smtp: String?, requireTLS: Bool = false) async throws -> TestHarness {
        try await TestHarness.make(engine: engine) { configuration in
            configuration.smtpURL = smtp
            configuration.smtpRequireTLS = requireTLS
            configuration.smtpTrustRootsFile = TestSMTP.caFile
            configuration.mailFrom = "BoxOffice Tickets <tickets@boxoffice.test>"
            configuration.publicURL = "https://tickets.example.org"
        }
    }

    /// A buyer with a chosen address (its local part steers the test server: tempfail..., reject...).
    static func buyer(_ harness: TestHarness, prefix: String = "fan", name: String = "Zoë Müller") async throws -> (email: String, token: String) {
        let email = "\(prefix)-\(UUID().text.prefix(12))@example.test"
        let user = try await harness.system.accounts.register(email: email, password: "correct-horse", name: name, role: .customer)
        return (email, try await harness.system.token(for: user))
    }

    /// An event in Berlin (20:00 UTC is 22:00 there in June) with two seated rows and a GA floor.
    static func berlinEvent(_ client: some TestClientProtocol, token: String) async throws -> APIResponse {
        try await client.createEvent(token: token, gaCapacity: 50, title: "Sommernacht Open Air",
                                     extra: ["venue": ["name": "Waldbühne", "city": "Berlin", "time_zone": "Europe/Berlin"]])
    }

    /// One paid seat and one dispatch pass: the order, and its emails as the buyer reads them.
    static func paidOrder(_ harness: TestHarness, _ client: some TestClientProtocol, organizer: String, buyer: String) async throws
        -> (order: String, emails: [[String: Any]]) {
        let (_, _, held) = try await client.heldSeats(1, organizer: organizer, buyer: buyer)
        #expect(try await client.confirm(held, token: buyer).status == .ok)
        try await harness.system.dispatcher.runOnce()
        return (held, try await client.call(.get, "/api/v1/reservations/\(held)/emails", token: buyer).array("emails"))
    }

    @Test(arguments: Engine.available)
    func theConfirmationCarriesEveryTicketItsQRCodeAPDFAndTheEvent(_ engine: Engine) async throws {
        let harness = try await Self.harness(engine, smtp: TestSMTP.url(.startTLS, login: true), requireTLS: true)
        let organizer = try await harness.account(.organizer)
        let buyer = try await Self.buyer(harness)
        try await harness.withClient { client in
            let event = try await Self.berlinEvent(client, token: organizer.token)
            let eventID = try #require(event.string("event_id"))
            #expect((event["venue"] as? [String: Any])?["time_zone"] as? String == "Europe/Berlin")
            let seats = try await client.seatIDs(event: eventID)
            let held = try #require(try await client.hold([seats[0], seats[1]], event: eventID, token: buyer.token).string("reservation_id"))
            let confirmed = try await client.confirm(held, token: buyer.token)
            #expect(confirmed.status == .ok)
            let tickets = confirmed.array("tickets")
            try await harness.system.dispatcher.runOnce()

            let received = TestSMTP.received(for: buyer.email)
            let state = try await client.call(.get, "/api/v1/reservations/\(held)/emails", token: buyer.token).text
            try #require(received.count == 1, "\(state)")
            #expect(received[0].tls && received[0].login == "boxoffice", "STARTTLS, then AUTH")
            #expect(received[0].mailFrom == "tickets@boxoffice.test")
            let mail = try InspectedMail(path: received[0].path)
            #expect(mail.subject.hasPrefix("Your tickets: Sommernacht Open Air"))
            #expect(mail.to.contains("Zoë Müller") && mail.to.contains(buyer.email), "the name survives its encoding")
            #expect(mail.structure == "multipart/mixed(multipart/related(multipart/alternative(text/plain,text/html),image/png,image/png),"
                + "application/pdf,text/calendar)")
            #expect(mail.text.contains("22:00"), "the time is the venue's: \(mail.text)")
            #expect(mail.text.contains("Waldbühne, Berlin") && mail.text.contains("USD 100.00"))

            // Each inline image is referenced by the HTML and decodes to its ticket's signed payload.
            let images = mail.parts(ofType: "image/png")
            var decoded: [String] = []
            for image in images {
                let cid = try #require(image.contentID)
                #expect(mail.html.contains("cid:\(cid)") && image.disposition == "inline")
                decoded += try Tool.qrPayloads(inImage: image.file)
            }
            #expect(Set(decoded) == Set(tickets.compactMap { $0["qr_code"] as? String }))
            for ticket in tickets {
                let id = try #require(ticket["ticket_id"] as? String)
                let page = try #require(ticket["page_url"] as? String)
                #expect(mail.html.contains("https://tickets.example.org" + page.replacingOccurrences(of: "&", with: "&amp;")),
                        "a link to each ticket's page")
            }

            // The PDF: a page per ticket, with the seat, the holder and the ticket id, and QR codes that scan.
            let pdf = try #require(mail.parts(ofType: "application/pdf").first)
            #expect(pdf.disposition == "attachment" && pdf.filename?.hasSuffix(".pdf") == true)
            #expect(try Tool.pdfPages(pdf.file) == 2)
            let text = try Tool.pdfText(pdf.file)
            for ticket in tickets {
                #expect(text.contains(try #require(ticket["ticket_id"] as? String)))
            }
            #expect(text.contains("Zoë Müller") && text.contains("Stalls") && text.contains("Waldbühne") && text.contains("22:00"))
            #expect(text.contains("SEAT") && text.contains("ROW"))
            for seat in ["1", "2"] {
                #expect(text.range(of: "Stalls\\s+A\\s+\(seat)\\b", options: .regularExpression) != nil, "section, row and seat \(seat) on a page")
            }
            #expect(Set(try Tool.qrPayloads(inPDF: pdf.file)) == Set(tickets.compactMap { $0["qr_code"] as? String }))

            // The calendar file: one event at the start time, at the venue.
            let calendar = try String(contentsOfFile: try #require(mail.parts(ofType: "text/calendar").first).file, encoding: .utf8)
            let lines = Self.unfolded(calendar)
            #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
            #expect(lines.contains("DTSTART:20300601T200000Z"))
            #expect(lines.contains("UID:\(eventID)@boxoffice"))
            #expect(lines.contains("LOCATION:Waldbühne\\, Berlin"))
            #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 1)

            // Sent once: another pass sends nothing, and the order shows the email as SENT.
            try await harness.system.dispatcher.runOnce()
            #expect(TestSMTP.received(for: buyer.email).count == 1)
            let emails = try await client.call(.get, "/api/v1/reservations/\(held)/emails", token: organizer.token)
            #expect(emails.status == .ok)
            #expect(emails.array("emails").map { $0["kind"] as? String } == ["order_confirmation"])
            #expect(emails.array("emails").first?["status"] as? String == "SENT")
            #expect(emails.array("emails").first?["to"] as? String == buyer.email)
            let stranger = try await harness.account()
            #expect(try await client.call(.get, "/api/v1/reservations/\(held)/emails", token: stranger.token).error == "RESERVATION_NOT_FOUND")
        }
    }

    /// The lines of an iCalendar file with folded lines joined (RFC 5545 §3.1).
    static func unfolded(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test func aTemporaryFailureIsRetriedAndARefusalIsRecordedOnTheOrder() async throws {
        let harness = try await Self.harness(smtp: TestSMTP.url(.plain))
        let organizer = try await harness.account(.organizer)
        let later = try await Self.buyer(harness, prefix: "tempfail")
        let refused = try await Self.buyer(harness, prefix: "reject")
        let fine = try await Self.buyer(harness)
        let afterData = try await Self.buyer(harness, prefix: "datafail")
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let seats = try await client.seatIDs(event: eventID)
            var orders: [String] = []
            for (index, buyer) in [later, refused, fine, afterData].enumerated() {
                let held = try #require(try await client.hold([seats[index]], event: eventID, token: buyer.token).string("reservation_id"))
                #expect(try await client.confirm(held, token: buyer.token).status == .ok)
                orders.append(held)
            }
            try await harness.system.dispatcher.runOnce()
            #expect(TestSMTP.received(for: fine.email).count == 1, "one refusal does not stop the others in its batch")

            let retried = try #require(try await client.call(.get, "/api/v1/reservations/\(orders[0])/emails", token: organizer.token)
                .array("emails").first)
            #expect(retried["status"] as? String == "PENDING" && retried["attempts"] as? Int == 1)
            #expect((retried["last_error"] as? String)?.contains("451") == true)
            #expect(retried["next_attempt_at"] is String)
            let failed = try #require(try await client.call(.get, "/api/v1/reservations/\(orders[1])/emails", token: organizer.token)
                .array("emails").first)
            #expect(failed["status"] as? String == "FAILED" && (failed["last_error"] as? String)?.contains("550") == true,
                    "the organizer sees the refusal: \(failed)")
            let rejectedData = try #require(try await client.call(.get, "/api/v1/reservations/\(orders[3])/emails", token: organizer.token)
                .array("emails").first)
            #expect(rejectedData["status"] as? String == "FAILED" && (rejectedData["last_error"] as? String)?.contains("554") == true,
                    "a refusal after DATA is permanent too")

            // Not due yet: nothing is tried; after the first delay it is tried again.
            try await harness.system.dispatcher.runOnce()
            #expect(try await client.call(.get, "/api/v1/reservations/\(orders[0])/emails", token: organizer.token)
                .array("emails").first?["attempts"] as? Int == 1)
            harness.clock.advance(by: 11)
            try await harness.system.dispatcher.runOnce()
            #expect(try await client.call(.get, "/api/v1/reservations/\(orders[0])/emails", token: organizer.token)
                .array("emails").first?["attempts"] as? Int == 2)
            #expect(try await client.call(.get, "/api/v1/reservations/\(orders[1])/emails", token: organizer.token)
                .array("emails").first?["attempts"] as? Int == 1, "a refused email is not tried again")

            try await harness.system.dispatcher.measureBacklog()
            let metrics = try await client.call(.get, "/metrics").text
            #expect(metrics.contains("boxoffice_emails_total{outcome=\"sent\"} 1"))
            #expect(metrics.contains("boxoffice_emails_total{outcome=\"failed\"} 2"))
            #expect(metrics.contains("boxoffice_emails_total{outcome=\"retrying\"} 2"))
            #expect(metrics.contains("boxoffice_outbox_backlog{stage=\"email_pending\"} 1"))
        }
    }

    @Test func requiredTLSSendsNothingToAServerWithoutStartTLS() async throws {
        let harness = try await Self.harness(smtp: TestSMTP.url(.plain), requireTLS: true)
        let organizer = try await harness.account(.organizer)
        let buyer = try await Self.buyer(harness)
        try await harness.withClient { client in
            let (_, emails) = try await Self.paidOrder(harness, client, organizer: organizer.token, buyer: buyer.token)
            #expect(TestSMTP.received(for: buyer.email).isEmpty)
            let email = try #require(emails.first)
            #expect(email["status"] as? String == "PENDING", "kept, to be sent once the server is fixed")
            #expect((email["last_error"] as? String)?.contains("STARTTLS") == true)
        }
    }

    @Test func implicitTLSWithALogin() async throws {
        let harness = try await Self.harness(smtp: TestSMTP.url(.smtps, login: true))
        let organizer = try await harness.account(.organizer)
        let buyer = try await Self.buyer(harness)
        try await harness.withClient { client in
            _ = try await Self.paidOrder(harness, client, organizer: organizer.token, buyer: buyer.token)
            let received = TestSMTP.received(for: buyer.email)
            #expect(received.count == 1 && received.first?.tls == true && received.first?.login == "boxoffice")
        }
    }

    @Test func aServerThatDoesNotTrustOurCertificateChoiceIsRefused() async throws {
        // Without the test CA, the self-signed certificate does not verify: nothing is sent in clear instead.
        let harness = try await TestHarness.make { configuration in
            configuration.smtpURL = TestSMTP.url(.startTLS)
        }
        let organizer = try await harness.account(.organizer)
        let buyer = try await Self.buyer(harness)
        try await harness.withClient { client in
            let (_, emails) = try await Self.paidOrder(harness, client, organizer: organizer.token, buyer: buyer.token)
            #expect(TestSMTP.received(for: buyer.email).isEmpty)
            let email = try #require(emails.first)
            #expect(email["status"] as? String == "PENDING" && email["last_error"] is String)
        }
    }
}

/// Mail without a mail server, tickets as PDF, and the cancellation and refund emails.
@Suite struct MailDirectoryTests {
    @Test(arguments: Engine.available)
    func withoutSMTPEmailsAreFilesAndACancelledEventTellsEveryBuyer(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let directory = harness.configuration.resolvedMailDirectory
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account(name: "Ada Lovelace")
        try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token, gaCapacity: 10)
            let eventID = try #require(event.string("event_id"))
            let floor = try #require(sectionID(event, kind: "general_admission"))
            let held = try #require(try await client.holdGA(3, section: floor, event: eventID, token: buyer.token).string("reservation_id"))
            #expect(try await client.confirm(held, token: buyer.token).status == .ok)
            // A purchase that fails (a declined card) sends nothing.
            let declined = try #require(try await client.holdGA(1, section: floor, event: eventID, token: buyer.token).string("reservation_id"))
            #expect(try await client.confirm(declined, token: buyer.token, card: "pm_card_chargeDeclined").status != .ok)
            try await harness.system.dispatcher.runOnce()
            var files = try Self.emails(in: directory)
            try #require(files.count == 1, "one email, for the order that was paid: \(files)")
            #expect(try await client.call(.get, "/api/v1/reservations/\(declined)/emails", token: buyer.token).array("emails").isEmpty)
            let confirmation = try InspectedMail(path: files[0])
            #expect(confirmation.subject.hasPrefix("Your tickets: Test Concert"))
            #expect(confirmation.parts(ofType: "image/png").count == 3)
            let pdf = try #require(confirmation.parts(ofType: "application/pdf").first)
            #expect(try Tool.pdfPages(pdf.file) == 3)
            #expect(try Tool.pdfText(pdf.file).contains("General admission"))

            #expect(try await client.call(.post, "/api/v1/events/\(eventID)/cancel", token: organizer.token,
                                          body: ["reason": "The stage flooded"]).status == .ok)
            _ = try await harness.system.refunds.refundCancelledEvents()
            try await harness.system.dispatcher.runOnce()
            files = try Self.emails(in: directory)
            let kinds = try files.map { try InspectedMail(path: $0).subject }
            #expect(kinds.count == 3, "\(kinds)")
            let cancellation = try InspectedMail(path: try #require(files.first { $0.contains("event_cancelled") }))
            #expect(cancellation.subject.hasPrefix("Cancelled: Test Concert"))
            #expect(cancellation.text.contains("The stage flooded") && cancellation.text.contains("USD 90.00"))
            let calendar = try String(contentsOfFile: try #require(cancellation.parts(ofType: "text/calendar").first).file, encoding: .utf8)
            #expect(calendar.contains("STATUS:CANCELLED") && calendar.contains("UID:\(eventID)@boxoffice"),
                    "the same calendar entry, cancelled")
            let receipt = try InspectedMail(path: try #require(files.first { $0.contains("-refund-") }))
            #expect(receipt.subject == "Refund of USD 90.00 for Test Concert")
            let emails = try await client.call(.get, "/api/v1/reservations/\(held)/emails", token: buyer.token).array("emails")
            // Oldest first; the cancellation and its refund may be made in the same millisecond.
            let listed = emails.compactMap { $0["kind"] as? String }
            #expect(listed.first == "order_confirmation" && listed.count == 3)
            #expect(Set(listed) == ["order_confirmation", "event_cancelled", "refund"])
            #expect(emails.allSatisfy { $0["status"] as? String == "SENT" })
        }
    }

    static func emails(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }.sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }

    @Test func aMailServerThatIsNotThereLeavesTheEmailWaiting() async throws {
        let harness = try await TestHarness.make { configuration in
            configuration.smtpURL = "smtp://127.0.0.1:1"
        }
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let (_, emails) = try await MailTests.paidOrder(harness, client, organizer: organizer.token, buyer: buyer.token)
            let email = try #require(emails.first)
            #expect(email["status"] as? String == "PENDING" && email["attempts"] as? Int == 1)
            #expect((email["last_error"] as? String)?.isEmpty == false, "why it waits: \(email)")
            #expect(email["next_attempt_at"] is String)
        }
    }

    @Test func aTicketIsAPDFForItsOwnerItsOrganizerAndItsSignedLinkOnly() async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account(name: "Grace Hopper")
        let stranger = try await harness.account()
        try await harness.withClient { client in
            let (_, _, held) = try await client.heldSeats(1, organizer: organizer.token, buyer: buyer.token)
            let ticket = try #require(try await client.confirm(held, token: buyer.token).array("tickets").first)
            let id = try #require(ticket["ticket_id"] as? String)
            let path = "/api/v1/tickets/\(id)/ticket.pdf"
            for token in [buyer.token, organizer.token] {
                let pdf = try await client.call(.get, path, token: token)
                #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
                #expect(pdf.raw.starts(with: Array("%PDF-".utf8)))
            }
            let pdf = try await client.call(.get, path, token: buyer.token)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("ticket-\(UUID().text).pdf")
            try Data(pdf.raw).write(to: file)
            let text = try Tool.pdfText(file.path)
            #expect(text.contains("Grace Hopper") && text.contains(id) && text.contains("Test Hall") && text.contains("USD 50.00"))
            #expect(text.contains("Stalls"))
            #expect(try Tool.pdfPages(file.path) == 1)
            #expect(try Tool.qrPayloads(inPDF: file.path) == [ticket["qr_code"] as? String], "the QR scans from the page")

            let signature = try #require((ticket["page_url"] as? String)?.components(separatedBy: "sig=").last)
            let signed = try await client.call(.get, "\(path)?sig=\(signature)")
            #expect(signed.status == .ok && signed.raw.starts(with: Array("%PDF-".utf8)), "the emailed link needs no session")
            #expect(try await client.call(.get, "\(path)?sig=AAAA").error == "TICKET_NOT_FOUND")
            #expect(try await client.call(.get, path, token: stranger.token).error == "TICKET_NOT_FOUND")
            #expect(try await client.call(.get, path).status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/tickets/not-a-ticket/ticket.pdf", token: buyer.token).error == "TICKET_NOT_FOUND")
        }
    }

    @Test func aVenueTimeZoneMustBeReal() async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        try await harness.withClient { client in
            let refused = try await client.createEvent(token: organizer.token,
                                                       extra: ["venue": ["name": "Hall", "city": "Nowhere", "time_zone": "Mars/Olympus"]])
            #expect(refused.status == .unprocessableContent && refused.string("field") == "venue.time_zone")
            let plain = try await client.createEvent(token: organizer.token)
            #expect((plain["venue"] as? [String: Any])?["time_zone"] as? String == "UTC", "UTC when left out")
        }
    }
}
