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
            let html = Self.render(ticket, event: event, qr: try QRCodeImage(text: ticket.qrCode).svg)
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "private, no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: html)))
        }
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// The page: event, date, venue, section, row and seat (or GA), holder, and the QR code.
    static func render(_ ticket: Ticket, event: Event, qr: String) -> String {
        let section = event.section(ticket.sectionID)
        let place: String
        if ticket.seatID == nil {
            place = "<div><span>Admission</span>\(escape(section?.name ?? ticket.seatLabel)) · general admission</div>"
        } else {
            let row = ticket.seatLabel.prefix { !$0.isNumber }
            let number = ticket.seatLabel.drop { !$0.isNumber }
            place = """
            <div><span>Section</span>\(escape(section?.name ?? ""))</div><div><span>Row</span>\(escape(String(row)))</div>\
            <div><span>Seat</span>\(escape(String(number)))</div>
            """
        }
        let status = ticket.status == .active ? "" : "<p class=\"status\">\(escape(ticket.status.rawValue))</p>"
        return """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Ticket · \(escape(event.title))</title>
        <style>body{font-family:system-ui,sans-serif;background:#f3f4f6;margin:0;padding:24px}
        .ticket{max-width:420px;margin:auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 2px 8px #0002}
        h1{font-size:1.4em;margin:0 0 4px}.muted{color:#555;margin:0 0 16px}.grid{display:flex;gap:16px;flex-wrap:wrap;margin:16px 0}
        .grid div{font-weight:600;font-size:1.2em}.grid span{display:block;font-size:.7em;color:#666;font-weight:400;text-transform:uppercase}
        .qr svg{width:100%;height:auto}.status{color:#b91c1c;font-weight:700}.small{font-size:.8em;color:#666;word-break:break-all}
        @media print{body{background:#fff}.ticket{box-shadow:none}}</style></head><body><div class="ticket">
        <h1>\(escape(event.title))</h1><p class="muted">\(escape(event.artist)) · \(escape(ISO8601.format(event.startsAt)))<br>\
        \(escape(event.venue.name)), \(escape(event.venue.city))</p>\(status)
        <div class="grid">\(place)</div><div class="grid"><div><span>Holder</span>\(escape(ticket.holderName))</div></div>
        <div class="qr">\(qr)</div><p class="small">Ticket \(ticket.id.text)</p></div></body></html>
        """
    }
}
