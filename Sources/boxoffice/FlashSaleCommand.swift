import ArgumentParser
import BoxOfficeLoad
import Foundation

/// `boxoffice flashsale`: runs an on-sale against a running server and audits it.
struct FlashSaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flashsale",
        abstract: "Run a flash sale against a running BoxOffice server over HTTP, report latencies and audit the result.")

    @Option(help: "Base URL of the server.") var url = "http://127.0.0.1:8080"
    @Option(help: "Number of buyers.") var buyers = 50_000
    @Option(help: "Seats in the generated event.") var seats = 5_000
    @Option(help: "General-admission places in the generated event.") var ga = 0
    @Option(help: "Buyers shopping at once.") var concurrency = 256
    @Option(help: "Share of buyers who hold and walk away (0...1).") var abandon = 0.04
    @Option(help: "Buyer accounts to register and share (registration is bcrypt-bound).") var accounts = 1_000
    @Option(help: "Organizer account that creates the event.") var organizerEmail = "organizer@boxoffice.test"
    @Option(help: "Its password.") var organizerPassword = "organizer-demo-pass"
    @Option(help: "Hold length of the generated event, in minutes (1-15).") var holdMinutes = 1
    @Option(help: "Write the JSON report to this file.") var report: String?
    @Option(help: "Random seed for the buyers' choices.") var seed: UInt64 = 42
    @Option(help: "Put the event behind the waiting room, admitting this many places a minute (in 1-second batches); buyers join, poll their status until admitted, then shop.")
    var queueRate: Int?
    @Flag(help: "No progress bar.") var quiet = false

    func validate() throws {
        guard buyers > 0, seats >= 0, ga >= 0, seats + ga > 0 else { throw ValidationError("need buyers > 0 and seats + ga > 0") }
        guard (1...10_000).contains(concurrency) else { throw ValidationError("--concurrency must be 1...10000") }
        guard (0...1).contains(abandon) else { throw ValidationError("--abandon must be between 0 and 1") }
        if let queueRate, !(1...1_000_000).contains(queueRate) { throw ValidationError("--queue-rate must be 1...1000000") }
    }

    func run() async throws {
        var configuration = FlashSaleConfiguration()
        configuration.url = url.hasSuffix("/") ? String(url.dropLast()) : url
        configuration.buyers = buyers
        configuration.seats = seats
        configuration.ga = ga
        configuration.concurrency = concurrency
        configuration.abandon = abandon
        configuration.accounts = accounts
        configuration.organizerEmail = organizerEmail
        configuration.organizerPassword = organizerPassword
        configuration.holdMinutes = holdMinutes
        configuration.seed = seed
        configuration.queueAdmitPerMinute = queueRate
        configuration.showProgress = !quiet
        let result = try await FlashSale(configuration).run()
        say(result.summaryText)
        if let report {
            try result.json.write(to: URL(fileURLWithPath: report))
            say("report written to \(report)")
        }
        if !result.audit.ok { throw ExitCode(2) }
    }
}
