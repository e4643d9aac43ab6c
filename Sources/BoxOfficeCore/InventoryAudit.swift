import Crypto
import Foundation

/// Everything the audit reads about one event, straight from a store.
package struct AuditRecord: Sendable {
    package var inventory: InventoryRecord
    /// Every reservation of the event that reached CONFIRMED.
    package var confirmed: [Reservation]
    /// Every ticket of the event.
    package var tickets: [Ticket]

    package init(inventory: InventoryRecord, confirmed: [Reservation], tickets: [Ticket]) {
        self.inventory = inventory
        self.confirmed = confirmed
        self.tickets = tickets
    }
}

/// Checks the invariants a sale must never break: no seat sold twice, tickets issued
/// equal places sold, every ticket's signature verifies, GA never below zero.
package enum InventoryAudit {
    /// The broken invariants, in words; empty when the event is sound.
    package static func violations(
        of record: AuditRecord, publicKeys: [String: Curve25519.Signing.PublicKey], now: Date
    ) -> [String] {
        var problems: [String] = []
        let event = record.inventory.event

        var buyersOfSeat: [UUID: [UUID]] = [:]
        for reservation in record.confirmed {
            for line in reservation.seats { buyersOfSeat[line.seatID, default: []].append(reservation.id) }
        }
        for (seat, reservations) in buyersOfSeat where reservations.count > 1 {
            problems.append("seat \(seat.text) is in \(reservations.count) confirmed reservations: \(reservations.map(\.text).joined(separator: ", "))")
        }

        let live = record.tickets.filter { $0.status == .active || $0.status == .used }
        var ticketsOfSeat: [UUID: Int] = [:]
        for ticket in live { if let seat = ticket.seatID { ticketsOfSeat[seat, default: 0] += 1 } }
        for (seat, count) in ticketsOfSeat where count > 1 {
            problems.append("seat \(seat.text) has \(count) live tickets")
        }
        let soldSeats = record.inventory.seats.filter { $0.status == .sold }
        for state in soldSeats where ticketsOfSeat[state.seat.id] == nil {
            problems.append("seat \(state.seat.label) (\(state.seat.id.text)) is SOLD but has no ticket")
        }
        let soldIDs = Set(soldSeats.map(\.seat.id))
        for seat in ticketsOfSeat.keys where !soldIDs.contains(seat) {
            problems.append("seat \(seat.text) has a ticket but is not SOLD")
        }

        let gaSold = record.inventory.gaSold.values.reduce(0, +)
        let placesSold = soldSeats.count + gaSold
        if live.count != placesSold {
            problems.append("tickets issued (\(live.count)) differ from places sold (\(placesSold))")
        }
        let confirmedPlaces = record.confirmed.reduce(0) { $0 + $1.quantity }
        if confirmedPlaces != placesSold {
            problems.append("confirmed reservations cover \(confirmedPlaces) places but \(placesSold) are sold")
        }

        for section in event.sections where section.kind == .generalAdmission {
            let sold = record.inventory.gaSold[section.id] ?? 0
            let held = record.inventory.gaHolds.filter { $0.sectionID == section.id && ($0.heldUntil ?? .distantFuture) > now }
                .reduce(0) { $0 + $1.quantity }
            if sold < 0 || sold + held > section.capacity {
                problems.append("GA section \(section.name) has \(sold) sold and \(held) held of \(section.capacity): below zero")
            }
        }

        for ticket in live {
            do {
                let payload = try TicketSigner.verify(ticket.qrCode, publicKeys: publicKeys)
                if payload.ticketID != ticket.id || payload.eventID != event.id || payload.seatID != ticket.seatID {
                    problems.append("ticket \(ticket.id.text)'s signed payload names another ticket, event or seat")
                }
            } catch {
                problems.append("ticket \(ticket.id.text)'s signature does not verify (\(error))")
            }
        }
        return problems
    }
}
