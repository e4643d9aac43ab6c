import Crypto
import Foundation

/// What a ticket's QR code says: enough for a scanner to admit the holder offline.
///
/// A compact code (`BO2`, issued now) names the ticket and its event, signed; the place
/// and the holder's name come from the ticket record, or offline from the check-in list.
/// The older JSON codes (`BO1`) also carried them (`place`), and keep verifying.
package struct TicketPayload: Sendable, Equatable {
    package var ticketID: UUID
    package var eventID: UUID
    /// Seconds since 1970.
    package var issuedAt: Int64
    /// The section, seat and holder, as a `BO1` code carried them; nil for a `BO2` code.
    package var place: TicketPlace?

    package init(ticketID: UUID, eventID: UUID, issuedAt: Int64, place: TicketPlace? = nil) {
        self.ticketID = ticketID
        self.eventID = eventID
        self.issuedAt = issuedAt
        self.place = place
    }

    package init(ticketID: UUID, eventID: UUID, sectionID: UUID, seatID: UUID?, seat: String, holderName: String, issuedAt: Date) {
        self.init(ticketID: ticketID, eventID: eventID, issuedAt: issuedAt.epochMilliseconds / 1000,
                  place: TicketPlace(sectionID: sectionID, seatID: seatID, seat: seat, holderName: holderName))
    }
}

/// Where a ticket admits to and whom, as the older codes carried it.
package struct TicketPlace: Sendable, Equatable {
    package var sectionID: UUID
    /// Nil for general admission.
    package var seatID: UUID?
    /// "A1", or the GA section's name.
    package var seat: String
    package var holderName: String
}

/// Why a QR payload was refused.
package enum TicketVerificationError: Error, Equatable, Sendable {
    /// Neither a `BO2:` nor a `BO1.` code, or not decodable as one.
    case malformed
    /// Signed by a key we do not know.
    case unknownKey(String)
    /// The signature does not match the payload.
    case badSignature
}

/// Signs ticket payloads with Ed25519 and verifies them with the public key alone.
///
/// A code reads `BO2:` and then, in base32 (RFC 4648, upper case, no padding), 108 bytes:
/// the ticket id (16), the event id (16), the signing key's id (8), the issue time in
/// seconds (4, big-endian) and the Ed25519 signature (64) of `BO2:` followed by the first
/// 44 bytes. That is 177 characters of the QR alphanumeric set: a version 7 code (45
/// modules) at error correction M, which a phone reads at arm's length.
///
/// Codes issued before read `BO1.<key id>.<base64url payload JSON>.<base64url signature>`
/// (the signature covers everything before the last dot) and keep verifying.
package struct TicketSigner: Sendable {
    package static let prefix = "BO2:"
    package static let legacyPrefix = "BO1"
    static let bodyLength = 44
    static let signatureLength = 64
    private let privateKey: Curve25519.Signing.PrivateKey
    /// A short fingerprint of the public key (16 hex digits), carried in every code.
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

    /// The compact QR text for a payload (its `place` is not carried).
    package func sign(_ payload: TicketPayload) throws -> String {
        var body = Data(capacity: Self.bodyLength + Self.signatureLength)
        body.append(contentsOf: payload.ticketID.bytes)
        body.append(contentsOf: payload.eventID.bytes)
        body.append(contentsOf: Self.bytes(ofHex: keyID))
        withUnsafeBytes(of: UInt32(clamping: payload.issuedAt).bigEndian) { body.append(contentsOf: $0) }
        let signature = try privateKey.signature(for: Data(Self.prefix.utf8) + body)
        return Self.prefix + Base32.encode(body + signature)
    }

    /// The older JSON code for a payload: what tickets issued before the compact codes
    /// carry (kept to show that they still verify).
    package func signLegacy(_ payload: TicketPayload) throws -> String {
        guard let place = payload.place else { throw TicketVerificationError.malformed }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = LegacyPayload(tid: payload.ticketID.text, eid: payload.eventID.text, sid: place.sectionID.text,
                                 seatID: place.seatID?.text, seat: place.seat, holder: place.holderName, iat: payload.issuedAt)
        let body = "\(Self.legacyPrefix).\(keyID).\(try encoder.encode(json).base64URLEncoded)"
        let signature = try privateKey.signature(for: Data(body.utf8))
        return "\(body).\(signature.base64URLEncoded)"
    }

    /// Checks a QR text against known public keys (by key id) and returns what it names.
    package static func verify(
        _ code: String, publicKeys: [String: Curve25519.Signing.PublicKey]
    ) throws(TicketVerificationError) -> TicketPayload {
        if code.hasPrefix(prefix) { return try verifyCompact(code, publicKeys: publicKeys) }
        return try verifyLegacy(code, publicKeys: publicKeys)
    }

    /// The id of the key that signed a code, if it is well formed (for reports).
    package static func signingKeyID(of code: String) -> String? {
        if code.hasPrefix(prefix) {
            guard let bytes = Base32.decode(String(code.dropFirst(prefix.count))), bytes.count > 40 else { return nil }
            return bytes[32..<40].map { String(format: "%02x", $0) }.joined()
        }
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == legacyPrefix ? String(parts[1]) : nil
    }

    private static func verifyCompact(
        _ code: String, publicKeys: [String: Curve25519.Signing.PublicKey]
    ) throws(TicketVerificationError) -> TicketPayload {
        let text = String(code.dropFirst(prefix.count))
        // Only the canonical encoding (see Base32.decode), and exactly the fields.
        guard let bytes = Base32.decode(text), bytes.count == bodyLength + signatureLength else { throw .malformed }
        let body = bytes.prefix(bodyLength)
        let keyID = bytes[32..<40].map { String(format: "%02x", $0) }.joined()
        guard let key = publicKeys[keyID] else { throw .unknownKey(keyID) }
        guard key.isValidSignature(bytes.suffix(signatureLength), for: Data(prefix.utf8) + body) else { throw .badSignature }
        let issuedAt = bytes[40..<44].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return TicketPayload(ticketID: UUID(bytes: bytes[0..<16]), eventID: UUID(bytes: bytes[16..<32]), issuedAt: Int64(issuedAt))
    }

    private static func verifyLegacy(
        _ code: String, publicKeys: [String: Curve25519.Signing.PublicKey]
    ) throws(TicketVerificationError) -> TicketPayload {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == legacyPrefix,
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
        guard let json = try? JSONDecoder().decode(LegacyPayload.self, from: payloadData),
              let ticketID = UUID(text: json.tid), let eventID = UUID(text: json.eid), let sectionID = UUID(text: json.sid)
        else { throw .malformed }
        var seatID: UUID?
        if let text = json.seatID {
            guard let id = UUID(text: text) else { throw .malformed }
            seatID = id
        }
        return TicketPayload(ticketID: ticketID, eventID: eventID, issuedAt: json.iat,
                             place: TicketPlace(sectionID: sectionID, seatID: seatID, seat: json.seat, holderName: json.holder))
    }

    /// Verifies a code signed by this signer's own key.
    package func verify(_ code: String) throws(TicketVerificationError) -> TicketPayload {
        try Self.verify(code, publicKeys: [keyID: publicKey])
    }

    private static func bytes(ofHex hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }
}

/// The JSON a `BO1` code carries; ids as lower-case text, `seat_id` null for GA.
private struct LegacyPayload: Codable {
    var tid: String
    var eid: String
    var sid: String
    var seatID: String?
    var seat: String
    var holder: String
    var iat: Int64

    enum CodingKeys: String, CodingKey { case tid, eid, sid, seatID = "seat_id", seat, holder, iat }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tid, forKey: .tid)
        try container.encode(eid, forKey: .eid)
        try container.encode(sid, forKey: .sid)
        try container.encode(seatID, forKey: .seatID)
        try container.encode(seat, forKey: .seat)
        try container.encode(holder, forKey: .holder)
        try container.encode(iat, forKey: .iat)
    }
}

/// RFC 4648 base32: upper case, no padding; every character is in the QR code's
/// alphanumeric set.
package enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    package static func encode(_ data: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((data.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in data {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int(buffer >> UInt32(bits) & 31)])
            }
        }
        if bits > 0 { out.append(alphabet[Int(buffer << UInt32(5 - bits) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Nil unless `text` is the canonical encoding of some bytes: only alphabet
    /// characters, a length a whole number of bytes can have, and zero spare bits (so
    /// one byte string has exactly one code).
    package static func decode(_ text: String) -> [UInt8]? {
        guard [0, 2, 4, 5, 7].contains(text.utf8.count % 8) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 5 / 8)
        var buffer: UInt32 = 0
        var bits = 0
        for character in text.utf8 {
            let value: UInt8
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = character - UInt8(ascii: "A")
            case UInt8(ascii: "2")...UInt8(ascii: "7"): value = character - UInt8(ascii: "2") + 26
            default: return nil
            }
            buffer = buffer << 5 | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(buffer >> UInt32(bits) & 0xff))
            }
        }
        guard buffer & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return out
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
