import BoxOfficeCore
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

// A small SMTP client (RFC 5321) on swift-nio: no Swift package for SMTP is in the mirror.
// It speaks EHLO, STARTTLS (RFC 3207), AUTH PLAIN and LOGIN (RFC 4954), SIZE, and sends
// a batch of messages over one connection, RSET between a refused one and the next.

/// Where and how mail is handed to a mail server.
package struct SMTPSettings: Sendable {
    package enum Security: Sendable, Equatable {
        /// `smtp://`: STARTTLS when the server offers it, plain text otherwise.
        case startTLSIfOffered
        /// `smtp://` with `--smtp-require-tls`: nothing is sent unless STARTTLS succeeds.
        case startTLSRequired
        /// `smtps://`: TLS from the first byte.
        case implicitTLS
    }

    package var host: String
    package var port: Int
    package var username: String?
    package var password: String?
    package var security: Security
    /// A PEM file of certificates to trust instead of the system's (a private relay).
    package var trustRootsFile: String?
    /// The name this side gives in EHLO.
    package var heloName: String
    package var connectTimeout: TimeAmount
    /// How long any one reply may take.
    package var replyTimeout: TimeAmount

    package enum ParseError: Error, CustomStringConvertible {
        case invalid(String)

        package var description: String {
            switch self {
            case .invalid(let reason): reason
            }
        }
    }

    /// Reads `smtp://[user:pass@]host[:port]` (port 25 by default, 587 is common) or
    /// `smtps://...` (465 by default). User and password are percent-decoded.
    package init(url text: String, requireTLS: Bool, trustRootsFile: String? = nil, heloName: String? = nil) throws(ParseError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), scheme == "smtp" || scheme == "smtps" else {
            throw .invalid("--smtp must be smtp://[user:pass@]host[:port] or smtps://[user:pass@]host[:port], not \(text)")
        }
        guard let host = url.host, !host.isEmpty else { throw .invalid("--smtp has no host: \(text)") }
        guard (url.path.isEmpty || url.path == "/"), url.query == nil else { throw .invalid("--smtp takes no path or query: \(text)") }
        self.host = host
        security = scheme == "smtps" ? .implicitTLS : requireTLS ? .startTLSRequired : .startTLSIfOffered
        port = url.port ?? (scheme == "smtps" ? 465 : 25)
        guard (1...65_535).contains(port) else { throw .invalid("--smtp port must be between 1 and 65535") }
        username = url.percentEncodedUser.flatMap { $0.removingPercentEncoding }
        password = url.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.trustRootsFile = trustRootsFile
        self.heloName = heloName ?? ProcessInfo.processInfo.hostName
        connectTimeout = .seconds(10)
        replyTimeout = .seconds(60)
    }
}

/// A server's reply: its code and text lines.
struct SMTPReply: Sendable, CustomStringConvertible {
    var code: Int
    var lines: [String]

    var isPermanent: Bool { code >= 500 }
    var description: String { "\(code) \(lines.joined(separator: " / "))" }
}

/// Splits the byte stream into replies: lines `250-...` continue, `250 ...` ends one.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply
    private var lines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 4_096 { throw SMTPFailure.protocolError("a reply line longer than 4 KB") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex + 1
        // "\r\n" is one Character in Swift: trim the scalars.
        let line = (buffer.readString(length: length) ?? "").trimmingCharacters(in: .newlines)
        guard line.utf8.count >= 3, let code = Int(line.prefix(3)) else { throw SMTPFailure.protocolError("not a reply: \(line.prefix(80))") }
        let rest = line.dropFirst(3)
        lines.append(String(rest.dropFirst()))
        if rest.first == "-" { return .continue }
        let reply = SMTPReply(code: code, lines: lines)
        lines = []
        context.fireChannelRead(wrapInboundOut(reply))
        return .continue
    }
}

/// Hands replies to the session as a stream, ending it on an error, a timeout or a close.
final class SMTPReplyForwarder: ChannelInboundHandler {
    typealias InboundIn = SMTPReply
    let continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation

    init(continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(unwrapInboundIn(data))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            continuation.finish(throwing: SMTPFailure.timeout)
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish(throwing: SMTPFailure.closed)
        context.fireChannelInactive()
    }
}

enum SMTPFailure: Error, CustomStringConvertible {
    case protocolError(String)
    case timeout
    case closed
    /// A reply that ends the whole session (greeting, EHLO, STARTTLS, AUTH).
    case session(String)

    var description: String {
        switch self {
        case .protocolError(let what): "the mail server broke the protocol: \(what)"
        case .timeout: "the mail server did not answer in time"
        case .closed: "the mail server closed the connection"
        case .session(let what): what
        }
    }
}

/// Sends rendered messages over SMTP.
package struct SMTPClient: Sendable {
    package let settings: SMTPSettings
    let tls: NIOSSLContext?

    package init(settings: SMTPSettings) throws {
        self.settings = settings
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let file = settings.trustRootsFile { configuration.trustRoots = .file(file) }
        tls = try NIOSSLContext(configuration: configuration)
    }

    /// One message for the wire: envelope and the message's bytes (CRLF line ends).
    package struct Envelope: Sendable {
        package var from: String
        package var to: String
        package var data: Data

        package init(from: String, to: String, data: Data) {
            self.from = from
            self.to = to
            self.data = data
        }
    }

    /// Sends each message in order over one connection; one outcome each. A failure of
    /// the connection or session leaves every message not yet accepted as temporary.
    package func send(_ messages: [Envelope]) async -> [MailOutcome] {
        guard !messages.isEmpty else { return [] }
        var outcomes: [MailOutcome] = []
        do {
            let session = try await SMTPSession.open(settings, tls: tls)
            defer { session.close() }
            let size = try await session.handshake()
            for message in messages {
                outcomes.append(try await session.transfer(message, sizeLimit: size))
            }
            await session.quit()
        } catch {
            let reason = "\(error)"
            outcomes += Array(repeating: .temporaryFailure(reason), count: messages.count - outcomes.count)
        }
        return outcomes
    }
}

/// One connection's conversation. Used by one task only.
final class SMTPSession {
    let channel: any Channel
    let settings: SMTPSettings
    let tls: NIOSSLContext?
    var replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator
    var extensions: [String: String] = [:]

    private init(channel: any Channel, settings: SMTPSettings, tls: NIOSSLContext?,
                 replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator) {
        self.channel = channel
        self.settings = settings
        self.tls = tls
        self.replies = replies
    }

    static func open(_ settings: SMTPSettings, tls: NIOSSLContext?) async throws -> SMTPSession {
        let (stream, continuation) = AsyncThrowingStream<SMTPReply, any Error>.makeStream()
        let implicit = settings.security == .implicitTLS ? tls : nil
        let host = settings.host
        let timeout = settings.replyTimeout
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(settings.connectTimeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let implicit { try pipeline.addHandler(NIOSSLClientHandler(context: implicit, serverHostname: Self.sniName(host))) }
                    try pipeline.addHandler(IdleStateHandler(readTimeout: timeout))
                    try pipeline.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    try pipeline.addHandler(SMTPReplyForwarder(continuation: continuation))
                }
            }
            .connect(host: host, port: settings.port).get()
        return SMTPSession(channel: channel, settings: settings, tls: tls, replies: stream.makeAsyncIterator())
    }

    /// SNI takes a name, not an address literal.
    static func sniName(_ host: String) -> String? {
        host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : host
    }

    func close() { channel.close(promise: nil) }

    func reply() async throws -> SMTPReply {
        guard let reply = try await replies.next() else { throw SMTPFailure.closed }
        return reply
    }

    func command(_ line: String) async throws -> SMTPReply {
        try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n"))
        return try await reply()
    }

    /// Greeting, EHLO, STARTTLS if offered or required, AUTH if configured; returns the
    /// server's SIZE limit, if it gave one.
    func handshake() async throws -> Int? {
        let greeting = try await reply()
        guard greeting.code == 220 else { throw SMTPFailure.session("the mail server refused the connection: \(greeting)") }
        try await hello()
        if settings.security != .implicitTLS {
            if extensions["STARTTLS"] != nil, let tls {
                let answer = try await command("STARTTLS")
                guard answer.code == 220 else { throw SMTPFailure.session("STARTTLS was refused: \(answer)") }
                let host = settings.host
                try await channel.eventLoop.submit { [channel] in
                    try channel.pipeline.syncOperations.addHandler(
                        NIOSSLClientHandler(context: tls, serverHostname: Self.sniName(host)), position: .first)
                }.get()
                try await hello()
            } else if settings.security == .startTLSRequired {
                throw SMTPFailure.session("the mail server does not offer STARTTLS, and --smtp-require-tls is set")
            }
        }
        if let username = settings.username { try await authenticate(username, settings.password ?? "") }
        return extensions["SIZE"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    private func hello() async throws {
        var answer = try await command("EHLO \(settings.heloName)")
        if answer.code != 250 {
            answer = try await command("HELO \(settings.heloName)")
            guard answer.code == 250 else { throw SMTPFailure.session("the mail server refused HELO: \(answer)") }
            extensions = [:]
            return
        }
        extensions = [:]
        for line in answer.lines.dropFirst() {
            let words = line.split(separator: " ", maxSplits: 1)
            guard let keyword = words.first else { continue }
            extensions[keyword.uppercased()] = words.count > 1 ? String(words[1]) : ""
        }
    }

    private func authenticate(_ username: String, _ password: String) async throws {
        let mechanisms = (extensions["AUTH"] ?? "").uppercased().split(separator: " ")
        let answer: SMTPReply
        if mechanisms.contains("PLAIN") {
            answer = try await command("AUTH PLAIN " + Data("\0\(username)\0\(password)".utf8).base64EncodedString())
        } else if mechanisms.contains("LOGIN") {
            var step = try await command("AUTH LOGIN")
            guard step.code == 334 else { throw SMTPFailure.session("the mail server refused AUTH LOGIN: \(step)") }
            step = try await command(Data(username.utf8).base64EncodedString())
            guard step.code == 334 else { throw SMTPFailure.session("the mail server refused the user name: \(step)") }
            answer = try await command(Data(password.utf8).base64EncodedString())
        } else {
            throw SMTPFailure.session("the mail server offers no AUTH PLAIN or LOGIN (a user is configured; is TLS on?)")
        }
        guard answer.code == 235 else { throw SMTPFailure.session("the mail server refused the login: \(answer)") }
    }

    /// One message: MAIL, RCPT, DATA. A refusal of this message is its outcome (and the
    /// transaction is reset); a broken connection throws.
    func transfer(_ message: SMTPClient.Envelope, sizeLimit: Int?) async throws -> MailOutcome {
        if let sizeLimit, message.data.count > sizeLimit {
            return .permanentFailure("the message (\(message.data.count) bytes) is larger than the mail server takes (\(sizeLimit))")
        }
        let size = extensions["SIZE"] != nil ? " SIZE=\(message.data.count)" : ""
        for line in ["MAIL FROM:<\(message.from)>\(size)", "RCPT TO:<\(message.to)>"] {
            let answer = try await command(line)
            guard answer.code == 250 || answer.code == 251 else { return try await refused(answer) }
        }
        let go = try await command("DATA")
        guard go.code == 354 else { return try await refused(go) }
        var buffer = channel.allocator.buffer(capacity: message.data.count + 1_024)
        Self.writeDotStuffed(message.data, into: &buffer)
        buffer.writeString(".\r\n")
        try await channel.writeAndFlush(buffer)
        let accepted = try await reply()
        guard accepted.code == 250 else { return try await refused(accepted, inTransaction: false) }
        return .sent
    }

    private func refused(_ answer: SMTPReply, inTransaction: Bool = true) async throws -> MailOutcome {
        if inTransaction { _ = try await command("RSET") }
        return answer.isPermanent ? .permanentFailure("\(answer)") : .temporaryFailure("\(answer)")
    }

    func quit() async {
        _ = try? await command("QUIT")
    }

    /// The message with CRLF line ends and a dot doubled at the start of any line, ending
    /// in CRLF.
    static func writeDotStuffed(_ data: Data, into buffer: inout ByteBuffer) {
        var atLineStart = true
        var previous: UInt8 = 0
        for byte in data {
            if byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r") { buffer.writeInteger(UInt8(ascii: "\r")) }
            if atLineStart && byte == UInt8(ascii: ".") { buffer.writeInteger(UInt8(ascii: ".")) }
            buffer.writeInteger(byte)
            atLineStart = byte == UInt8(ascii: "\n")
            previous = byte
        }
        if previous != UInt8(ascii: "\n") { buffer.writeString("\r\n") }
    }
}
