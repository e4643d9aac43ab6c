import BoxOfficeCore
import BoxOfficeHTTP
import BoxOfficeServer
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// One log line per request: what an operator needs to find a request and its account.
@Suite struct RequestLogTests {
    /// Runs `body` against the application built the production way, logging at `level` into a capture.
    func withLoggedClient(_ harness: TestHarness, level: Logger.Level,
                          _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws -> [LogCapture.Record] {
        let capture = LogCapture()
        var system = harness.system
        system.logger = capture.logger(level: level)
        try await buildApplication(system).test(.router) { client in try await body(client) }
        return capture.lines.filter { $0.message == "request" }
    }

    @Test func everyRequestLogsOneLineWithRouteStatusDurationAndAccount() async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)

        let lines = try await withLoggedClient(harness, level: .info) { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            #expect(try await client.call(.get, "/api/v1/events/\(eventID)", token: "not.a.jwt").status == .ok)
            #expect(try await client.call(.get, "/api/v1/nothing-here").status == .notFound)
        }

        #expect(lines.count == 3, "one line per request: \(lines.map(\.metadata))")
        guard lines.count == 3 else { return }
        let (created, read, missing) = (lines[0].metadata, lines[1].metadata, lines[2].metadata)
        #expect(created["method"] == "POST")
        #expect(created["route"] == "/api/v1/events")
        #expect(created["status"]?.description == "201")
        #expect(created["user_id"]?.description == organizer.id.text)
        #expect(read["route"] == "/api/v1/events/{event_id}", "the route's template, not its path")
        #expect(read["status"]?.description == "200")
        #expect(read["user_id"] == nil, "a token that does not verify names nobody")
        #expect(missing["status"]?.description == "404")
        for line in lines {
            let milliseconds = try #require(line.metadata["duration_ms"].flatMap { Double($0.description) })
            #expect(milliseconds >= 0)
        }
        let requestIDs = lines.compactMap { $0.metadata["hb.request.id"]?.description }
        #expect(Set(requestIDs).count == 3, "each line carries its own request's id")
    }

    @Test func aJSONLineHasSortedKeysTheRequestIDAndNumbers() throws {
        var handler = JSONLogHandler(label: "boxoffice")
        handler[metadataKey: "hb.request.id"] = "42"
        let event = LogEvent(level: .info, message: "request",
                             metadata: ["status": .stringConvertible(201), "duration_ms": .stringConvertible(1.25),
                                        "route": "/api/v1/events/{event_id}", "note": "say \"hi\"\n", "ids": ["a", "b"]],
                             source: nil, file: #fileID, function: #function, line: #line)

        let line = handler.line(for: event, at: Date(timeIntervalSince1970: 1_900_000_000.5))

        #expect(line == #"{"duration_ms":1.25,"ids":["a","b"],"label":"boxoffice","level":"info","message":"request","note":"say \"hi\"\n","request_id":"42","route":"/api/v1/events/{event_id}","status":201,"time":"2030-03-17T17:46:40.500Z"}"#)
        #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
    }

    /// The request lines the server writes straight into its log batch read exactly as
    /// the handler writes the same line through swift-log.
    @Test(arguments: [Int64(47), 1_250, 2_000, 0, 123_456_789]) func theFastRequestLineIsTheHandlersLine(_ microseconds: Int64) throws {
        var handler = JSONLogHandler(label: "boxoffice")
        handler[metadataKey: "hb.request.id"] = "5e1f0c\"9"
        let userID = UUID()
        let event = LogEvent(level: .info, message: "request",
                             metadata: ["method": "POST", "route": "/api/v1/reservations", "status": .stringConvertible(201),
                                        "duration_ms": .stringConvertible(Double(microseconds) / 1_000), "user_id": .string(userID.text)],
                             source: nil, file: #fileID, function: #function, line: #line)
        let date = Date(timeIntervalSince1970: 1_900_000_000.25)
        let fast = JSONRequestLines().text(of: RequestLine(method: "POST", route: "/api/v1/reservations", status: 201, microseconds: microseconds,
                                                           requestID: "5e1f0c\"9", userID: userID), at: date)
        #expect(fast == handler.line(for: event, at: date))
        #expect(try JSONSerialization.jsonObject(with: Data(fast.utf8)) is [String: Any])
    }

    @Test func aboveInfoNoRequestIsLogged() async throws {
        let harness = try await TestHarness.make()
        let lines = try await withLoggedClient(harness, level: .notice) { client in
            let health = try await client.call(.get, "/healthz")
            #expect(health.status == .ok)
        }
        #expect(lines.isEmpty)
    }
}
