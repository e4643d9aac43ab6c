import ArgumentParser
import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeServer
import Foundation
import Logging

/// `boxoffice audit --event ID`: checks one event's invariants against the database.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check an event against the database: no seat sold twice, tickets == places sold, signatures verify, GA never negative.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The event to audit.")
    var event: String

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        guard let eventID = UUID(text: event) else { throw ValidationError("--event must be an event id (a UUID)") }
        var configuration = BoxOfficeConfiguration()
        try database.apply(to: &configuration)
        configuration.logLevel = .warning
        let keyring = try TicketKeyFile.loadExisting(path: configuration.resolvedTicketKeyPath)
        let found = try await BoxOfficeServer.withDatabase(configuration) { store, _ in
            (try await store.auditRecord(eventID: eventID), try await store.refunds(eventID: eventID))
        }
        guard let record = found.0 else {
            throw ValidationError("no event \(event) in this database")
        }
        let refunds = found.1
        let violations = InventoryAudit.violations(of: record, publicKeys: keyring.publicKeys, now: Date())
            + MoneyAudit.violations(confirmed: record.confirmed, tickets: record.tickets, refunds: refunds)
        if json {
            let report: [String: Any] = ["event_id": eventID.text, "ok": violations.isEmpty, "violations": violations,
                                         "tickets": record.tickets.count, "confirmed_reservations": record.confirmed.count,
                                         "refunds": refunds.count]
            say(String(decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]), as: UTF8.self))
        } else if violations.isEmpty {
            say("audit ok: event \(eventID.text), \(record.confirmed.count) confirmed reservations, \(record.tickets.count) tickets, \(refunds.count) refunds; money and tickets agree")
        } else {
            say("audit FAILED: \(violations.count) violations")
            for violation in violations { say("  - \(violation)") }
        }
        if !violations.isEmpty { throw ExitCode.failure }
    }
}
