import Logging
import Synchronization

/// Keeps what its handlers are given, for a test to read.
package final class LogCapture: Sendable {
    package struct Record: Sendable {
        package let message: String
        package let metadata: Logger.Metadata
    }

    private let records = Mutex<[Record]>([])

    package init() {}

    package var lines: [Record] { records.withLock { $0 } }

    /// The application's logger, writing here.
    package func logger(level: Logger.Level) -> Logger {
        var logger = Logger(label: "boxoffice") { _ in Handler(capture: self) }
        logger.logLevel = level
        return logger
    }

    /// Every line as text: message and metadata.
    package var text: String { lines.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n") }

    package struct Handler: LogHandler {
        let capture: LogCapture
        package var metadata: Logger.Metadata = [:]
        package var logLevel: Logger.Level = .info

        package init(capture: LogCapture) { self.capture = capture }

        package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        package func log(event: LogEvent) {
            let record = Record(message: event.message.description, metadata: metadata.merging(event.metadata ?? [:]) { $1 })
            capture.records.withLock { $0.append(record) }
        }
    }
}

