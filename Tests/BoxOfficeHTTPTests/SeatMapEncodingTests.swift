import BoxOfficeCore
import BoxOfficeHTTP
import BoxOfficeServer
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Testing

/// Large seat maps go gzip-compressed to clients that accept it, as another representation.
@Suite struct SeatMapEncodingTests {
    /// Hand-written JSON strings read back as the text they came from, with and without
    /// characters that need escaping.
    @Test func quotedStringsAreValidJSONForAnyText() throws {
        for text in ["Row A", "", "Café \u{1F3B5}", "say \"hi\"", "back\\slash", "line\nbreak\ttab\r", "bell\u{07}", "/checkout/1"] {
            let json = JSONText.quoted(text)
            let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) as? String
            #expect(decoded == text, "\(json)")
        }
    }

    /// Decompresses with the system's gzip, an implementation independent of ours.
    static func gunzip(_ data: Data) throws -> Data {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("map-\(UUID().uuidString).gz")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "gzip accepts the body")
        return result
    }

    @Test func aLargeMapIsSentCompressedToClientsThatAcceptGzip() async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token, seatedRows: (0..<20).map { ("R\($0)", 50) })
            let path = "/api/v1/events/\(try #require(event.string("event_id")))/seats"
            let plain = try await client.call(.get, path)
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.headers[.vary] == "Accept-Encoding")
            let compressed = try await client.call(.get, path, headers: ["Accept-Encoding": "br;q=1.0, gzip;q=0.8"])
            #expect(compressed.headers[.contentEncoding] == "gzip")
            let gzipETag = try #require(compressed.headers[.eTag])
            #expect(gzipETag != plain.headers[.eTag] && gzipETag.hasSuffix("-gzip\""))
            #expect(compressed.raw.count < plain.raw.count / 3, "\(compressed.raw.count) bytes against \(plain.raw.count)")
            #expect(try Self.gunzip(Data(compressed.raw)) == Data(plain.raw))

            for tag in [gzipETag, try #require(plain.headers[.eTag])] {
                let revalidated = try await client.call(.get, path, headers: ["Accept-Encoding": "gzip", "If-None-Match": tag])
                #expect(revalidated.status == .notModified, "either representation's ETag validates")
            }
            let refused = try await client.call(.get, path, headers: ["Accept-Encoding": "gzip;q=0, identity"])
            #expect(refused.headers[.contentEncoding] == nil)
            let small = try await client.call(.get, path + "?status=SOLD", headers: ["Accept-Encoding": "gzip"])
            #expect(small.headers[.contentEncoding] == nil, "small bodies are sent as they are")
        }
    }
}
