import BoxOfficeCore
import BoxOfficeDocuments
import Foundation

/// Writes the buyer's emails: the order confirmation (every ticket with its QR code as
/// an inline image, a link to each ticket's page, one PDF with a page per ticket, and an
/// iCalendar file), the cancellation notice and the refund receipt.
package struct TicketMailComposer: Sendable {
    package let from: MailAddress

    package init(from: MailAddress) {
        self.from = from
    }

    /// The whole message, CRLF line ends, ready for SMTP's DATA or an `.eml` file.
    package func compose(_ mail: OutgoingMail, date: Date) throws -> Data {
        let email = mail.email
        let event = mail.event
        let body: MIMEPart
        let subject: String
        switch email.kind {
        case .orderConfirmation:
            subject = "Your tickets: \(event.title), \(event.venueStartText)"
            body = try confirmation(mail, date: date)
        case .eventCancelled:
            subject = "Cancelled: \(event.title). Your refund is on its way"
            body = cancellation(mail, date: date)
        case .refund:
            subject = "Refund of \(refundAmount(mail)) for \(event.title)"
            body = refundReceipt(mail)
        }
        let to = MailAddress(name: mail.recipientName, address: email.recipient)
        let headers = [
            ("From", from.header),
            ("To", to.header),
            ("Subject", MIME.encodedWord(subject)),
            ("Date", MIME.date(date)),
            ("Message-ID", Self.messageID(email, domain: from.domain)),
            ("Auto-Submitted", "auto-generated"),
            ("X-BoxOffice-Email-Id", email.id.text),
            ("X-BoxOffice-Order-Id", email.reservationID.text),
        ]
        return MIME.message(headers: headers, body: body, boundarySeed: email.id.text)
    }

    /// The same on every try, so a reader (or a mail store) de-duplicates a resend.
    package static func messageID(_ email: EmailDelivery, domain: String) -> String { "<\(email.id.text)@\(domain)>" }

    // MARK: The three emails

    private func confirmation(_ mail: OutgoingMail, date: Date) throws -> MIMEPart {
        let event = mail.event
        let printed = mail.tickets.map { PrintedTicket(ticket: $0, event: event, reservation: mail.reservation) }
        let total = mail.reservation.totalPriceCents.moneyText(currency: event.currency)
        let count = printed.count == 1 ? "1 ticket" : "\(printed.count) tickets"

        var text = "Hello \(mail.recipientName),\r\n\r\nyour order is confirmed: \(count) for \(event.title).\r\n\r\n"
        text += "\(event.artist)\r\n\(event.venueStartText)\r\n\(event.venue.name), \(event.venue.city)\r\n\r\n"
        var rows = ""
        var images: [MIMEPart] = []
        for ticket in printed {
            let id = ticket.ticket.id
            let link = mail.ticketLinks[id]
            text += "* \(ticket.placeText), \(ticket.priceText), holder \(ticket.ticket.holderName)\r\n"
            text += "  Ticket \(id.text)\r\n" + (link.map { "  \($0)\r\n" } ?? "")
            let cid = "qr-\(id.text)@boxoffice"
            images.append(.file(try QRCodeImage(text: ticket.ticket.qrCode).png(scale: 6), type: "image/png",
                                filename: "ticket-\(id.text.prefix(8)).png", inline: true, contentID: cid))
            rows += """
                <tr><td style="padding:16px 0;border-top:1px solid #ddd;vertical-align:top">\
                <div style="font-size:18px;font-weight:600">\(Self.escape(ticket.placeText))</div>\
                <div>Holder: \(Self.escape(ticket.ticket.holderName))</div><div>Price: \(Self.escape(ticket.priceText))</div>\
                <div style="color:#666;font-size:12px">Ticket \(id.text)</div>\
                \(link.map { "<div><a href=\"\(Self.escape($0))\">Open this ticket</a></div>" } ?? "")</td>\
                <td style="padding:16px 0 16px 16px;border-top:1px solid #ddd"><img src="cid:\(cid)" width="180" height="180" \
                alt="QR code of ticket \(id.text)"></td></tr>
                """
        }
        text += "\r\nTotal paid: \(total)\r\nOrder \(mail.reservation.id.text)\r\n\r\n"
        text += "Your tickets are attached as a PDF, and the event as a calendar file. Show each ticket's QR code at the door.\r\n"
        let html = page(title: "Your tickets", body: """
            <p>Hello \(Self.escape(mail.recipientName)),</p><p>your order is confirmed: \(count) for \
            <b>\(Self.escape(event.title))</b>.</p>\(eventBlock(event))<table style="border-collapse:collapse;width:100%">\(rows)</table>\
            <p>Total paid: <b>\(Self.escape(total))</b><br><span style="color:#666;font-size:12px">Order \(mail.reservation.id.text)</span></p>\
            <p>Your tickets are attached as a PDF, and the event as a calendar file. Show each ticket's QR code at the door.</p>
            """)
        let pdf = try TicketPDF.render(printed, title: "Tickets: \(event.title)")
        let calendar = CalendarFile.render(event, description: "\(event.artist). \(count), order \(mail.reservation.id.text).",
                                           url: mail.tickets.first.flatMap { mail.ticketLinks[$0.id] }, stamp: date)
        return .multipart(subtype: "mixed", parameters: "", parts: [
            .multipart(subtype: "related", parameters: "; type=\"multipart/alternative\"", parts: [
                .multipart(subtype: "alternative", parameters: "", parts: [.text(text, subtype: "plain"), .text(html, subtype: "html")]),
            ] + images),
            .file(pdf, type: "application/pdf", filename: "tickets-\(mail.reservation.id.text.prefix(8)).pdf", inline: false),
            .file(Data(calendar.utf8), type: CalendarFile.contentType, filename: "event.ics", inline: false),
        ])
    }

    private func cancellation(_ mail: OutgoingMail, date: Date) -> MIMEPart {
        let event = mail.event
        let amount = refundAmount(mail)
        let reason = event.cancellationReason.map { "\r\n\r\nThe organizer says: \($0)" } ?? ""
        let text = """
            Hello \(mail.recipientName),\r\n\r\nwe are sorry: \(event.title) on \(event.venueStartText) at \(event.venue.name), \
            \(event.venue.city) has been cancelled.\(reason)\r\n\r\nYour tickets are void, and your order is being refunded: \
            \(amount) goes back to the card you paid with. You will get another email when the refund has gone through.\r\n\r\n\
            Order \(mail.reservation.id.text)\r\n
            """
        let html = page(title: "Event cancelled", body: """
            <p>Hello \(Self.escape(mail.recipientName)),</p><p>we are sorry: <b>\(Self.escape(event.title))</b> has been cancelled.</p>\
            \(eventBlock(event))\(event.cancellationReason.map { "<p>The organizer says: \(Self.escape($0))</p>" } ?? "")\
            <p>Your tickets are void, and your order is being refunded: <b>\(Self.escape(amount))</b> goes back to the card you \
            paid with. You will get another email when the refund has gone through.</p>\
            <p style="color:#666;font-size:12px">Order \(mail.reservation.id.text)</p>
            """)
        let calendar = CalendarFile.render(event, summary: "Cancelled: \(event.title)", description: "This event has been cancelled.",
                                           url: nil, stamp: date)
        return .multipart(subtype: "mixed", parameters: "", parts: [
            .multipart(subtype: "alternative", parameters: "", parts: [.text(text, subtype: "plain"), .text(html, subtype: "html")]),
            .file(Data(calendar.utf8), type: CalendarFile.contentType, filename: "event.ics", inline: false),
        ])
    }

    private func refundReceipt(_ mail: OutgoingMail) -> MIMEPart {
        let event = mail.event
        let amount = refundAmount(mail)
        let tickets = mail.tickets.map { PrintedTicket(ticket: $0, event: event, reservation: mail.reservation).placeText }
        let fee = (mail.refund?.feeCents ?? 0) > 0 ? " (a fee of \((mail.refund?.feeCents ?? 0).moneyText(currency: event.currency)) was kept)" : ""
        let text = """
            Hello \(mail.recipientName),\r\n\r\nyour refund of \(amount)\(fee) for \(event.title) has gone through. It can take a \
            few days to show on your statement.\r\n\r\nRefunded tickets (no longer valid):\r\n\
            \(tickets.map { "* \($0)\r\n" }.joined())\r\nOrder \(mail.reservation.id.text)\r\nRefund \(mail.refund?.id.text ?? "")\r\n
            """
        let html = page(title: "Refund", body: """
            <p>Hello \(Self.escape(mail.recipientName)),</p><p>your refund of <b>\(Self.escape(amount))</b>\(Self.escape(fee)) for \
            <b>\(Self.escape(event.title))</b> has gone through. It can take a few days to show on your statement.</p>\
            <p>Refunded tickets (no longer valid):</p><ul>\(tickets.map { "<li>\(Self.escape($0))</li>" }.joined())</ul>\
            <p style="color:#666;font-size:12px">Order \(mail.reservation.id.text)<br>Refund \(mail.refund?.id.text ?? "")</p>
            """)
        return .multipart(subtype: "alternative", parameters: "", parts: [.text(text, subtype: "plain"), .text(html, subtype: "html")])
    }

    // MARK: Pieces

    private func refundAmount(_ mail: OutgoingMail) -> String {
        (mail.refund?.amountCents ?? mail.reservation.totalPriceCents).moneyText(currency: mail.refund?.currency ?? mail.event.currency)
    }

    private func eventBlock(_ event: Event) -> String {
        """
        <p style="background:#f3f4f6;padding:12px;border-radius:8px"><b>\(Self.escape(event.title))</b><br>\
        \(Self.escape(event.artist))<br>\(Self.escape(event.venueStartText))<br>\
        \(Self.escape(event.venue.name)), \(Self.escape(event.venue.city))</p>
        """
    }

    private func page(title: String, body: String) -> String {
        """
        <!doctype html><html><head><meta charset="utf-8"><title>\(Self.escape(title))</title></head>\
        <body style="font-family:Helvetica,Arial,sans-serif;color:#111;max-width:640px;margin:auto;padding:16px">\(body)</body></html>
        """
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
