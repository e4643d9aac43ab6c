import Crypto
import Foundation

/// What a ticket's QR code says: enough for a scanner to admit the holder offline.
package struct TicketPayload: Codable, Sendable, Equatable {
    package var ticketID: UUID
    package var eventID: UUID
    package var sectionID: UUID
    /// Nil for general admission.
    package var seatID: UUID?
    /// "A1", or the GA section's name.
    package var seat: String
    package var holderName: String
    package var issuedAt: Int64

    enum CodingKeys: String, CodingKey {
        case ticketID = "tid", eventID = "eid", sectionID = "sid", seatID = "seat_id", seat, holderName = "holder"
        case issuedAt = "iat"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func id(_ key: CodingKeys) throws -> UUID {
            guard let id = UUID(text: try container.decode(String.self, forKey: key)) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not a UUID")
            }
            return id
        }
        ticketID = try id(.ticketID)
        eventID = try id(.eventID)
        sectionID = try id(.sectionID)
        seatID = try container.decodeNil(forKey: .seatID) ? nil : try id(.seatID)
        seat = try container.decode(String.self, forKey: .seat)
        holderName = try container.decode(String.self, forKey: .holderName)
        issuedAt = try container.decode(Int64.self, forKey: .issuedAt)
    }

    /// Ids as lower-case text, as everywhere in the API; `seat_id` is null for GA.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ticketID.text, forKey: .ticketID)
        try container.encode(eventID.text, forKey: .eventID)
        try container.encode(sectionID.text, forKey: .sectionID)
        try container.encode(seatID?.text, forKey: .seatID)
        try container.encode(seat, forKey: .seat)
        try container.encode(holderName, forKey: .holderName)
        try container.encode(issuedAt, forKey: .issuedAt)
    }

    package init(ticketID: UUID, eventID: UUID, sectionID: UUID, seatID: UUID?, seat: String, holderName: String, issuedAt: Date) {
        self.ticketID = ticketID
        self.eventID = eventID
        self.sectionID = sectionID
        self.seatID = seatID
        self.seat = seat
        self.holderName = holderName
        self.issuedAt = issuedAt.epochMilliseconds / 1000
    }
}

/// Why a QR payload was refused.
package enum TicketVerificationError: Error, Equatable, Sendable {
    /// Not of the form BO1.<key id>.<payload>.<signature>, or the payload is not JSON.
    case malformed
    /// Signed by a key we do not know.
    case unknownKey(String)
    /// The signature does not match the payload.
    case badSignature
}

/// Signs ticket payloads with Ed25519 and verifies them with the public key alone.
///
/// A QR code reads `BO1.<key id>.<base64url payload JSON>.<base64url signature>`; the
/// signature covers everything before the last dot, so the key id cannot be swapped.
package struct TicketSigner: Sendable {
    package static let prefix = "BO1"
    private let privateKey: Curve25519.Signing.PrivateKey
    /// A short fingerprint of the public key, carried in every payload.
    package let keyID: String

    package init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
        self.keyID = Self.keyID(of: privateKey.publicKey)
    }

    /// A fresh random key.
    package static func generate() -> TicketSigner { TicketSigner(privateKey: .init()) }

    /// The key as stored on disk (raw 32 bytes, base64).
    package var exportedPrivateKey: String { privateKey.rawRepresentation.base64EncodedString() }

    /// Reads a key written by `exportedPrivateKey`.
    package init(exportedPrivateKey text: String) throws {
        guard let data = Data(base64Encoded: text.trimmed) else { throw TicketVerificationError.malformed }
        self.init(privateKey: try .init(rawRepresentation: data))
    }

    package var publicKey: Curve25519.Signing.PublicKey { privateKey.publicKey }

    /// The key id of a public key: the first 8 bytes of its SHA-256, hex.
    package static func keyID(of publicKey: Curve25519.Signing.PublicKey) -> String {
        SHA256.hash(data: publicKey.rawRepresentation).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// The QR text for a payload.
    package func sign(_ payload: TicketPayload) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = "\(Self.prefix).\(keyID).\(try encoder.encode(payload).base64URLEncoded)"
        let signature = try privateKey.signature(for: Data(body.utf8))
        return "\(body).\(signature.base64URLEncoded)"
    }

    /// Checks a QR text against known public keys (by key id) and returns what it names.
    package static func verify(
        _ code: String, publicKeys: [String: Curve25519.Signing.PublicKey]
    ) throws(TicketVerificationError) -> TicketPayload {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == prefix,
              let payloadData = Data(base64URLEncoded: String(parts[2])),
              let signature = Data(base64URLEncoded: String(parts[3])),
              // Only the canonical encoding: base64 ignores the spare low bits of its last
              // character, so without this two different codes would carry one signature.
              payloadData.base64URLEncoded == parts[2], signature.base64URLEncoded == parts[3]
        else { throw .malformed }
        let keyID = String(parts[1])
        guard let key = publicKeys[keyID] else { throw .unknownKey(keyID) }
        let body = parts[0...2].joined(separator: ".")
        guard key.isValidSignature(signature, for: Data(body.utf8)) else { throw .badSignature }
        guard let payload = try? JSONDecoder().decode(TicketPayload.self, from: payloadData) else { throw .malformed }
        return payload
    }

    /// Verifies a code signed by this signer's own key.
    package func verify(_ code: String) throws(TicketVerificationError) -> TicketPayload {
        try Self.verify(code, publicKeys: [keyID: publicKey])
    }
}

extension DataProtocol {
    /// Base64 without padding, URL-safe alphabet (RFC 4648 §5).
    package var base64URLEncoded: String {
        Data(self).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension Data {
    package init?(base64URLEncoded text: String) {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
