import BoxOfficeTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif
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

    /// `boxoffice user create` for org@example.test; returns its exit status. The SQLite file
    /// `database` is used unless a PostgreSQL `url` is given (the key file stays beside `database`).
    static func createOrganizer(database: String, url: String? = nil) throws -> Int32 {
        let create = Process()
        create.executableURL = binary
        create.arguments = ["user", "create", "--database", url ?? "sqlite:\(database)", "--ticket-key", database + ".ticket-key",
                            "--email", "org@example.test",
                            "--password", "organizer-pass", "--role", "organizer"]
        create.standardOutput = FileHandle.nullDevice
        try create.run()
        create.waitUntilExit()
        return create.terminationStatus
    }

    /// A port nothing listens on now, from the kernel (a random pick could land on the
    /// test PostgreSQL cluster's port or another test's).
    static func unusedPort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    final class Server {
        let process = Process()
        let port: Int

        let log: String

        init(database: String, port: Int, url: String? = nil, arguments extra: [String] = [], environment: [String: String] = [:]) throws {
            self.port = port
            log = database + ".server-\(port).log"
            FileManager.default.createFile(atPath: log, contents: nil)
            process.executableURL = ProcessKillTests.binary
            // Emails (unless a test sends them over SMTP) go beside the test's files, on either engine.
            process.arguments = ["serve", "--database", url ?? "sqlite:\(database)", "--ticket-key", database + ".ticket-key",
                                 "--port", "\(port)", "--mail-dir", database + ".mail"] + extra
            process.environment = ProcessInfo.processInfo.environment
                .merging(["BOXOFFICE_JWT_SECRET": "kill-test-secret-kill-test-secret-0123"]) { $1 }
                .merging(environment) { $1 }
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
            let (status, data) = try await Self.send(port: port, method, path, token: token,
                                                     json: try body.map { try JSONSerialization.data(withJSONObject: $0) })
            return (status, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
        }

        static func send(port: Int, _ method: String, _ path: String, token: String?, json: Data?) async throws -> (Int, Data) {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            request.httpMethod = method
            request.timeoutInterval = 120
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            if let json {
                request.httpBody = json
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        }
    }

    @Test func aConfirmedPurchaseSurvivesSIGKILL() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the boxoffice executable first (swift build --build-tests)")
        let database = TestHarness.temporaryDatabasePath()
        let port = try Self.unusedPort()

        #expect(try Self.createOrganizer(database: database) == 0)

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

        let second = try Server(database: database, port: try Self.unusedPort())
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

    /// One process serves an SQLite file: a second server on it refuses to start, and the
    /// file is free again once the first is gone, however it ended.
    @Test func aSecondServerOnTheSameSQLiteFileRefusesToStart() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the boxoffice executable first")
        let database = TestHarness.temporaryDatabasePath()
        let first = try Server(database: database, port: try Self.unusedPort())
        try await first.waitUntilHealthy()
        let second = try Server(database: database, port: try Self.unusedPort())
        for _ in 0..<600 where second.process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!second.process.isRunning)
        if second.process.isRunning { second.kill() }
        #expect(second.process.terminationStatus != 0)
        let output = (try? String(contentsOfFile: second.log, encoding: .utf8)) ?? ""
        #expect(output.contains("another server is running"), "\(output)")
        #expect(try await first.call("GET", "/healthz").0 == 200)
        first.kill()
        let third = try Server(database: database, port: try Self.unusedPort())
        defer { third.kill() }
        try await third.waitUntilHealthy()
    }

    /// The log lines a request writes reach standard output within a moment (they are
    /// written in batches), and none is lost when the server stops.
    @Test func requestLogLinesReachTheOutputAndSurviveAShutdown() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the boxoffice executable first")
        let database = TestHarness.temporaryDatabasePath()
        let server = try Server(database: database, port: try Self.unusedPort())
        try await server.waitUntilHealthy()
        func requestLines() -> [String] {
            ((try? String(contentsOfFile: server.log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
                .filter { $0.contains("\"message\":\"request\"") }
        }
        #expect(try await server.call("GET", "/healthz").0 == 200)
        var seen = false
        for _ in 0..<40 where !seen {
            seen = requestLines().contains { $0.contains("\"route\":\"/healthz\"") && $0.contains("\"status\":200") }
            if !seen { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(seen, "a request's line is written within two seconds")
        let before = requestLines().count
        for _ in 0..<20 { _ = try await server.call("GET", "/api/v1/events") }
        kill(server.process.processIdentifier, SIGTERM)
        server.process.waitUntilExit()
        #expect(requestLines().count >= before + 20, "every request answered before SIGTERM is in the log after the exit")
    }

    /// On PostgreSQL this also shows the shutdown order: the request in flight writes its
    /// event after SIGTERM, so the database clients must outlive the HTTP server's drain.
    @Test(arguments: Engine.available)
    func sigtermLetsAnInFlightRequestFinishThenExitsCleanly(_ engine: Engine) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the boxoffice executable first")
        let database = TestHarness.temporaryDatabasePath()
        let url = engine == .postgres ? try await TestHarness.freshPostgresDatabase() : nil
        let port = try Self.unusedPort()
        #expect(try Self.createOrganizer(database: database, url: url) == 0)

        let server = try Server(database: database, port: port, url: url)
        try await server.waitUntilHealthy()
        let (_, organizer) = try await server.call("POST", "/api/v1/auth/login", body: ["email": "org@example.test", "password": "organizer-pass"])
        let token = try #require(organizer["token"] as? String)
        // A 60,000-seat venue takes a while to write: long enough to be in flight at SIGTERM.
        let rows = (0..<60).map { ["label": "R\($0)", "seats": 1_000] as [String: Any] }
        let body = try JSONSerialization.data(withJSONObject: [
            "title": "Drain", "artist": "SIGTERM", "category": "concert", "venue": ["name": "Hall", "city": "Town"],
            "starts_at": "2099-01-01T20:00:00Z", "sections": [["name": "Bowl", "price_cents": 1_000, "kind": "seated", "rows": rows]],
        ] as [String: Any])
        // A client that sends half the request, waits (SIGTERM goes out then), and sends the
        // rest: the request is in flight at SIGTERM by construction, whatever the load.
        let bodyFile = database + ".body.json"
        try body.write(to: URL(fileURLWithPath: bodyFile))
        let client = Process()
        client.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        client.arguments = ["python3", "-c", """
            import socket, sys
            body = open(sys.argv[1], 'rb').read()
            s = socket.create_connection(('127.0.0.1', int(sys.argv[2])))
            head = ('POST /api/v1/events HTTP/1.1\\r\\nHost: x\\r\\nAuthorization: Bearer ' + sys.argv[3] +
                    '\\r\\nContent-Type: application/json\\r\\nContent-Length: %d\\r\\n\\r\\n' % len(body)).encode()
            s.sendall(head + body[:len(body) // 2])
            print('half', flush=True)
            sys.stdin.readline()
            s.sendall(body[len(body) // 2:])
            response = b''
            while b'\\r\\n\\r\\n' not in response or len(response) < 200:
                chunk = s.recv(65536)
                if not chunk: break
                response += chunk
            print(response.split(b'\\r\\n')[0].decode(), flush=True)
            print(response.decode(errors='replace').split('\\r\\n\\r\\n', 1)[-1], flush=True)
            """, bodyFile, String(port), token]
        let toClient = Pipe()
        let fromClient = Pipe()
        client.standardInput = toClient
        client.standardOutput = fromClient
        try client.run()
        var output = ""
        while !output.contains("half") {
            let data = fromClient.fileHandleForReading.availableData
            if data.isEmpty { break }
            output += String(decoding: data, as: UTF8.self)
        }
        // Give the server time to read the request head, so the request is in flight (a
        // connection whose head has not been read yet is idle, and is closed at SIGTERM).
        try await Task.sleep(for: .milliseconds(300))
        kill(server.process.processIdentifier, SIGTERM)
        try await Task.sleep(for: .milliseconds(200))
        toClient.fileHandleForWriting.write(Data("go\n".utf8))
        client.waitUntilExit()
        output += String(decoding: fromClient.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let status = output.contains("HTTP/1.1 201") ? 201 : 0
        let eventID = output.range(of: #""event_id":"([0-9a-f-]{36})""#, options: .regularExpression)
            .map { String(output[$0].dropFirst(12).dropLast()) } ?? "none"
        #expect(status == 201, "the request in flight at SIGTERM was answered: \(output.prefix(300))")
        for _ in 0..<100 where server.process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!server.process.isRunning, "the server exits after draining")
        #expect(server.process.terminationReason == .exit && server.process.terminationStatus == 0)

        let restarted = try Server(database: database, port: try Self.unusedPort(), url: url)
        defer { restarted.kill() }
        try await restarted.waitUntilHealthy()
        let (found, _) = try await restarted.call("GET", "/api/v1/events/\(eventID)")
        #expect(found == 200, "the drained request's event is in the database")
    }
}
