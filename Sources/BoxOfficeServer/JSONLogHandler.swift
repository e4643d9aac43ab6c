import Foundation
import Logging
import Synchronization

/// Writes one JSON object per log line to standard output: time, level, label,
/// message, and the metadata (Hummingbird's `hb.request.id` among it), so log
/// collectors can index every request.
package struct JSONLogHandler: LogHandler {
    package var metadata: Logger.Metadata = [:]
    package var logLevel: Logger.Level = .info
    private let label: String
    private static let output = Mutex(FileHandle.standardOutput)

    package init(label: String) {
        self.label = label
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var fields: [String: Any] = [
            "time": ISO8601DateFormatter.logTimestamp.string(from: Date()),
            "level": event.level.rawValue,
            "label": label,
            "message": event.message.description,
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for (key, value) in merged {
            fields[key == "hb.request.id" ? "request_id" : key] = Self.plain(value)
        }
        guard var line = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        line.append(0x0A)
        Self.output.withLock { $0.write(line) }
    }

    private static func plain(_ value: Logger.MetadataValue) -> Any {
        switch value {
        case let .string(text): text
        case let .stringConvertible(convertible): convertible.description
        case let .array(values): values.map(plain)
        case let .dictionary(values): values.mapValues(plain)
        }
    }
}

extension ISO8601DateFormatter {
    /// Millisecond timestamps for log lines.
    nonisolated(unsafe) static let logTimestamp: ISO8601DateFormatter = {
        // nonisolated(unsafe): ISO8601DateFormatter is thread-safe for formatting once configured.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}
