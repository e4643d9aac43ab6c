import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Runs the real `boxoffice` binary, kills it with SIGKILL right after a purchase is
/// confirmed, starts it again on the same file and finds the purchase intact.
@Suite(.serialized) struct ProcessKillTests {
    /// The `boxoffice` executable that `swift build --build-tests` puts beside the test bundle.
    static var binary: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("boxoffice").path), directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("boxoffice")
    }

    final class Server {
        let process = Process()
        let port: Int

        let log: String

        init(database: String, port: Int) throws {
            self.port = port
            log = database + ".server-\(port).log"
            FileManager.default.createFile(atPath: log, contents: nil)
            process.executableURL = ProcessKillTests.binary
            process.arguments = ["serve", "--database", "sqlite:\(database)", "--port", "\(port)"]
            process.environment = ProcessInfo.processInfo.environment.merging(["BOXOFFICE_JWT_SECRET": "kill-test-secret-kill-test-secret-0123"]) { $1 }
            let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.standardOutput = output
            process.standardError = output
            try process.run()
        }

        func waitUntilHealthy() async throws {
            // Generous: the whole suite runs in parallel on two cores.
            for _ in 0..<600 {
                if let (status, _) = try? await call("GET", "/healthz"), status == 200 { return }
                if !process.isRunning { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            Issue.record("server on port \(port) did not become healthy; its output:\n\(output.suffix(2_000))")
        }

        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        func call(_ method: String, _ path: String, token: String? = nil, body: [String: Any]? = nil) async throws -> (Int, [String: Any]) {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            request.httpMethod = method
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            if let body {
                request.httpBody = try JSONSerialization.data(withJSONObject: body)
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
            let (data, response) = try await URLSession.shared.data(for: request)
            let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, json)
        }
    }

    @Test func aConfirmedPurchaseSurvivesSIGKILL() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the boxoffice executable first (swift build --build-tests)")
        let database = TestHarness.temporaryDatabasePath()
        let port = Int.random(in: 20_000...40_000)

        let create = Process()
        create.executableURL = Self.binary
        create.arguments = ["user", "create", "--database", "sqlite:\(database)", "--email", "org@example.test",
                            "--password", "organizer-pass", "--role", "organizer"]
        create.standardOutput = FileHandle.nullDevice
        try create.run()
        create.waitUntilExit()
        #expect(create.terminationStatus == 0)

        let first = try Server(database: database, port: port)
        try await first.waitUntilHealthy()
        let (_, organizer) = try await first.call("POST", "/api/v1/auth/login", body: ["email": "org@example.test", "password": "organizer-pass"])
        let organizerToken = try #require(organizer["token"] as? String)
        let (_, buyer) = try await first.call("POST", "/api/v1/auth/register", body: ["email": "kim@example.test", "password": "buyer-pass", "name": "Kim"])
        let buyerToken = try #require(buyer["token"] as? String)
        let (created, event) = try await first.call("POST", "/api/v1/events", token: organizerToken, body: [
            "title": "Kill Test", "artist": "SIGKILL", "category": "concert", "venue": ["name": "Hall", "city": "Town"],
            "starts_at": "2099-01-01T20:00:00Z",
            "sections": [["name": "Stalls", "price_cents": 1_000, "kind": "seated", "rows": [["label": "A", "seats": 5]]]],
        ])
        #expect(created == 201)
        let eventID = try #require(event["event_id"] as? String)
        let (_, map) = try await first.call("GET", "/api/v1/events/\(eventID)/seats")
        let seat = try #require(((map["sections"] as? [[String: Any]])?.first?["seats"] as? [[String: Any]])?.first?["seat_id"] as? String)
        let (_, held) = try await first.call("POST", "/api/v1/reservations", token: buyerToken, body: ["event_id": eventID, "seat_ids": [seat]])
        let reservationID = try #require(held["reservation_id"] as? String)
        let (paidStatus, paid) = try await first.call("POST", "/api/v1/reservations/\(reservationID)/confirm", token: buyerToken,
                                                       body: ["payment_method_id": "pm_card_visa"])
        #expect(paidStatus == 200)
        first.kill()

        let second = try Server(database: database, port: port + 1)
        defer { second.kill() }
        try await second.waitUntilHealthy()
        let (_, tickets) = try await second.call("GET", "/api/v1/me/tickets", token: buyerToken)
        let issued = (paid["tickets"] as? [[String: Any]] ?? []).compactMap { $0["qr_code"] as? String }
        let kept = (tickets["tickets"] as? [[String: Any]] ?? []).compactMap { $0["qr_code"] as? String }
        #expect(!issued.isEmpty)
        #expect(kept == issued)
        let (_, reservation) = try await second.call("GET", "/api/v1/reservations/\(reservationID)", token: buyerToken)
        #expect(reservation["status"] as? String == "CONFIRMED")
    }
}
