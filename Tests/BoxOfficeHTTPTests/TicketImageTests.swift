import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Testing

/// A ticket's QR image decodes, with a real decoder, back to its exact signed payload.
@Suite struct TicketImageTests {
    static let zbarimg = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first { FileManager.default.isExecutableFile(atPath: $0) }

    func decode(_ png: Data) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).png")
        try png.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.zbarimg!)
        process.arguments = ["--raw", "-q", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(.enabled(if: zbarimg != nil, "zbarimg (Debian's zbar-tools) is missing: QR decode test SKIPPED; scripts/test.sh installs it"))
    func qrImagesDecodeToTheExactPayloadAndOnlyTheOwnerGetsThem() async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account(name: "Quinn")
        let stranger = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let seat = try await client.seatIDs(event: eventID)[0]
            let reservation = try #require(try await client.hold([seat], event: eventID, token: buyer.token).string("reservation_id"))
            let ticket = try #require(try await client.confirm(reservation, token: buyer.token).array("tickets").first)
            let ticketID = try #require(ticket["ticket_id"] as? String)
            let payload = try #require(ticket["qr_code"] as? String)

            let png = try await client.executeRequest(uri: "/api/v1/tickets/\(ticketID)/qr.png", method: .get,
                                                      headers: [.authorization: "Bearer \(buyer.token)"], body: nil)
            #expect(png.status == .ok)
            #expect(png.headers[.contentType] == "image/png")
            #expect(try decode(Data(buffer: png.body)) == payload)
            // A compact code: a version 7 symbol (45 modules) at most, and a small image.
            let bytes = Array(Data(buffer: png.body))
            let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
            #expect(width / 8 - 2 * 4 <= 45, "QR symbol of \(width / 8 - 8) modules")
            #expect(bytes.count < 10_000, "QR PNG of \(bytes.count) bytes")

            let svg = try await client.call(.get, "/api/v1/tickets/\(ticketID)/qr.svg", token: buyer.token)
            #expect(svg.status == .ok)
            #expect(svg.headers[.contentType] == "image/svg+xml")
            #expect(svg.text.hasPrefix("<svg") && svg.text.contains("<path"))

            #expect(try await client.call(.get, "/api/v1/tickets/\(ticketID)/qr.png", token: stranger.token).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/tickets/\(ticketID)/qr.svg").status == .unauthorized)
        }
    }

    @Test(arguments: Engine.available)
    func printableTicketPageOpensFromItsSignedLinkOnly(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account(name: "Ines <b>O'Neil</b>")
        let stranger = try await harness.account()
        try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token, gaCapacity: 10, title: "Page Test")
            let eventID = try #require(event.string("event_id"))
            let seat = try await client.seatIDs(event: eventID)[0]
            let reservation = try #require(try await client.hold([seat], event: eventID, token: buyer.token).string("reservation_id"))
            let ticket = try #require(try await client.confirm(reservation, token: buyer.token).array("tickets").first)
            let ticketID = try #require(ticket["ticket_id"] as? String)
            let pageURL = try #require(ticket["page_url"] as? String)
            #expect(pageURL.hasPrefix("/tickets/\(ticketID)?sig="))

            let page = try await client.call(.get, pageURL)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            for text in ["Page Test", "Test Hall", "Stalls", "<span>Row</span>A", "<span>Seat</span>1", "<svg", ticketID] {
                #expect(page.text.contains(text), "the page shows \(text)")
            }
            #expect(page.text.contains("Ines &lt;b&gt;O&#39;Neil&lt;/b&gt;"), "the holder's name is escaped")
            #expect(page.text.contains("Sunday 1 June 2031") || page.text.contains("June"), "the date as the venue clock reads it")

            #expect(try await client.call(.get, "/tickets/\(ticketID)?sig=AAAA").status == .notFound)
            #expect(try await client.call(.get, "/tickets/\(ticketID)").status == .notFound)
            #expect(try await client.call(.get, "/tickets/\(ticketID)", token: buyer.token).status == .ok)
            #expect(try await client.call(.get, "/tickets/\(ticketID)", token: stranger.token).status == .notFound)

            let floor = try #require(sectionID(event, kind: "general_admission"))
            let ga = try #require(try await client.holdGA(1, section: floor, event: eventID, token: buyer.token).string("reservation_id"))
            let gaTicket = try #require(try await client.confirm(ga, token: buyer.token).array("tickets").first?["page_url"] as? String)
            #expect(try await client.call(.get, gaTicket).text.contains("general admission"))
        }
    }
}
