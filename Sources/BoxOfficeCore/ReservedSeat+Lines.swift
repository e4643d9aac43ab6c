import Foundation

extension ReservedSeat {
    private struct Line: Codable {
        var seat_id: String
        var section_id: String
        var row: String
        var number: Int
        var price_cents: Int
    }

    /// The reservation's seats as stored with it (JSON), so reading a reservation
    /// never needs to join the seats table.
    package static func encodeLines(_ seats: [ReservedSeat]) -> String {
        let lines = seats.map {
            Line(seat_id: $0.seatID.text, section_id: $0.sectionID.text, row: $0.row, number: $0.number, price_cents: $0.priceCents)
        }
        return String(decoding: (try? JSONEncoder().encode(lines)) ?? Data("[]".utf8), as: UTF8.self)
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
