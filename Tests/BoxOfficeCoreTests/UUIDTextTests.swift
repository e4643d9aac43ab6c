import BoxOfficeCore
import Foundation
import Testing

/// Ids as the stores and the API write them.
@Suite struct UUIDTextTests {
    /// Agrees with `UUID(uuidString:)` on well-formed text and refuses everything else.
    /// (Foundation's `sscanf` also takes a sign or a space in place of a digit, which we do not.)
    @Test func parsingAgreesWithFoundationOnWellFormedTextAndRefusesTheRest() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let id = UUID()
            #expect(UUID(text: id.uuidString) == id)
            #expect(UUID(text: id.text) == id)
            #expect(UUID(text: Substring(id.text)) == id)
            // Change one character: it parses only if it is still a hex digit where one belongs.
            var bytes = Array(id.uuidString.utf8)
            let position = Int.random(in: 0..<bytes.count, using: &generator)
            bytes[position] = UInt8.random(in: 32...126, using: &generator)
            let text = String(decoding: bytes, as: UTF8.self)
            let wellFormed = [8, 13, 18, 23].contains(position)
                ? bytes[position] == UInt8(ascii: "-")
                : Character(UnicodeScalar(bytes[position])).isHexDigit
            #expect(UUID(text: text) == (wellFormed ? UUID(uuidString: text) : nil), "\(text)")
        }
        for text in ["", "not-a-uuid", String(repeating: "0", count: 36), "00000000-0000-0000-0000-00000000000",
                     "00000000-0000-0000-0000-0000000000000", "0000000-00000-0000-0000-000000000000",
                     "g0000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-00000000000é",
                     "{00000000-0000-0000-0000-000000000000}", " 0000000-0000-0000-0000-000000000000",
                     "+0000000-0000-0000-0000-000000000000", "0000000--0000-0000-0000-000000000000"] {
            #expect(UUID(text: text) == nil, "\(text)")
        }
    }

    @Test func randomIdsAreVersionFourAndDistinct() {
        let ids = (0..<10_000).map { _ in UUID.random() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(100) {
            #expect(id.uuid.6 >> 4 == 4)
            #expect(id.uuid.8 >> 6 == 0b10)
        }
        // Every bit other than the version and variant varies.
        let varying = ids.reduce(into: [UInt8](repeating: 0, count: 16)) { mask, id in
            withUnsafeBytes(of: id.uuid) { bytes in for index in 0..<16 { mask[index] |= bytes[index] ^ withUnsafeBytes(of: ids[0].uuid) { $0[index] } } }
        }
        #expect(varying[6] == 0x0F && varying[8] == 0x3F)
        #expect(varying.enumerated().allSatisfy { $0.offset == 6 || $0.offset == 8 || $0.element == 0xFF })
    }

    @Test func textIsTheLowerCaseStandardForm() {
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(id.text == id.uuidString.lowercased())
            #expect(UUID(uuidString: id.text) == id)
        }
    }

    @Test func timeOrderedIdsAreVersion7AndSortByTime() {
        let early = UUID.timeOrdered(at: Date(timeIntervalSince1970: 1_900_000_000))
        let later = UUID.timeOrdered(at: Date(timeIntervalSince1970: 1_900_000_000.002))
        #expect(early.text < later.text)
        #expect(Array(early.text)[14] == "7", "version 7")
        #expect("89ab".contains(Array(early.text)[19]), "RFC 4122 variant")
        #expect(early.text.hasPrefix("01ba60d3-3800-7"), "48 bits of Unix milliseconds (1,900,000,000,000 = 0x01ba60d33800) first")
    }
}

/// A reservation's seat lines are stored as JSON written by hand and read back with
/// `JSONDecoder`.
@Suite struct ReservedSeatLinesTests {
    @Test func linesReadBackAsWrittenWhateverTheRowLabel() throws {
        let rows = ["A", "Balcony \"B\"", "back\\slash", "Zoë", "tab\there", "line\nbreak", "\u{1}", "😀", ""]
        let seats = rows.enumerated().map { index, row in
            ReservedSeat(seatID: .random(), sectionID: .random(), row: row, number: index + 1, priceCents: 1_000 * index)
        }
        let text = ReservedSeat.encodeLines(seats)
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [[String: Any]])
        #expect(ReservedSeat.decodeLines(text) == seats)
        #expect(ReservedSeat.encodeLines([]) == "[]")
        #expect(ReservedSeat.decodeLines("[]").isEmpty)
    }
}
