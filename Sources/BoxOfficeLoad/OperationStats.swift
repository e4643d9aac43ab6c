import Foundation
import Histogram

/// Latency and outcome counts for one kind of request, in an HDR histogram (microseconds).
struct OperationStats: Sendable {
    var latency = Histogram<UInt64>(highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: .three)
    var count = 0
    var errors = 0

    mutating func record(microseconds: UInt64, failed: Bool) {
        _ = latency.record(max(1, min(microseconds, 120_000_000)))
        count += 1
        if failed { errors += 1 }
    }

    func summary(seconds: Double) -> OperationSummary {
        func ms(_ value: UInt64) -> Double { (Double(value) / 1_000).rounded(toPlaces: 3) }
        return OperationSummary(
            count: count, rps: seconds > 0 ? (Double(count) / seconds).rounded(toPlaces: 1) : 0,
            p50Ms: ms(latency.valueAtPercentile(50)), p90Ms: ms(latency.valueAtPercentile(90)),
            p99Ms: ms(latency.valueAtPercentile(99)), maxMs: ms(latency.max), errors: errors)
    }
}

/// One operation's line in the report.
package struct OperationSummary: Codable, Sendable, Equatable {
    package var count: Int
    package var rps: Double
    package var p50Ms: Double
    package var p90Ms: Double
    package var p99Ms: Double
    package var maxMs: Double
    package var errors: Int
}

/// Collects every request's latency by operation name; shared by all buyer tasks.
actor StatsBook {
    private var operations: [String: OperationStats] = [:]
    private(set) var conflicts = 0

    func record(_ operation: String, microseconds: UInt64, failed: Bool) {
        operations[operation, default: OperationStats()].record(microseconds: microseconds, failed: failed)
    }

    func recordConflict() { conflicts += 1 }

    func count(_ operation: String) -> Int { operations[operation]?.count ?? 0 }

    func summaries(seconds: Double) -> [String: OperationSummary] {
        operations.mapValues { $0.summary(seconds: seconds) }
    }

    func totalRequests() -> Int { operations.values.reduce(0) { $0 + $1.count } }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let scale = Foundation.pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
