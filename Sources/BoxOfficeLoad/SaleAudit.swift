import BoxOfficeCore
import Crypto
import Foundation

/// The load generator's audit, over the public API: no seat in two confirmed
/// reservations, tickets issued equal places sold, every ticket's signature verifies
/// with the published keys, GA never negative.
struct SaleAudit {
    let client: LoadClient
    let event: SaleEvent
    let tally: Tally

    func violations() async throws -> [String] {
        var problems: [String] = []
        let purchases = await tally.purchases

        var reservationsOfSeat: [String: Int] = [:]
        for purchase in purchases { for seat in purchase.seatIDs { reservationsOfSeat[seat, default: 0] += 1 } }
        for (seat, count) in reservationsOfSeat where count > 1 {
            problems.append("seat \(seat) is in \(count) confirmed reservations")
        }

        let keys = try await client.send("keys", .GET, "/api/v1/keys/tickets").array("keys")
        var publicKeys: [String: Curve25519.Signing.PublicKey] = [:]
        for key in keys {
            guard let id = key["key_id"] as? String, let text = key["public_key"] as? String, let raw = Data(base64Encoded: text),
                  let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { continue }
            publicKeys[id] = publicKey
        }
        for purchase in purchases {
            for ticket in purchase.tickets {
                guard let payload = try? TicketSigner.verify(ticket.qrCode, publicKeys: publicKeys) else {
                    problems.append("ticket \(ticket.ticketID)'s signature does not verify")
                    continue
                }
                if payload.ticketID.text != ticket.ticketID || payload.eventID.text != event.id || (payload.place.map { $0.seatID?.text != ticket.seatID } ?? false) {
                    problems.append("ticket \(ticket.ticketID)'s payload names another ticket, event or seat")
                }
            }
        }

        let map = try await client.send("seat_map", .GET, "/api/v1/events/\(event.id)/seats")
        let sold = Set(map.array("sections").flatMap { ($0["seats"] as? [[String: Any]] ?? []) }
            .filter { $0["status"] as? String == "SOLD" }.compactMap { $0["seat_id"] as? String })
        for seat in reservationsOfSeat.keys where !sold.contains(seat) {
            problems.append("seat \(seat) was bought but the seat map does not show it SOLD")
        }
        let detail = try await client.send("event", .GET, "/api/v1/events/\(event.id)")
        var gaSold = 0
        for section in detail.array("sections") where section["kind"] as? String == "general_admission" {
            let capacity = section["capacity"] as? Int ?? 0
            let soldCount = section["sold_count"] as? Int ?? 0
            let available = section["available_count"] as? Int ?? 0
            gaSold += soldCount
            if available < 0 || soldCount < 0 || soldCount > capacity {
                problems.append("GA section \(section["name"] ?? "?") shows \(soldCount) sold and \(available) available of \(capacity)")
            }
        }
        let tickets = purchases.reduce(0) { $0 + $1.tickets.count }
        if tickets != sold.count + gaSold {
            problems.append("tickets issued (\(tickets)) differ from places sold (\(sold.count) seats + \(gaSold) GA)")
        }
        return problems
    }
}
