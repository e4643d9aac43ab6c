import BoxOfficeCore
import Crypto
import Foundation

/// Why the ticket signing keys could not be loaded.
package enum TicketKeyError: Error, CustomStringConvertible {
    case missing(path: String, keyID: String)
    case unreadable(path: String)

    package var description: String {
        switch self {
        case let .missing(path, keyID):
            "the ticket signing key \(keyID) is missing from \(path); tickets were issued with it, so it will not be replaced. Restore the file or pass --ticket-key"
        case let .unreadable(path): "the ticket signing key file at \(path) cannot be read"
        }
    }
}

/// The signing keys: the newest signs new tickets, every one verifies, so rotating the
/// key never invalidates a ticket already issued.
package struct TicketKeyring: Sendable {
    /// Oldest first; never empty.
    package let signers: [TicketSigner]

    /// The key that signs new tickets.
    package var current: TicketSigner { signers[signers.count - 1] }

    /// Every public key by key id, for verification (the check-in desk, scanners, audits).
    package var publicKeys: [String: Curve25519.Signing.PublicKey] {
        Dictionary(signers.map { ($0.keyID, $0.publicKey) }, uniquingKeysWith: { $1 })
    }
}

/// The Ed25519 ticket signing keys in a file, one base64 private key per line, newest
/// last; generated on first start. The database records every key id ever used, so a
/// lost or swapped file stops the server instead of silently invalidating tickets.
package enum TicketKeyFile {
    static let settingName = "ticket_signing_key_ids"
    /// Where databases made before key rotation recorded their one key id.
    static let legacySettingName = "ticket_signing_key_id"

    package static func load(path: String, store: any SettingsStore) async throws -> TicketKeyring {
        var setting = try await store.setting(settingName)
        if setting == nil { setting = try await store.setting(legacySettingName) }
        let recorded = setting.map { $0.split(separator: ",").map(String.init) } ?? []
        let keyring: TicketKeyring
        if FileManager.default.fileExists(atPath: path) {
            keyring = try loadExisting(path: path)
        } else {
            if let first = recorded.first { throw TicketKeyError.missing(path: path, keyID: first) }
            keyring = TicketKeyring(signers: [TicketSigner.generate()])
            try write(keyring, to: path)
        }
        let available = Set(keyring.signers.map(\.keyID))
        if let lost = recorded.first(where: { !available.contains($0) }) { throw TicketKeyError.missing(path: path, keyID: lost) }
        let ids = keyring.signers.map(\.keyID).joined(separator: ",")
        if recorded.isEmpty { _ = try await store.setSettingIfAbsent(settingName, value: ids) } else { try await store.setSetting(settingName, value: ids) }
        return keyring
    }

    /// Reads the keys without ever creating one (offline tools such as the audit).
    package static func loadExisting(path: String) throws -> TicketKeyring {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw TicketKeyError.unreadable(path: path) }
        let signers = try text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmed.isEmpty }.map {
            guard let signer = try? TicketSigner(exportedPrivateKey: $0) else { throw TicketKeyError.unreadable(path: path) }
            return signer
        }
        guard !signers.isEmpty else { throw TicketKeyError.unreadable(path: path) }
        return TicketKeyring(signers: signers)
    }

    /// Adds a new current key; older keys stay for verifying issued tickets.
    package static func rotate(path: String, store: any SettingsStore) async throws -> TicketKeyring {
        let existing = try await load(path: path, store: store)
        let rotated = TicketKeyring(signers: existing.signers + [TicketSigner.generate()])
        try write(rotated, to: path)
        try await store.setSetting(settingName, value: rotated.signers.map(\.keyID).joined(separator: ","))
        return rotated
    }

    private static func write(_ keyring: TicketKeyring, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let text = keyring.signers.map(\.exportedPrivateKey).joined(separator: "\n") + "\n"
        let temporary = path + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw TicketKeyError.unreadable(path: path)
        }
        // rename(2) replaces the old file atomically: a crash leaves the old keys or the new ones.
        guard Foundation.rename(temporary, path) == 0 else { throw TicketKeyError.unreadable(path: path) }
    }
}
