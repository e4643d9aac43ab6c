import Foundation

/// A ticket with what is printed on it: the event, its section, row and seat, and the
/// price paid. The ticket page, the PDF and the email all print these.
package struct PrintedTicket: Sendable {
    package var ticket: Ticket
    package var event: Event
    package var sectionName: String
    /// Nil for general admission.
    package var row: String?
    package var seatNumber: Int?
    package var priceCents: Int

    package init(ticket: Ticket, event: Event, reservation: Reservation) {
        self.ticket = ticket
        self.event = event
        sectionName = event.section(ticket.sectionID)?.name ?? ticket.seatLabel
        if let seatID = ticket.seatID, let seat = reservation.seats.first(where: { $0.seatID == seatID }) {
            row = seat.row
            seatNumber = seat.number
            priceCents = seat.priceCents
        } else {
            row = nil
            seatNumber = nil
            priceCents = ticket.seatID == nil
                ? reservation.totalPriceCents / max(1, reservation.quantity)
                : event.section(ticket.sectionID)?.priceCents ?? 0
        }
    }

    /// "Section Stalls · Row A · Seat 12", or "Floor · general admission".
    package var placeText: String {
        guard let row, let seatNumber else { return "\(sectionName) · general admission" }
        return "Section \(sectionName) · Row \(row) · Seat \(seatNumber)"
    }

    package var priceText: String { priceCents.moneyText(currency: event.currency) }
}
