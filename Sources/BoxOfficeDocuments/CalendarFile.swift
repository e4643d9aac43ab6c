import BoxOfficeCore
import Foundation

/// An iCalendar file (RFC 5545) for an event, attached to confirmation and cancellation
/// emails: one VEVENT whose UID is the event's, so a cancellation replaces the entry a
/// confirmation added. Times are written in UTC, which every calendar shows in its
/// reader's own zone.
package enum CalendarFile {
    package static let contentType = "text/calendar; charset=utf-8; method=PUBLISH"

    package static func render(_ event: Event, summary: String? = nil, description: String, url: String?, stamp: Date) -> String {
        let cancelled = event.isCancelled
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//BoxOffice//Tickets//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            "UID:\(event.id.text)@boxoffice",
            "SEQUENCE:\(cancelled ? 1 : 0)",
            "DTSTAMP:\(utc(stamp))",
            "DTSTART:\(utc(event.startsAt))",
            "SUMMARY:\(escape(summary ?? event.title))",
            "LOCATION:\(escape("\(event.venue.name), \(event.venue.city)"))",
            "DESCRIPTION:\(escape(description))",
            "STATUS:\(cancelled ? "CANCELLED" : "CONFIRMED")",
            "TRANSP:OPAQUE",
        ]
        if let url { lines.append("URL:\(url)") }
        lines += ["END:VEVENT", "END:VCALENDAR"]
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `20261212T190000Z`.
    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(c.year ?? 1970)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z"
    }

    /// TEXT values escape backslash, semicolon, comma and newlines.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Lines longer than 75 octets continue on lines starting with a space, never
    /// splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        var out = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > 75 {
                out += "\r\n "
                octets = 1
            }
            out.append(character)
            octets += size
        }
        return out
    }
}
