import BoxOfficeCore
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
    private static let output = LogOutput()

    package init(label: String) {
        self.label = label
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        Self.output.append(line(for: event, at: Date()) + "\n", flushNow: event.level >= .notice)
    }

    /// The line for `event`: keys sorted, numbers as JSON numbers. Written by hand rather
    /// than with `JSONSerialization`: at info level every request writes one.
    package func line(for event: LogEvent, at date: Date) -> String {
        var fields: [String: String] = [
            "time": JSONText.quoted(Self.timestamp(date)),
            "level": JSONText.quoted(event.level.rawValue),
            "label": JSONText.quoted(label),
            "message": JSONText.quoted(event.message.description),
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key == "hb.request.id" ? "request_id" : key] = Self.json(value)
        }
        return "{" + fields.sorted { $0.key < $1.key }.map { JSONText.quoted($0.key) + ":" + $0.value }.joined(separator: ",") + "}"
    }

    private static func json(_ value: Logger.MetadataValue) -> String {
        switch value {
        case let .string(text): JSONText.quoted(text)
        case let .stringConvertible(number as Int): String(number)
        case let .stringConvertible(number as Double) where number.isFinite: String(number)
        case let .stringConvertible(convertible): JSONText.quoted(convertible.description)
        case let .array(values): "[" + values.map(json).joined(separator: ",") + "]"
        case let .dictionary(values):
            "{" + values.sorted { $0.key < $1.key }.map { JSONText.quoted($0.key) + ":" + json($0.value) }.joined(separator: ",") + "}"
        }
    }

    /// `2026-07-01T20:00:00.123Z`, UTC, to the millisecond.
    static func timestamp(_ date: Date) -> String {
        let milliseconds = date.epochMilliseconds
        var seconds = time_t(milliseconds / 1_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let date = "\(parts.tm_year + 1900)-\(padded(Int(parts.tm_mon) + 1, 2))-\(padded(Int(parts.tm_mday), 2))"
        let time = "\(padded(Int(parts.tm_hour), 2)):\(padded(Int(parts.tm_min), 2)):\(padded(Int(parts.tm_sec), 2))"
        return "\(date)T\(time).\(padded(Int(milliseconds % 1_000), 3))Z"
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

    func append(_ line: String, flushNow: Bool) {
        let full = pending.withLock { buffer in
            buffer.append(contentsOf: line.utf8)
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
