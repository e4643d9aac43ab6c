import Foundation
import Testing

/// The real SMTP servers the email tests send to: aiosmtpd, which `scripts/with-smtp.sh`
/// (part of `scripts/test.sh`) starts on loopback ports. Like the Stripe tests, the SMTP
/// tests skip, saying so, when they are not there, and fail when they are required
/// (`BOXOFFICE_REQUIRE_SMTP=1`).
package enum TestSMTP {
    static let environment = ProcessInfo.processInfo.environment

    package static let directory: String? = environment["BOXOFFICE_TEST_SMTP_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    package static var isAvailable: Bool { directory != nil && port(.startTLS) != nil }
    package static let skipNote: Comment = "SMTP tests SKIPPED: BOXOFFICE_TEST_SMTP_DIR is not set. Run scripts/test.sh to start aiosmtpd."
    /// The self-signed certificate the TLS servers present.
    package static var caFile: String? { environment["BOXOFFICE_TEST_SMTP_CA_FILE"] }

    package enum Server: String { case startTLS = "STARTTLS", smtps = "SMTPS", plain = "PLAIN" }

    package static func port(_ server: Server) -> Int? { environment["BOXOFFICE_TEST_SMTP_\(server.rawValue)_PORT"].flatMap { Int($0) } }

    /// The `smtp://` or `smtps://` URL of a server, with the test account if asked.
    package static func url(_ server: Server, login: Bool = false) -> String {
        let scheme = server == .smtps ? "smtps" : "smtp"
        return "\(scheme)://\(login ? "boxoffice:s3cret@" : "")localhost:\(port(server) ?? 9)"
    }

    /// A message the servers accepted, with how it came.
    package struct Received: Sendable {
        package var path: String
        package var mailFrom: String
        package var recipients: [String]
        package var server: String
        package var tls: Bool
        package var login: String?

        /// The message's `Message-ID` header, read from its head.
        package var messageID: String? {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return nil }
            let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
            return head.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("message-id:") }
                .map { String($0.dropFirst("message-id:".count)).trimmingCharacters(in: .whitespaces) }
        }
    }

    /// Waits up to `timeout` for at least `count` messages to `recipient`; returns them all.
    package static func waitFor(_ count: Int, to recipient: String, timeout: Duration = .seconds(30)) async -> [Received] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let got = received(for: recipient)
            if got.count >= count { return got }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return received(for: recipient)
    }

    /// Every message accepted for `recipient` so far, oldest first.
    package static func received(for recipient: String) -> [Received] {
        guard let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }.sorted().compactMap { name in
            let path = (directory as NSString).appendingPathComponent(name)
            let sidecar = String(path.dropLast(4)) + ".json"
            guard let data = FileManager.default.contents(atPath: sidecar),
                  let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let recipients = json["rcpt_tos"] as? [String], recipients.contains(recipient) else { return nil }
            return Received(path: path, mailFrom: json["mail_from"] as? String ?? "", recipients: recipients,
                            server: json["server"] as? String ?? "", tls: json["tls"] as? Bool ?? false, login: json["auth"] as? String)
        }
    }
}

/// An email as Python's MIME parser reads it (`scripts/mail/inspect-eml.py`), with its
/// attachments saved to files.
package struct InspectedMail: Sendable {
    package struct Part: Sendable {
        package var type: String
        package var filename: String?
        package var contentID: String?
        package var disposition: String?
        package var file: String
    }

    package var subject: String
    package var from: String
    package var to: String
    package var messageID: String
    package var structure: String
    package var text: String
    package var html: String
    package var parts: [Part]

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    package init(path: String) throws {
        let outdir = FileManager.default.temporaryDirectory.appendingPathComponent("boxoffice-mail-\(UUID().uuidString)").path
        let output = try Tool.run("python3", [Self.repository.appendingPathComponent("scripts/mail/inspect-eml.py").path, path, outdir])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        subject = json["subject"] as? String ?? ""
        from = json["from"] as? String ?? ""
        to = json["to"] as? String ?? ""
        messageID = json["message_id"] as? String ?? ""
        structure = json["structure"] as? String ?? ""
        text = json["text"] as? String ?? ""
        html = json["html"] as? String ?? ""
        parts = (json["parts"] as? [[String: Any]] ?? []).map {
            Part(type: $0["type"] as? String ?? "", filename: $0["filename"] as? String, contentID: $0["content_id"] as? String,
                 disposition: $0["disposition"] as? String, file: $0["file"] as? String ?? "")
        }
    }

    package func parts(ofType type: String) -> [Part] { parts.filter { $0.type == type } }
}

/// Runs the command-line tools the tests read documents with (zbarimg, pdftotext, pdftoppm).
package enum Tool {
    package struct Failed: Error, CustomStringConvertible {
        package var description: String
    }

    /// Runs a program to its end: its exit status, standard output and standard error.
    package static func capture(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// Runs `tool` (found on PATH) and returns its standard output; throws if it fails.
    @discardableResult
    package static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let (status, output, errors) = try capture(URL(fileURLWithPath: "/usr/bin/env"), [tool] + arguments)
        guard status == 0 else {
            throw Failed(description: "\(tool) \(arguments.joined(separator: " ")) exited \(status): \(errors)")
        }
        return output
    }

    /// The payloads of the QR codes in an image.
    package static func qrPayloads(inImage path: String) throws -> [String] {
        try run("zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", path])
            .split(separator: "\n").map(String.init)
    }

    /// The text of a PDF, as poppler reads it.
    package static func pdfText(_ path: String) throws -> String {
        try run("pdftotext", ["-layout", path, "-"])
    }

    /// The QR codes on a PDF's pages, rendered at 150 dpi.
    package static func qrPayloads(inPDF path: String) throws -> [String] {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("boxoffice-page-\(UUID().uuidString)").path
        try run("pdftoppm", ["-r", "150", "-png", path, prefix])
        let folder = (prefix as NSString).deletingLastPathComponent
        let base = (prefix as NSString).lastPathComponent
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(base) }.sorted()
        return try pages.flatMap { try qrPayloads(inImage: (folder as NSString).appendingPathComponent($0)) }
    }

    /// The number of pages poppler counts in a PDF.
    package static func pdfPages(_ path: String) throws -> Int? {
        let info = try run("pdfinfo", [path])
        return info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") }
    }
}
