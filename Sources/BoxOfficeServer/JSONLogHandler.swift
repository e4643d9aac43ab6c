import BoxOfficeCore
import BoxOfficeHTTP
import Foundation
import Logging
import Synchronization

/// Writes one JSON object per log line to standard output: time, level, label,
/// message, and the metadata (Hummingbird's `hb.request.id` as `request_id`), so log
/// collectors can index every request.
package struct JSONLogHandler: LogHandler {
    package var metadata: Logger.Metadata = [:]
    package var logLevel: Logger.Level = .info
    private let label: String
    static let output = LogOutput()

    package init(label: String) {
        self.label = label
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var line = [UInt8]()
        line.reserveCapacity(320)
        write(event, at: Date(), into: &line)
        line.append(UInt8(ascii: "\n"))
        Self.output.append(line, flushNow: event.level >= .notice)
    }

    /// The line for `event`: keys sorted, numbers as JSON numbers.
    package func line(for event: LogEvent, at date: Date) -> String {
        var line = [UInt8]()
        write(event, at: date, into: &line)
        return String(decoding: line, as: UTF8.self)
    }

    private enum Field {
        case value(Logger.MetadataValue)
        case time
    }

    /// Writes the line for `event` as UTF-8, by hand rather than with `JSONSerialization`
    /// and without building a string per field: at info level every request writes a line,
    /// and a version that merged the metadata into a dictionary and joined strings took a
    /// tenth of the server's CPU on `/healthz`.
    func write(_ event: LogEvent, at date: Date, into out: inout [UInt8]) {
        var fields: [(key: String, field: Field)] = []
        fields.reserveCapacity(metadata.count + (event.metadata?.count ?? 0) + 4)
        for (key, value) in metadata where event.metadata?[key] == nil {
            fields.append((key == "hb.request.id" ? "request_id" : key, .value(value)))
        }
        for (key, value) in event.metadata ?? [:] {
            fields.append((key == "hb.request.id" ? "request_id" : key, .value(value)))
        }
        fields.append(("label", .value(.string(label))))
        fields.append(("level", .value(.string(event.level.rawValue))))
        fields.append(("message", .value(.string(event.message.description))))
        fields.append(("time", .time))
        fields.sort { $0.key < $1.key }
        out.append(UInt8(ascii: "{"))
        for (index, entry) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            Self.quote(entry.key, into: &out)
            out.append(UInt8(ascii: ":"))
            switch entry.field {
            case let .value(value): Self.json(value, into: &out)
            case .time:
                out.append(UInt8(ascii: "\""))
                Self.timestamp(date, into: &out)
                out.append(UInt8(ascii: "\""))
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func json(_ value: Logger.MetadataValue, into out: inout [UInt8]) {
        switch value {
        case let .string(text): quote(text, into: &out)
        case let .stringConvertible(number as Int): out.append(contentsOf: String(number).utf8)
        case let .stringConvertible(number as Double) where number.isFinite: out.append(contentsOf: String(number).utf8)
        case let .stringConvertible(convertible): quote(convertible.description, into: &out)
        case let .array(values):
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                json(value, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .dictionary(values):
            out.append(UInt8(ascii: "{"))
            for (index, entry) in values.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                quote(entry.key, into: &out)
                out.append(UInt8(ascii: ":"))
                json(entry.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string literal, as `JSONText.quoted` writes it, appended byte by byte.
    static func quote(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        defer { out.append(UInt8(ascii: "\"")) }
        // Almost every key, route and id needs no escaping: copy it whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: text.utf8)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case ..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0xF))
            default: out.append(byte)
            }
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// `2026-07-01T20:00:00.123Z`, UTC, to the millisecond.
    static func timestamp(_ date: Date) -> String {
        var out = [UInt8]()
        timestamp(date, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func timestamp(_ date: Date, into out: inout [UInt8]) {
        let milliseconds = date.epochMilliseconds
        var seconds = time_t(milliseconds / 1_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var value = value
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                value %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4)
        out.append(UInt8(ascii: "-")); digits(Int(parts.tm_mon) + 1, 2)
        out.append(UInt8(ascii: "-")); digits(Int(parts.tm_mday), 2)
        out.append(UInt8(ascii: "T")); digits(Int(parts.tm_hour), 2)
        out.append(UInt8(ascii: ":")); digits(Int(parts.tm_min), 2)
        out.append(UInt8(ascii: ":")); digits(Int(parts.tm_sec), 2)
        out.append(UInt8(ascii: ".")); digits(Int(milliseconds % 1_000), 3)
        out.append(UInt8(ascii: "Z"))
    }
}

/// Request lines written straight into the log's batch: the same JSON as
/// `JSONLogHandler` writes for `logger.info("request", metadata: ...)` (keys sorted,
/// numbers as numbers), without a metadata dictionary or a string per field.
package struct JSONRequestLines: RequestLineSink {
    let label: String

    package init(label: String = "boxoffice") { self.label = label }

    package func write(_ line: RequestLine) {
        var out = [UInt8]()
        out.reserveCapacity(256)
        format(line, at: Date(), into: &out)
        out.append(UInt8(ascii: "\n"))
        JSONLogHandler.output.append(out, flushNow: false)
    }

    package func text(of line: RequestLine, at date: Date) -> String {
        var out = [UInt8]()
        format(line, at: date, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func format(_ line: RequestLine, at date: Date, into out: inout [UInt8]) {
        func key(_ name: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        }
        key(#"{"duration_ms":"#)
        let whole = line.microseconds / 1_000
        var fraction = line.microseconds % 1_000
        out.append(contentsOf: String(whole).utf8)
        out.append(UInt8(ascii: "."))
        if fraction == 0 {
            out.append(UInt8(ascii: "0"))
        } else {
            var digits = 3
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            let text = String(fraction)
            for _ in 0..<(digits - text.utf8.count) { out.append(UInt8(ascii: "0")) }
            out.append(contentsOf: text.utf8)
        }
        key(#","label":"#)
        JSONLogHandler.quote(label, into: &out)
        key(#","level":"info","message":"request","method":"#)
        JSONLogHandler.quote(line.method, into: &out)
        if let requestID = line.requestID {
            key(#","request_id":"#)
            JSONLogHandler.quote(requestID, into: &out)
        }
        key(#","route":"#)
        JSONLogHandler.quote(line.route, into: &out)
        key(#","status":"#)
        out.append(contentsOf: String(line.status).utf8)
        key(#","time":""#)
        JSONLogHandler.timestamp(date, into: &out)
        out.append(UInt8(ascii: "\""))
        if let userID = line.userID {
            key(#","user_id":""#)
            out.append(contentsOf: userID.text.utf8)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
    }
}

/// Standard output for log lines, written in batches. At info level every request writes a
/// line, and a write(2) per line under one lock cost a fifth of the hold rate on two cores;
/// lines are gathered and written together instead: at once for notice and above, else
/// when 64 KB have gathered or 50 ms have passed (a background thread), and at exit. A
/// crash may lose the last 50 ms of info lines, never a warning or an error.
final class LogOutput: Sendable {
    private let pending = Mutex<[UInt8]>([])
    /// Held while a batch is taken and written, so batches reach the file in order.
    private let writing = Mutex(())
    private static let limit = 64 * 1024

    init() {
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.05)
                flush()
            }
        }
        thread.name = "boxoffice.log"
        thread.start()
        atexit { JSONLogHandler.flushOutput() }
    }

    func append(_ line: [UInt8], flushNow: Bool) {
        let full = pending.withLock { buffer in
            buffer.append(contentsOf: line)
            return flushNow || buffer.count >= Self.limit
        }
        if full { flush() }
    }

    func flush() {
        writing.withLock { _ in
            let bytes = pending.withLock { buffer -> [UInt8] in
                defer { buffer.removeAll(keepingCapacity: true) }
                return buffer
            }
            guard !bytes.isEmpty else { return }
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = Foundation.write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                    if written <= 0 { if errno == EINTR { continue } else { return } }
                    offset += written
                }
            }
        }
    }
}

extension JSONLogHandler {
    /// Writes out the log lines still gathered (at exit).
    static func flushOutput() { output.flush() }
}
