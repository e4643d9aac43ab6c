@testable import BoxOfficeCore
import Foundation
import Testing

@Suite struct TicketSignerTests {
    let payload = TicketPayload(ticketID: UUID(), eventID: UUID(), sectionID: UUID(), seatID: UUID(), seat: "B12",
                                holderName: "Zoë \"Z\" Smith", issuedAt: Date(timeIntervalSince1970: 1_900_000_000))

    @Test func signedPayloadVerifiesWithThePublicKeyAlone() throws {
        let signer = TicketSigner.generate()
        let code = try signer.sign(payload)
        #expect(code.hasPrefix("BO1.\(signer.keyID)."))
        let verified = try TicketSigner.verify(code, publicKeys: [signer.keyID: signer.publicKey])
        #expect(verified == payload)
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
        let relabelled = forged.replacingOccurrences(of: forger.keyID, with: signer.keyID)
        #expect(throws: TicketVerificationError.badSignature) { try signer.verify(relabelled) }
    }

    @Test func garbageIsMalformed() {
        let signer = TicketSigner.generate()
        for junk in ["", "hello", "BO1.x.y", "BO1.a.b.c.d", "BO1.\(signer.keyID).!!!.???"] {
            #expect(throws: TicketVerificationError.self) { try signer.verify(junk) }
        }
    }

    @Test func exportedKeyRoundTrips() throws {
        let signer = TicketSigner.generate()
        let restored = try TicketSigner(exportedPrivateKey: signer.exportedPrivateKey)
        #expect(restored.keyID == signer.keyID)
        #expect(try restored.verify(try signer.sign(payload)) == payload)
    }

    @Test func generalAdmissionPayloadHasNullSeat() throws {
        let signer = TicketSigner.generate()
        var ga = payload
        ga.seatID = nil
        ga.seat = "Floor"
        let code = try signer.sign(ga)
        let json = String(decoding: Data(base64URLEncoded: String(code.split(separator: ".")[2]))!, as: UTF8.self)
        #expect(json.contains("\"seat_id\":null"))
        #expect(try signer.verify(code) == ga)
    }
}
