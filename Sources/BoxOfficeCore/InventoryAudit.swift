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

        // A refunded ticket's seat is back on sale and may be in a later order too.
        let refundedSeats = Set(record.tickets.filter { $0.status == .refunded }.compactMap { ticket in
            ticket.seatID.map { "\(ticket.reservationID.text)/\($0.text)" }
        })
        var buyersOfSeat: [UUID: [UUID]] = [:]
        for reservation in record.confirmed {
            for line in reservation.seats where !refundedSeats.contains("\(reservation.id.text)/\(line.seatID.text)") {
                buyersOfSeat[line.seatID, default: []].append(reservation.id)
            }
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
        let refundedPlaces = record.tickets.filter { $0.status == .refunded }.count
        let confirmedPlaces = record.confirmed.reduce(0) { $0 + $1.quantity } - refundedPlaces
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
                // A compact code names the ticket and event; an older one also its seat.
                if payload.ticketID != ticket.id || payload.eventID != event.id || (payload.place.map { $0.seatID != ticket.seatID } ?? false) {
                    problems.append("ticket \(ticket.id.text)'s signed payload names another ticket, event or seat")
                }
            } catch {
                problems.append("ticket \(ticket.id.text)'s signature does not verify (\(error))")
            }
        }
        return problems
    }
}

/// Checks that money and tickets agree: each REFUNDED ticket has exactly one refund,
/// each refund sends back its tickets' price less its fee, and for every order what was
/// charged less what was refunded is what its live tickets are worth plus the fees kept.
package enum MoneyAudit {
    /// The broken rules, in words; empty when money and tickets agree.
    package static func violations(confirmed: [Reservation], tickets: [Ticket], refunds: [Refund]) -> [String] {
        var violations: [String] = []
        let orders = Dictionary(uniqueKeysWithValues: confirmed.map { ($0.id, $0) })
        let ticketsByID = Dictionary(uniqueKeysWithValues: tickets.map { ($0.id, $0) })
        var refundOf: [UUID: UUID] = [:]
        for refund in refunds {
            for id in refund.ticketIDs {
                if let other = refundOf[id] {
                    violations.append("ticket \(id.text) is in two refunds (\(other.text), \(refund.id.text))")
                }
                refundOf[id] = refund.id
                if ticketsByID[id]?.status != .refunded {
                    violations.append("refund \(refund.id.text) names ticket \(id.text), which is not REFUNDED")
                }
            }
            guard let order = orders[refund.reservationID], !refund.ticketIDs.isEmpty else { continue }
            let price = refund.ticketIDs.compactMap { ticketsByID[$0] }.reduce(0) { $0 + Self.price(of: $1, in: order) }
            if refund.amountCents + refund.feeCents != price {
                violations.append("refund \(refund.id.text) sends back \(refund.amountCents) and keeps \(refund.feeCents), but its tickets cost \(price)")
            }
        }
        for ticket in tickets where ticket.status == .refunded && refundOf[ticket.id] == nil {
            violations.append("ticket \(ticket.id.text) is REFUNDED without a refund")
        }
        let byOrder = Dictionary(grouping: refunds, by: \.reservationID)
        let ticketsByOrder = Dictionary(grouping: tickets, by: \.reservationID)
        for order in confirmed {
            let orderRefunds = byOrder[order.id] ?? []
            let refunded = orderRefunds.reduce(0) { $0 + $1.amountCents }
            let fees = orderRefunds.reduce(0) { $0 + $1.feeCents }
            let live = (ticketsByOrder[order.id] ?? []).filter { $0.status != .refunded }.reduce(0) { $0 + Self.price(of: $1, in: order) }
            if refunded > order.totalPriceCents {
                violations.append("reservation \(order.id.text) was refunded \(refunded), more than its \(order.totalPriceCents)")
            }
            if order.totalPriceCents - refunded != live + fees {
                violations.append("reservation \(order.id.text): charged \(order.totalPriceCents) less refunded \(refunded) is not its live tickets' \(live) plus fees \(fees)")
            }
        }
        return violations
    }

    /// A ticket's share of what its reservation cost.
    package static func price(of ticket: Ticket, in reservation: Reservation) -> Int {
        if let seatID = ticket.seatID, let line = reservation.seats.first(where: { $0.seatID == seatID }) { return line.priceCents }
        return reservation.quantity > 0 ? reservation.totalPriceCents / reservation.quantity : 0
    }
}
