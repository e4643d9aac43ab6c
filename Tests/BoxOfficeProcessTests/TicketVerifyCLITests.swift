import BoxOfficeCore
import BoxOfficeTestSupport
import Foundation
import Testing

/// `boxoffice ticket verify` checks a payload offline with the published keys.
@Suite struct TicketVerifyCLITests {
    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = ProcessKillTests.binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    @Test func verifiesOfflineWithThePublishedKeysAndRejectsTampering() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ProcessKillTests.binary.path), "build the boxoffice executable first")
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account(name: "Vera")
        let (code, ticketID, eventID, keys) = try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let seat = try await client.seatIDs(event: eventID)[0]
            let reservation = try #require(try await client.hold([seat], event: eventID, token: buyer.token).string("reservation_id"))
            let ticket = try #require(try await client.confirm(reservation, token: buyer.token).array("tickets").first)
            return (ticket["qr_code"] as! String, ticket["ticket_id"] as! String, eventID,
                    try await client.call(.get, "/api/v1/keys/tickets").text)
        }
        let keyFile = harness.databasePath + ".public-keys.json"
        try keys.write(toFile: keyFile, atomically: true, encoding: .utf8)

        let valid = try run(["ticket", "verify", code, "--public-key", keyFile])
        #expect(valid.status == 0, "\(valid.output)")
        // A compact code names the ticket and its event (the seat and holder are the ticket's, in the check-in list).
        #expect(valid.output.contains("VALID") && valid.output.contains(ticketID) && valid.output.contains(eventID))

        let tampered = code.replacingOccurrences(of: "Q", with: "R")
        let forged = try run(["ticket", "verify", code == tampered ? code + "x" : tampered, "--public-key", keyFile])
        #expect(forged.status == 1)
        #expect(forged.output.contains("FORGED"))
    }
}
