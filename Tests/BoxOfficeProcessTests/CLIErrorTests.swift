import BoxOfficeTestSupport
import Foundation
import Testing

/// A command that fails at its work says so in one sentence on standard error, with no
/// usage text and no Swift spelling of the error, and exits non-zero.
@Suite struct CLIErrorTests {
    func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        try Tool.capture(ProcessKillTests.binary, arguments)
    }

    @Test func aRefusedAccountIsOneSentenceWithoutUsage() throws {
        try #require(FileManager.default.isExecutableFile(atPath: ProcessKillTests.binary.path), "build the boxoffice executable first")
        let database = "sqlite:" + TestHarness.temporaryDatabasePath()
        let create = ["user", "create", "--database", database, "--email", "twice@example.test", "--password", "long-enough-pass"]
        #expect(try run(create).status == 0)

        let again = try run(create)
        #expect(again.status == 1)
        #expect(again.errors == "boxoffice: cannot create the account: an account with this email already exists\n")

        let short = try run(["user", "create", "--database", database, "--email", "short@example.test", "--password", "short"])
        #expect(short.status == 1)
        #expect(short.errors == "boxoffice: cannot create the account: password must be 8 to 72 bytes long\n")
        for answer in [again, short] {
            #expect(!answer.errors.contains("USAGE") && !answer.errors.contains("emailTaken") && !answer.errors.contains("invalid(field"))
        }
    }

    @Test func aWrongFlagStillShowsTheUsage() throws {
        try #require(FileManager.default.isExecutableFile(atPath: ProcessKillTests.binary.path), "build the boxoffice executable first")
        let answer = try run(["user", "create", "--role", "wizard", "--email", "a@example.test", "--password", "long-enough-pass",
                              "--database", "sqlite:" + TestHarness.temporaryDatabasePath()])
        #expect(answer.status != 0)
        #expect(answer.errors.contains("--role must be one of customer, organizer, scanner, admin"))
    }

    @Test func badMailOptionsStopServeBeforeItStarts() throws {
        try #require(FileManager.default.isExecutableFile(atPath: ProcessKillTests.binary.path), "build the boxoffice executable first")
        let database = "sqlite:" + TestHarness.temporaryDatabasePath()
        for (flags, message) in [
            (["--smtp", "ftp://mail.example.org"], "--smtp must be smtp://"),
            (["--smtp", "smtp://"], "--smtp has no host"),
            (["--smtp", "smtp://mail.example.org:99999"], "port"),
            (["--smtp-require-tls"], "--smtp-require-tls needs --smtp"),
            (["--mail-from", "not an address"], "--mail-from must be an address"),
            (["--public-url", "tickets.example.org"], "--public-url must be an http or https URL"),
            (["--smtp", "smtp://mail.example.org", "--smtp-ca-file", "/nonexistent.pem"], "--smtp-ca-file /nonexistent.pem cannot be read"),
        ] {
            let answer = try run(["serve", "--database", database, "--port", "0"] + flags)
            #expect(answer.status != 0, "\(flags)")
            #expect(answer.errors.contains(message), "\(flags): \(answer.errors)")
        }
    }
}
