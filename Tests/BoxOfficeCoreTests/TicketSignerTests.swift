@testable import BoxOfficeCore
import Foundation
import Testing

extension String {
    /// Hex digits as bytes.
    var hexBytes: [UInt8] {
        stride(from: 0, to: count, by: 2).map { UInt8(String(Array(self)[$0..<$0 + 2]), radix: 16)! }
    }
}

@Suite struct TicketSignerTests {
    let payload = TicketPayload(ticketID: UUID(), eventID: UUID(), sectionID: UUID(), seatID: UUID(), seat: "B12",
                                holderName: "Zoë \"Z\" Smith", issuedAt: Date(timeIntervalSince1970: 1_900_000_000))

    /// What a compact code carries back: the ticket, the event and the issue time.
    var compact: TicketPayload { TicketPayload(ticketID: payload.ticketID, eventID: payload.eventID, issuedAt: payload.issuedAt) }

    @Test func signedPayloadVerifiesWithThePublicKeyAlone() throws {
        let signer = TicketSigner.generate()
        let code = try signer.sign(payload)
        #expect(code.hasPrefix("BO2:"))
        #expect(TicketSigner.signingKeyID(of: code) == signer.keyID)
        let verified = try TicketSigner.verify(code, publicKeys: [signer.keyID: signer.publicKey])
        #expect(verified == compact)
    }

    @Test func theCompactCodeFitsTheQRAlphanumericSetInAVersion7Symbol() throws {
        let code = try TicketSigner.generate().sign(payload)
        // Version 7 at error correction M holds 178 alphanumeric characters.
        #expect(code.count == 177)
        let alphanumeric = Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
        #expect(code.allSatisfy(alphanumeric.contains))
    }

    @Test func olderJSONCodesStillVerifyWithTheirPlace() throws {
        let signer = TicketSigner.generate()
        let legacy = try signer.signLegacy(payload)
        #expect(legacy.hasPrefix("BO1.\(signer.keyID)."))
        #expect(try signer.verify(legacy) == payload)
        #expect(TicketSigner.signingKeyID(of: legacy) == signer.keyID)
        let forger = TicketSigner.generate()
        #expect(throws: TicketVerificationError.unknownKey(forger.keyID)) { try signer.verify(try forger.signLegacy(payload)) }
    }

    @Test func base32RoundTripsAndRefusesNonCanonicalText() {
        for length in 0..<20 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
        }
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.decode("MZXW6YTBOJ") == nil, "spare bits set")
        #expect(Base32.decode("MZXW6YTBO") == nil, "no whole number of bytes")
        #expect(Base32.decode("mzxw6ytboi") == nil, "lower case")
        #expect(Base32.decode("MZXW6YTBO1") == nil, "not in the alphabet")
    }

    @Test func everyAlteredCharacterIsRejected() throws {
        let signer = TicketSigner.generate()
        let code = Array(try signer.sign(payload))
        for index in code.indices {
            var altered = code
            altered[index] = altered[index] == "A" ? "B" : "A"
            #expect(throws: TicketVerificationError.self) { try signer.verify(String(altered)) }
        }
    }

    @Test func anotherKeysSignatureIsRejected() throws {
        let signer = TicketSigner.generate()
        let forger = TicketSigner.generate()
        let forged = try forger.sign(payload)
        #expect(throws: TicketVerificationError.unknownKey(forger.keyID)) { try signer.verify(forged) }
        // The same code claiming the genuine key's id: the signature covers the id.
        var bytes = try #require(Base32.decode(String(forged.dropFirst(4))))
        bytes.replaceSubrange(32..<40, with: signer.keyID.hexBytes)
        #expect(throws: TicketVerificationError.badSignature) { try signer.verify("BO2:" + Base32.encode(bytes)) }
        let legacy = try forger.signLegacy(payload).replacingOccurrences(of: forger.keyID, with: signer.keyID)
        #expect(throws: TicketVerificationError.badSignature) { try signer.verify(legacy) }
    }

    @Test func garbageIsMalformed() {
        let signer = TicketSigner.generate()
        let valid = try? signer.sign(payload)
        for junk in ["", "hello", "BO1.x.y", "BO1.a.b.c.d", "BO1.\(signer.keyID).!!!.???", "BO2:", "BO2:AAAA",
                     String((valid ?? "").dropLast(8)), (valid ?? "") + "AAAAAAAA", (valid ?? "").lowercased()] {
            #expect(throws: TicketVerificationError.self) { try signer.verify(junk) }
        }
    }

    @Test func exportedKeyRoundTrips() throws {
        let signer = TicketSigner.generate()
        let restored = try TicketSigner(exportedPrivateKey: signer.exportedPrivateKey)
        #expect(restored.keyID == signer.keyID)
        #expect(try restored.verify(try signer.sign(payload)) == compact)
    }

    @Test func generalAdmissionLegacyPayloadHasNullSeat() throws {
        let signer = TicketSigner.generate()
        var ga = payload
        ga.place?.seatID = nil
        ga.place?.seat = "Floor"
        let code = try signer.signLegacy(ga)
        let json = String(decoding: Data(base64URLEncoded: String(code.split(separator: ".")[2]))!, as: UTF8.self)
        #expect(json.contains("\"seat_id\":null"))
        #expect(try signer.verify(code) == ga)
    }
}
