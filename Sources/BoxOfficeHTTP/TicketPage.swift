import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeDocuments
import Foundation
import Hummingbird

/// `GET /tickets/{id}`: the printable ticket, for its signed link or its owner's bearer token.
struct TicketPageController {
    let booking: BookingService
    let links: TicketLinks

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("tickets/:ticket_id") { request, context in
            guard let id = UUID(apiText: context.parameters.get("ticket_id")) else { throw BookingError.ticketNotFound }
            let ticket: Ticket
            if let signature = request.uri.queryParameters.get("sig"), links.isValid(String(signature), for: id) {
                ticket = try await booking.ticket(openedBySignedLink: id)
            } else if let viewer = context.viewer {
                ticket = try await booking.ticket(id, for: viewer)
            } else {
                throw BookingError.ticketNotFound
            }
            let event = try await booking.event(id: ticket.eventID)
            return PageTemplates.page("ticket", Self.values(ticket, event: event, qr: try QRCodeImage(text: ticket.qrCode).svg),
                                      cache: "private, no-store")
        }
    }

    /// The page: event, date (as the venue's clock reads it), venue, section, row and seat
    /// (or GA), holder, and the QR code (drawn by our code, the only unescaped value).
    static func values(_ ticket: Ticket, event: Event, qr: String) -> [String: Any] {
        let section = event.section(ticket.sectionID)
        var values: [String: Any] = [
            "title": event.title, "artist": event.artist, "when": event.venueStartText, "venue": event.venue.name,
            "city": event.venue.city, "holder": ticket.holderName, "qr": qr, "ticketId": ticket.id.text,
            "section": section?.name ?? ticket.seatLabel, "seated": ticket.seatID != nil,
        ]
        if ticket.seatID != nil {
            values["row"] = String(ticket.seatLabel.prefix { !$0.isNumber })
            values["seat"] = String(ticket.seatLabel.drop { !$0.isNumber })
        }
        if ticket.status != .active { values["status"] = ticket.status.rawValue }
        return values
    }
}
