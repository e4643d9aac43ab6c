import BoxOfficeCore
import Foundation

/// Why the ticket signing key could not be loaded.
package enum TicketKeyError: Error, CustomStringConvertible {
    case missing(path: String, keyID: String)
    case unreadable(path: String)
    case mismatch(path: String, expected: String, found: String)

    package var description: String {
        switch self {
        case let .missing(path, keyID):
            "the ticket signing key \(keyID) is missing at \(path); tickets were issued with it, so a new one will not be made. Restore the file or pass --ticket-key"
        case let .unreadable(path): "the ticket signing key at \(path) cannot be read"
        case let .mismatch(path, expected, found):
            "the ticket signing key at \(path) is \(found) but this database's tickets are signed with \(expected)"
        }
    }
}

/// Loads the Ed25519 ticket signing key, generating it on first start. The database
/// records the key id it was first used with, so a lost or swapped key file stops the
/// server instead of silently invalidating every issued ticket.
package enum TicketKeyFile {
    static let settingName = "ticket_signing_key_id"

    package static func load(path: String, store: any Store) async throws -> TicketSigner {
        let recorded = try await store.setting(settingName)
        let signer: TicketSigner
        if FileManager.default.fileExists(atPath: path) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), let loaded = try? TicketSigner(exportedPrivateKey: text)
            else { throw TicketKeyError.unreadable(path: path) }
            signer = loaded
        } else {
            if let recorded { throw TicketKeyError.missing(path: path, keyID: recorded) }
            signer = TicketSigner.generate()
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            guard FileManager.default.createFile(atPath: path, contents: Data((signer.exportedPrivateKey + "\n").utf8),
                                                 attributes: [.posixPermissions: 0o600])
            else { throw TicketKeyError.unreadable(path: path) }
        }
        let stored = try await store.setSettingIfAbsent(settingName, value: signer.keyID)
        guard stored == signer.keyID else { throw TicketKeyError.mismatch(path: path, expected: stored, found: signer.keyID) }
        return signer
    }

    /// Reads an existing key without ever creating one (for offline tools such as the audit).
    package static func loadExisting(path: String) throws -> TicketSigner {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let signer = try? TicketSigner(exportedPrivateKey: text)
        else { throw TicketKeyError.unreadable(path: path) }
        return signer
    }
}
