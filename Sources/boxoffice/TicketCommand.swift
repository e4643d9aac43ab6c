import ArgumentParser
import BoxOfficeCore
import Crypto
import BoxOfficeApp
import BoxOfficeServer
import Foundation
import Logging

/// `boxoffice ticket verify PAYLOAD --public-key FILE`: checks a ticket offline.
struct TicketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ticket", abstract: "Work with tickets offline.",
                                                    subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a ticket's QR payload with the public key(s) alone and print what it names.",
            discussion: """
            FILE is the JSON of GET /api/v1/keys/tickets (every key id it lists is accepted), or one base64 \
            Ed25519 public key. Exit status 1 if the payload is forged or malformed.
            """)

        @Argument(help: "The QR payload (BO1....).") var payload: String
        @Option(help: "Public key file.") var publicKey: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: publicKey) else {
                throw ValidationError("cannot read \(publicKey)")
            }
            let keys = try Self.keys(from: data)
            do {
                let claims = try TicketSigner.verify(payload.trimmed, publicKeys: keys)
                say("VALID signature (key \(TicketSigner.signingKeyID(of: payload.trimmed) ?? "?"))")
                say("ticket   \(claims.ticketID.text)")
                say("event    \(claims.eventID.text)")
                if let place = claims.place {
                    say("section  \(place.sectionID.text)")
                    say("seat     \(place.seat)\(place.seatID.map { " (\($0.text))" } ?? " (general admission)")")
                    say("holder   \(place.holderName)")
                }
                say("issued   \(Date(timeIntervalSince1970: TimeInterval(claims.issuedAt)))")
            } catch {
                say("FORGED: \(error)")
                throw ExitCode.failure
            }
        }

        static func keys(from data: Data) throws -> [String: Curve25519.Signing.PublicKey] {
            var keys: [String: Curve25519.Signing.PublicKey] = [:]
            if let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let list = json["keys"] as? [[String: Any]] {
                for entry in list {
                    guard let text = entry["public_key"] as? String, let raw = Data(base64Encoded: text),
                          let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { continue }
                    keys[entry["key_id"] as? String ?? TicketSigner.keyID(of: key)] = key
                }
            } else if let raw = Data(base64Encoded: String(decoding: data, as: UTF8.self).trimmed),
                      let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) {
                keys[TicketSigner.keyID(of: key)] = key
            }
            guard !keys.isEmpty else { throw ValidationError("no Ed25519 public key found in the file") }
            return keys
        }
    }
}

/// `boxoffice keys rotate`: a new ticket signing key; old tickets stay valid.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Manage the ticket signing keys.",
                                                    subcommands: [Rotate.self])

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a new ticket signing key. New tickets use it; tickets signed with older keys stay valid.",
            discussion: "Restart the server (every node, with the new key file) to sign with the new key.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            var configuration = BoxOfficeConfiguration()
            try database.apply(to: &configuration)
            configuration.logLevel = .warning
            let path = configuration.resolvedTicketKeyPath
            let keyring = try await BoxOfficeServer.withDatabase(configuration) { store, _ in
                try await TicketKeyFile.rotate(path: path, store: store)
            }
            say("new signing key \(keyring.current.keyID) added to \(configuration.resolvedTicketKeyPath); "
                + "\(keyring.signers.count - 1) older key(s) kept for verification")
        }
    }
}
