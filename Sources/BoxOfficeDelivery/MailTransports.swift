import BoxOfficeCore
import Foundation

/// Writes each email and hands it to a mail server over SMTP.
package struct SMTPMailTransport: MailTransport {
    let composer: TicketMailComposer
    let client: SMTPClient

    package init(composer: TicketMailComposer, client: SMTPClient) {
        self.composer = composer
        self.client = client
    }

    package func send(_ mails: [OutgoingMail]) async -> [MailOutcome] {
        var outcomes = [MailOutcome?](repeating: nil, count: mails.count)
        var envelopes: [SMTPClient.Envelope] = []
        var positions: [Int] = []
        let composer = composer
        let written: [Result<Data, any Error>]
        do {
            written = try await RenderingThread.run {
                mails.map { mail in Result { try composer.compose(mail, date: Date()) } }
            }
        } catch {
            return mails.map { _ in .temporaryFailure("the emails could not be written: \(error)") }
        }
        for (index, (mail, result)) in zip(mails, written).enumerated() {
            switch result {
            case .success(let data):
                envelopes.append(.init(from: composer.from.address, to: mail.email.recipient, data: data))
                positions.append(index)
            case .failure(let error):
                // A message that cannot be written will not be written on the next try either.
                outcomes[index] = .permanentFailure("the email could not be written: \(error)")
            }
        }
        for (position, outcome) in zip(positions, await client.send(envelopes)) { outcomes[position] = outcome }
        return outcomes.map { $0 ?? .temporaryFailure("not sent") }
    }
}

/// Writes each email as an `.eml` file into a directory: what a machine with no mail
/// server (the demo, a first try) does, so the messages can be opened in any mail reader.
package struct MailDirectoryTransport: MailTransport {
    let composer: TicketMailComposer
    package let directory: String

    package init(composer: TicketMailComposer, directory: String) {
        self.composer = composer
        self.directory = directory
    }

    package func send(_ mails: [OutgoingMail]) async -> [MailOutcome] {
        let (composer, directory) = (composer, directory)
        do {
            return try await RenderingThread.run { Self.write(mails, composer: composer, directory: directory) }
        } catch {
            return mails.map { _ in .temporaryFailure("the emails could not be written: \(error)") }
        }
    }

    private static func write(_ mails: [OutgoingMail], composer: TicketMailComposer, directory: String) -> [MailOutcome] {
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return mails.map { _ in .temporaryFailure("the mail directory \(directory) cannot be made: \(error)") }
        }
        return mails.map { mail in
            do {
                let data = try composer.compose(mail, date: Date())
                // Named by the email's id: a resend after a crash replaces the same file.
                let name = "\(mail.email.createdAt.epochMilliseconds)-\(mail.email.kind.rawValue)-\(mail.email.id.text).eml"
                let path = (directory as NSString).appendingPathComponent(name)
                let temporary = (directory as NSString).appendingPathComponent(".\(name).tmp")
                try data.write(to: URL(fileURLWithPath: temporary))
                if files.fileExists(atPath: path) { try files.removeItem(atPath: path) }
                try files.moveItem(atPath: temporary, toPath: path)
                return .sent
            } catch {
                return .temporaryFailure("the email could not be written to \(directory): \(error)")
            }
        }
    }
}
