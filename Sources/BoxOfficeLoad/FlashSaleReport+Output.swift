import Foundation

extension FlashSaleReport {
    /// The report as JSON with snake_case keys.
    package var json: Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// The report as a table for the terminal.
    package var summaryText: String {
        var lines = [
            "flash sale on event \(eventId): \(buyers) buyers for \(seatsOffered) places in \(durationSeconds) s (\(requestsPerSecond) req/s)",
            "operation        count      rps    p50 ms    p90 ms    p99 ms    max ms  errors",
        ]
        for (name, op) in operations.sorted(by: { $0.key < $1.key }) {
            let label = name.padding(toLength: 12, withPad: " ", startingAt: 0)
            lines.append(label + String(format: " %9d %8.1f %9.2f %9.2f %9.2f %9.2f %7d", op.count, op.rps,
                                        op.p50Ms, op.p90Ms, op.p99Ms, op.maxMs, op.errors))
        }
        lines.append("conflict rate \(conflictRate), seats sold \(seatsSold), tickets issued \(ticketsIssued); buyers served \(buyersServed), abandoned \(buyersAbandoned), gave up \(buyersGaveUp)")
        lines.append(audit.ok ? "audit: ok" : "audit: FAILED\n" + audit.violations.map { "  - \($0)" }.joined(separator: "\n"))
        return lines.joined(separator: "\n")
    }
}
