import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A real HTTP server on a free loopback port that records the webhook POSTs it gets and
/// answers as the test says (status, body size, delay), for the webhook tests.
package final class WebhookReceiver: Sendable {
    package struct Received: Sendable {
        /// Header names in lower case.
        package var headers: [String: String]
        package var body: String
        package var path: String
        package var receivedAt: Date

        package var eventID: String? { headers["boxoffice-event-id"] }
        package var type: String? { headers["boxoffice-event-type"] }
        package var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
    }

    package struct Reply: Sendable {
        package var status: Int
        package var bodyBytes: Int
        package var delay: Duration
        package var headers: [(String, String)]

        package init(status: Int = 200, bodyBytes: Int = 0, delay: Duration = .zero, headers: [(String, String)] = []) {
            self.status = status
            self.bodyBytes = bodyBytes
            self.delay = delay
            self.headers = headers
        }
    }

    private struct State {
        var received: [Received] = []
        var reply: @Sendable (_ index: Int, _ path: String) -> Reply = { _, _ in Reply() }
    }

    private let state = Mutex(State())
    package let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// Starts a receiver; `reply` decides each answer from the request's index (0, 1, ...) and path.
    package static func start() async throws -> WebhookReceiver {
        let box = Box()
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let router = Router()
        router.post("**") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let received = Received(headers: headers, body: String(buffer: body), path: request.uri.path, receivedAt: Date())
            guard let receiver = box.receiver else { return Response(status: .serviceUnavailable) }
            let reply = receiver.record(received)
            if reply.delay > .zero { try await Task.sleep(for: reply.delay) }
            var fields = HTTPFields()
            for (name, value) in reply.headers { fields[HTTPField.Name(name)!] = value }
            return Response(status: HTTPResponse.Status(code: reply.status), headers: fields,
                            body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: reply.bodyBytes)))
        }
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await bound in ports { port = bound; break }
        let receiver = WebhookReceiver(port: port, task: task)
        box.receiver = receiver
        return receiver
    }

    /// Holds the receiver for the route, which is made before it.
    private final class Box: @unchecked Sendable {
        // Set once, before the first request can arrive.
        var receiver: WebhookReceiver?
    }

    private func record(_ received: Received) -> Reply {
        state.withLock { state in
            let index = state.received.count
            state.received.append(received)
            return state.reply(index, received.path)
        }
    }

    /// `http://127.0.0.1:PORT/path`.
    package func url(_ path: String = "/hook") -> String { "http://127.0.0.1:\(port)\(path)" }

    package func answer(_ reply: @escaping @Sendable (_ index: Int, _ path: String) -> Reply) {
        state.withLock { $0.reply = reply }
    }

    package var received: [Received] { state.withLock { $0.received } }

    /// Waits until `count` requests arrived (or `timeout` passed); returns what arrived.
    @discardableResult
    package func waitFor(_ count: Int, timeout: Duration = .seconds(10)) async -> [Received] {
        let deadline = ContinuousClock.now + timeout
        while received.count < count && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return received
    }

    package func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
