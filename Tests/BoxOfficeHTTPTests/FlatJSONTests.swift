import BoxOfficeServer
import BoxOfficeTestSupport
import Foundation
import Testing
@testable import BoxOfficeHTTP

/// The hold route reads its body with `FlatJSON` when it can; whatever it answers must be
/// exactly what `JSONDecoder` answers, and anything unusual must be left to `JSONDecoder`.
@Suite struct FlatJSONTests {
    typealias Body = ReservationsController.CreateReservation

    func flat(_ text: String) -> Body? {
        Array(text.utf8).withUnsafeBytes { FlatJSON($0).flatMap(Body.init(flat:)) }
    }

    func decoded(_ text: String) -> Body? {
        try? JSONDecoder().decode(Body.self, from: Data(text.utf8))
    }

    static let usual = [
        #"{"event_id":"0196e1a4-44c5-7c43-9a52-1d0f6f9d3c10","section_id":"0196e1a4-44c5-7c43-9a52-1d0f6f9d3c11","quantity":2}"#,
        #"{"event_id": "e1", "seat_ids": ["a", "b", "c"], "hold_duration_minutes": 10}"#,
        #"{ "event_id" : "e1" , "seat_ids" : [ ] , "presale_code" : "PAPERMOONS" }"#,
        "{\n\t\"event_id\": \"e1\",\r\n \"section_id\": null, \"quantity\": null, \"seat_ids\": [\"x\"]\n}",
        #"{"quantity":-3,"event_id":"e"}"#,
        #"{"event_id":""}"#,
    ]

    @Test(arguments: usual) func usualBodiesTakeTheFastPathAndMatchTheDecoder(_ text: String) throws {
        let fast = try #require(flat(text))
        #expect(fast == decoded(text))
    }

    @Test func unusualBodiesAreLeftToTheDecoder() {
        let unusual = [
            #"{"event_id":"e\u0031"}"#, #"{"event_id":"é"}"#, #"{"event_id":"e","quantity":1.0}"#,
            #"{"event_id":"e","quantity":1e2}"#, #"{"event_id":"e","quantity":01}"#, #"{"event_id":"e","quantity":"1"}"#,
            #"{"event_id":"e","quantity":99999999999999999999}"#, #"{"event_id":"e","extra":1}"#,
            #"{"event_id":"e","event_id":"f"}"#, #"{"event_id":null}"#, #"{"seat_ids":["a"]}"#, #"{"event_id":"e"} x"#,
            #"{"event_id":"e",}"#, #"{"event_id":"e","seat_ids":[1]}"#, #"{"event_id":"e","seat_ids":"a"}"#,
            #"{"event_id":"e","quantity":true}"#, #"{"event_id":"e","section_id":{}}"#, "[]", "", "{", "{}", "nul",
            #"{"event_id":"e","quantity":nul}"#, #"{"event_id":"e","quantity":-}"#, "{\"event_id\":\"a\u{1}b\"}",
        ]
        for text in unusual { #expect(flat(text) == nil, "\(text)") }
    }

    /// Random edits of the usual bodies: whenever the fast path answers, the decoder agrees.
    @Test func editedBodiesNeverDisagreeWithTheDecoder() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(#"{}[]",:0123456789-+.eE nul\" tx"#.utf8)
        var answered = 0
        for _ in 0..<20_000 {
            var bytes = Array(Self.usual.randomElement(using: &generator)!.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[position] = alphabet.randomElement(using: &generator)!
                case 1: bytes.insert(alphabet.randomElement(using: &generator)!, at: position)
                default: if bytes.count > 1 { bytes.remove(at: position) }
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if let fast = flat(text) {
                answered += 1
                #expect(fast == decoded(text), "\(text)")
            }
        }
        #expect(answered > 1_000, "the edits should often leave a readable body")
    }
}
