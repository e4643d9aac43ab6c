import AsyncHTTPClient
import BoxOfficeCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Webhook POSTs over async-http-client: HTTP/1.1, no redirects followed, a deadline on
/// the whole exchange, at most `maxResponseBytes` of the answer read. Unless private
/// addresses are allowed, the host is resolved and refused if any of its addresses is
/// forbidden, and every new connection is checked again on the address it actually
/// reached (a name that resolves differently the second time gets no further).
package final class HTTPWebhookTransport: WebhookTransport {
    /// What is read of a receiver's answer, at most.
    package static let maxResponseBytes = 4_096

    let client: HTTPClient
    let allowPrivate: Bool

    /// One client for the process per policy (an HTTP client must be shut down before it
    /// goes, and these never go).
    package static let publicOnly = HTTPWebhookTransport(allowPrivate: false)
    package static let anyAddress = HTTPWebhookTransport(allowPrivate: true)

    /// `connectTo`: host names mapped to the address actually connected to (tests use it
    /// to stand in for a DNS answer that changes between the check and the connection).
    package init(allowPrivate: Bool, connectTo overrides: [String: String] = [:]) {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: .seconds(5), read: .seconds(10)))
        configuration.httpVersion = .http1Only
        configuration.decompression = .disabled
        configuration.dnsOverride = overrides
        if !allowPrivate {
            configuration.http1_1ConnectionDebugInitializer = { channel in
                guard let address = channel.remoteAddress?.ipAddress, let bytes = WebhookAddressPolicy.literal(address),
                      !WebhookAddressPolicy.isForbidden(bytes) else {
                    return channel.eventLoop.makeFailedFuture(ForbiddenAddress(address: channel.remoteAddress?.ipAddress ?? "?"))
                }
                return channel.eventLoop.makeSucceededVoidFuture()
            }
        }
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.allowPrivate = allowPrivate
    }

    package func shutdown() async throws {
        try await client.shutdown()
    }

    struct ForbiddenAddress: Error, CustomStringConvertible {
        var address: String
        var description: String { "the receiver's address \(address) is private, loopback or link-local" }
    }

    package func post(url: String, headers: [(String, String)], body: [UInt8], timeout: Duration) async -> WebhookResponse {
        let started = ContinuousClock.now
        func answer(_ status: Int?, _ error: String?) -> WebhookResponse {
            let elapsed = ContinuousClock.now - started
            return WebhookResponse(statusCode: status, error: error,
                                   durationMilliseconds: Int(elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
        }
        if !allowPrivate, let refusal = await refusal(of: url) { return answer(nil, refusal) }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let prepared = request
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000))
        do {
            let status = try await withThrowingTaskGroup(of: Int?.self) { group in
                group.addTask {
                    let response = try await self.client.execute(prepared, deadline: deadline)
                    var read = 0
                    for try await chunk in response.body {
                        read += chunk.readableBytes
                        if read >= Self.maxResponseBytes { break }
                    }
                    return Int(response.status.code)
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
            guard let status else { return answer(nil, "no answer within \(timeout.components.seconds) s") }
            return answer(status, (200..<300).contains(status) ? nil : "the receiver answered \(status)")
        } catch {
            return answer(nil, Self.describe(error))
        }
    }

    /// Why the URL's host may not be reached, or nil.
    private func refusal(of url: String) async -> String? {
        guard let host = URLComponents(string: url)?.host else { return "the URL has no host" }
        return await WebhookAddressPolicy.refusal(host: host, resolve: addresses(of:))
    }

    package func addresses(of host: String) async -> [[UInt8]] {
        await withCheckedContinuation { continuation in
            NIOThreadPool.singleton.submit { _ in continuation.resume(returning: Self.resolve(host)) }
        }
    }

    /// getaddrinfo's answer, as address bytes.
    static func resolve(_ host: String) -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [[UInt8]] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            if let address = info.pointee.ai_addr {
                switch Int32(address.pointee.sa_family) {
                case AF_INET:
                    address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                        var value = v4.pointee.sin_addr
                        addresses.append(withUnsafeBytes(of: &value) { Array($0) })
                    }
                case AF_INET6:
                    address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                        var value = v6.pointee.sin6_addr
                        addresses.append(withUnsafeBytes(of: &value) { Array($0) })
                    }
                default: break
                }
            }
            cursor = info.pointee.ai_next
        }
        return addresses
    }

    static func describe(_ error: any Error) -> String {
        if let forbidden = error as? ForbiddenAddress { return forbidden.description }
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "no answer in time"
            case .remoteConnectionClosed: return "the receiver closed the connection"
            default: return "the request failed: \(client)"
            }
        }
        if let io = error as? IOError { return "cannot connect: \(io.description)" }
        return "the request failed: \(error)"
    }
}
