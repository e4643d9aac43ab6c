import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeDocuments
import Foundation
import Hummingbird

/// A buyer's tickets.
struct TicketsController {
    struct TicketView: Encodable {
        var ticketId: String
        var reservationId: String
        var eventId: String
        var sectionId: String
        var seatId: String?
        var seat: String
        var holderName: String
        var status: String
        var qrCode: String
        var issuedAt: Date
        var pageUrl: String

        init(_ ticket: Ticket, links: TicketLinks) {
            ticketId = ticket.id.text
            reservationId = ticket.reservationID.text
            eventId = ticket.eventID.text
            sectionId = ticket.sectionID.text
            seatId = ticket.seatID?.text
            seat = ticket.seatLabel
            holderName = ticket.holderName
            status = ticket.status.rawValue
            qrCode = ticket.qrCode
            issuedAt = ticket.issuedAt
            pageUrl = links.pageURL(for: ticket.id)
        }

        /// `seat_id` is always present, `null` for general admission.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(ticketId, forKey: .ticketId)
            try container.encode(reservationId, forKey: .reservationId)
            try container.encode(eventId, forKey: .eventId)
            try container.encode(sectionId, forKey: .sectionId)
            try container.encode(seatId, forKey: .seatId)
            try container.encode(seat, forKey: .seat)
            try container.encode(holderName, forKey: .holderName)
            try container.encode(status, forKey: .status)
            try container.encode(qrCode, forKey: .qrCode)
            try container.encode(issuedAt, forKey: .issuedAt)
            try container.encode(pageUrl, forKey: .pageUrl)
        }

        enum CodingKeys: CodingKey {
            case ticketId, reservationId, eventId, sectionId, seatId, seat, holderName, status, qrCode, issuedAt, pageUrl
        }
    }

    struct TicketList: Encodable {
        var tickets: [TicketView]
    }

    let booking: BookingService
    let links: TicketLinks

    func addRoutes(me: RouterGroup<AppRequestContext>, tickets: RouterGroup<AppRequestContext>) {
        me.get("tickets") { _, context in
            let viewer = try context.requireViewer()
            return JSONResponse.make(TicketList(tickets: try await booking.tickets(of: viewer).map { TicketView($0, links: links) }))
        }
        tickets.get(":ticket_id") { _, context in
            JSONResponse.make(TicketView(try await ticket(context), links: links))
        }
        tickets.get(":ticket_id/qr.svg") { _, context in
            let image = try QRCodeImage(text: try await ticket(context).qrCode)
            return Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "private, max-age=300"],
                            body: .init(byteBuffer: ByteBuffer(string: image.svg)))
        }
        tickets.get(":ticket_id/ticket.pdf") { request, context in
            let ticket = try await signedOrViewed(request, context)
            let pdf = try TicketPDF.render([try await booking.printable(ticket)], title: "Ticket \(ticket.id.text)")
            return Response(status: .ok, headers: [
                .contentType: "application/pdf", .cacheControl: "private, no-store",
                .contentDisposition: "inline; filename=\"ticket-\(ticket.id.text.prefix(8)).pdf\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
        }
        tickets.get(":ticket_id/qr.png") { _, context in
            let image = try QRCodeImage(text: try await ticket(context).qrCode)
            return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, max-age=300"],
                            body: .init(byteBuffer: ByteBuffer(bytes: image.png())))
        }
    }

    /// The ticket named in the path, for its signed link (`?sig=`, what emails carry) or
    /// for a viewer who may read it.
    private func signedOrViewed(_ request: Request, _ context: AppRequestContext) async throws -> Ticket {
        guard let id = UUID(apiText: context.parameters.get("ticket_id")) else { throw BookingError.ticketNotFound }
        if let signature = request.uri.queryParameters.get("sig") {
            guard links.isValid(String(signature), for: id) else { throw BookingError.ticketNotFound }
            return try await booking.ticket(openedBySignedLink: id)
        }
        return try await ticket(context)
    }

    /// The ticket named in the path, if the viewer owns it (or is staff).
    private func ticket(_ context: AppRequestContext) async throws -> Ticket {
        let viewer = try context.requireViewer()
        guard let id = UUID(apiText: context.parameters.get("ticket_id")) else { throw BookingError.ticketNotFound }
        return try await booking.ticket(id, for: viewer)
    }
}
