import BoxOfficeCore
import CCairo
import Foundation

/// Printable tickets as a PDF, drawn with cairo: one A4 page per ticket with the event,
/// venue, date in the venue's time, place, holder, price, the QR code about 9 cm wide
/// (drawn as vector squares, so it scans at any zoom) and the ticket id in text.
package enum TicketPDF {
    package enum Failure: Error, CustomStringConvertible {
        case cairo(String)

        package var description: String {
            switch self {
            case .cairo(let status): "cairo could not draw the PDF: \(status)"
            }
        }
    }

    /// A4 in PostScript points.
    static let width = 595.276
    static let height = 841.89
    static let margin = 56.0
    static let font = "DejaVu Sans"

    /// The PDF of `tickets`, a page each, in order.
    package static func render(_ tickets: [PrintedTicket], title: String) throws -> Data {
        let sink = Sink()
        let surface = cairo_pdf_surface_create_for_stream({ closure, bytes, length in
            guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque(), width, height)
        defer { cairo_surface_destroy(surface) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "BoxOffice")
        let context = cairo_create(surface)
        defer { cairo_destroy(context) }
        try withExtendedLifetime(sink) {
            for ticket in tickets {
                try draw(ticket, on: context)
                cairo_show_page(context)
            }
            cairo_surface_finish(surface)
            let status = cairo_surface_status(surface)
            guard status == CAIRO_STATUS_SUCCESS else { throw Failure.cairo(String(cString: cairo_status_to_string(status))) }
        }
        return sink.data
    }

    private final class Sink {
        var data = Data()
    }

    private static func draw(_ printed: PrintedTicket, on cr: OpaquePointer?) throws {
        let ticket = printed.ticket
        let event = printed.event
        let textWidth = width - 2 * margin
        var y = margin

        // A dark band with the event's title and artist.
        cairo_set_source_rgb(cr, 0.11, 0.14, 0.2)
        cairo_rectangle(cr, 0, 0, width, 128)
        cairo_fill(cr)
        cairo_set_source_rgb(cr, 1, 1, 1)
        y = 62
        text(event.title, at: (margin, y), size: 26, bold: true, width: textWidth, cr)
        y += 32
        text(event.artist, at: (margin, y), size: 15, bold: false, width: textWidth, cr)

        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1)
        y = 170
        text(event.venueStartText, at: (margin, y), size: 14, bold: true, width: textWidth, cr)
        y += 22
        text("\(event.venue.name), \(event.venue.city)", at: (margin, y), size: 13, bold: false, width: textWidth, cr)

        // The place, large: section, row, seat (or the GA section).
        y += 46
        let columns: [(String, String)] = if let row = printed.row, let seat = printed.seatNumber {
            [("SECTION", printed.sectionName), ("ROW", row), ("SEAT", String(seat))]
        } else {
            [("ADMISSION", printed.sectionName), ("", "General admission")]
        }
        var x = margin
        let columnWidth = textWidth / Double(max(columns.count, 3))
        for (label, value) in columns {
            cairo_set_source_rgb(cr, 0.4, 0.4, 0.4)
            text(label, at: (x, y), size: 9, bold: false, width: columnWidth - 8, cr)
            cairo_set_source_rgb(cr, 0.1, 0.1, 0.1)
            text(value, at: (x, y + 24), size: 20, bold: true, width: label.isEmpty ? textWidth - (x - margin) : columnWidth - 8, cr)
            x += columnWidth
        }

        y += 66
        for (label, value) in [("HOLDER", ticket.holderName), ("PRICE", printed.priceText)] {
            cairo_set_source_rgb(cr, 0.4, 0.4, 0.4)
            text(label, at: (margin, y), size: 9, bold: false, width: textWidth, cr)
            cairo_set_source_rgb(cr, 0.1, 0.1, 0.1)
            text(value, at: (margin, y + 18), size: 14, bold: false, width: textWidth, cr)
            y += 42
        }

        if ticket.status != .active {
            cairo_set_source_rgb(cr, 0.73, 0.11, 0.11)
            text("\(ticket.status.rawValue): not valid for entry", at: (margin, y + 4), size: 14, bold: true, width: textWidth, cr)
        }

        // The QR code: 256 pt (about 9 cm) including its quiet zone, centred.
        let code = try QRCodeImage(text: ticket.qrCode)
        let extent = 256.0
        let modules = Double(code.size + 2 * QRCodeImage.quietZone)
        let unit = extent / modules
        let left = (width - extent) / 2
        let top = y + 24
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_rectangle(cr, left, top, extent, extent)
        cairo_fill(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
        // One rectangle per run of dark modules in a row: a quarter of the path of one per module.
        let side = Int(modules)
        for row in 0..<side {
            var column = 0
            while column < side {
                guard code.isDark(x: column, y: row) else { column += 1; continue }
                let start = column
                while column < side, code.isDark(x: column, y: row) { column += 1 }
                cairo_rectangle(cr, left + Double(start) * unit, top + Double(row) * unit, Double(column - start) * unit, unit)
            }
        }
        cairo_fill(cr)

        cairo_set_source_rgb(cr, 0.25, 0.25, 0.25)
        let idLine = "Ticket \(ticket.id.text)"
        centred(idLine, y: top + extent + 26, size: 10, cr)
        centred("Show this code at the door. It admits one person once.", y: top + extent + 44, size: 10, cr)
        centred("Order \(ticket.reservationID.text)", y: height - margin, size: 8, cr)
    }

    /// Draws one line, cut with an ellipsis to fit `width`.
    private static func text(_ string: String, at point: (Double, Double), size: Double, bold: Bool, width: Double, _ cr: OpaquePointer?) {
        cairo_select_font_face(cr, font, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
        var line = string
        while advance(line, cr) > width, line.count > 1 {
            line = String(line.dropLast(line.hasSuffix("…") ? 2 : 1)) + "…"
        }
        cairo_move_to(cr, point.0, point.1)
        cairo_show_text(cr, line)
    }

    private static func centred(_ string: String, y: Double, size: Double, _ cr: OpaquePointer?) {
        cairo_select_font_face(cr, font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
        cairo_move_to(cr, (width - advance(string, cr)) / 2, y)
        cairo_show_text(cr, string)
    }

    private static func advance(_ string: String, _ cr: OpaquePointer?) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, string, &extents)
        return extents.x_advance
    }
}
