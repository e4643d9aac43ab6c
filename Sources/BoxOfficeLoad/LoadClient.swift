import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A JSON answer from the server under test.
struct LoadResponse: @unchecked Sendable {
    // @unchecked: the parsed JSON is created once per response and only read afterwards.
    let status: Int
    let json: [String: Any]

    func string(_ key: String) -> String? { json[key] as? String }
    func int(_ key: String) -> Int? { json[key] as? Int }
    func array(_ key: String) -> [[String: Any]] { json[key] as? [[String: Any]] ?? [] }
}

/// Sends requests over real HTTP and records each one's latency under an operation name.
struct LoadClient: Sendable {
    let http: HTTPClient
    let baseURL: String
    let stats: StatsBook

    func send(
        _ operation: String, _ method: HTTPMethod, _ path: String, token: String? = nil, body: [String: Any]? = nil,
        headers: [String: String] = [:], expected: Set<Int> = [200, 201]
    ) async throws -> LoadResponse {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        var attempt = 0
        while true {
            attempt += 1
            let started = ContinuousClock.now
            do {
                let response = try await http.execute(request, timeout: .seconds(60))
                let data = try await response.body.collect(upTo: 64 * 1024 * 1024)
                let elapsed = ContinuousClock.now - started
                let status = Int(response.status.code)
                await stats.record(operation, microseconds: elapsed.microseconds, failed: !expected.contains(status))
                let json = (try? JSONSerialization.jsonObject(with: Data(data.readableBytesView))) as? [String: Any] ?? [:]
                return LoadResponse(status: status, json: json)
            } catch let error as HTTPClientError where error == .remoteConnectionClosed && attempt < 3 {
                // A keep-alive connection closed under us before the request went out; every
                // request here is safe to resend (holds carry an idempotency key).
                await stats.record(operation, microseconds: (ContinuousClock.now - started).microseconds, failed: true)
            } catch {
                await stats.record(operation, microseconds: (ContinuousClock.now - started).microseconds, failed: true)
                throw error
            }
        }
    }
}

extension Duration {
    var microseconds: UInt64 {
        let (seconds, attoseconds) = components
        return UInt64(max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
    }
}
