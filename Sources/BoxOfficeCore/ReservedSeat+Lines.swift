import Foundation

extension ReservedSeat {
    private struct Line: Decodable {
        var seat_id: String
        var section_id: String
        var row: String
        var number: Int
        var price_cents: Int
    }

    /// The reservation's seats as stored with it (JSON), so reading a reservation
    /// never needs to join the seats table.
    /// Written by hand (a seated hold stores its lines; a JSONEncoder per hold cost more
    /// than the row's insert). `decodeLines` reads it back.
    package static func encodeLines(_ seats: [ReservedSeat]) -> String {
        var out = "["
        for (index, seat) in seats.enumerated() {
            if index > 0 { out += "," }
            out += "{\"seat_id\":\"\(seat.seatID.text)\",\"section_id\":\"\(seat.sectionID.text)\",\"row\":"
            out += JSONText.quoted(seat.row) + ",\"number\":\(seat.number),\"price_cents\":\(seat.priceCents)}"
        }
        return out + "]"
    }

    /// Reads what `encodeLines` wrote.
    package static func decodeLines(_ text: String) -> [ReservedSeat] {
        // A GA reservation has no lines: no decoder for it (one per GA hold on PostgreSQL).
        if text == "[]" { return [] }
        guard let lines = try? JSONDecoder().decode([Line].self, from: Data(text.utf8)) else { return [] }
        return lines.compactMap { line in
            guard let seatID = UUID(text: line.seat_id), let sectionID = UUID(text: line.section_id) else { return nil }
            return ReservedSeat(seatID: seatID, sectionID: sectionID, row: line.row, number: line.number, priceCents: line.price_cents)
        }
    }
}
