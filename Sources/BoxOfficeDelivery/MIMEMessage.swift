import Foundation

/// A mailbox as headers write it: `BoxOffice <tickets@example.org>` or a bare address.
package struct MailAddress: Sendable, Equatable {
    package var name: String?
    package var address: String

    package init(name: String?, address: String) {
        self.name = name
        self.address = address
    }

    /// Reads `Name <address>` or `address`; nil unless the address has one `@` with text
    /// either side and no space, angle bracket or line break.
    package init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let display = trimmed[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            name = display.isEmpty ? nil : display
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        } else {
            name = nil
            address = trimmed
        }
        guard Self.isPlausible(address), name?.contains(where: { $0 == "\r" || $0 == "\n" }) != true else { return nil }
    }

    package static func isPlausible(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && address.count <= 254
            && !address.contains(where: { $0.isWhitespace || "<>\"(),;\\".contains($0) })
    }

    /// The header form, the name encoded when it is not plain ASCII.
    package var header: String {
        guard let name, !name.isEmpty else { return address }
        let plain = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || " .-_'".contains($0)) }
        return (plain ? "\"\(name)\"" : MIME.encodedWord(name)) + " <\(address)>"
    }

    /// The domain part, for Message-IDs.
    package var domain: String { String(address.split(separator: "@").last ?? "localhost") }
}

/// One part of a MIME message: leaf content (already transfer-encoded) or a multipart
/// of parts.
package indirect enum MIMEPart: Sendable {
    case leaf(headers: [(String, String)], body: String)
    case multipart(subtype: String, parameters: String, parts: [MIMEPart])

    /// Text as UTF-8 in base64 (safe for any line length and character).
    package static func text(_ text: String, subtype: String) -> MIMEPart {
        .leaf(headers: [("Content-Type", "text/\(subtype); charset=utf-8"), ("Content-Transfer-Encoding", "base64")],
              body: MIME.base64Lines(Data(text.utf8)))
    }

    /// Binary content in base64, with its disposition and (for inline images) Content-ID.
    package static func file(_ data: Data, type: String, filename: String, inline: Bool, contentID: String? = nil) -> MIMEPart {
        var headers = [("Content-Type", "\(type); name=\"\(filename)\""), ("Content-Transfer-Encoding", "base64"),
                       ("Content-Disposition", "\(inline ? "inline" : "attachment"); filename=\"\(filename)\"")]
        if let contentID { headers.append(("Content-ID", "<\(contentID)>")) }
        return .leaf(headers: headers, body: MIME.base64Lines(data))
    }

    func render(boundarySeed: String, depth: Int = 0) -> String {
        switch self {
        case .leaf(let headers, let body):
            return headers.map { "\($0.0): \($0.1)" }.joined(separator: "\r\n") + "\r\n\r\n" + body
        case .multipart(let subtype, let parameters, let parts):
            let boundary = "=_boxoffice_\(depth)_\(boundarySeed)"
            var out = "Content-Type: multipart/\(subtype); boundary=\"\(boundary)\"\(parameters)\r\n\r\n"
            for part in parts {
                out += "--\(boundary)\r\n" + part.render(boundarySeed: boundarySeed, depth: depth + 1) + "\r\n"
            }
            return out + "--\(boundary)--\r\n"
        }
    }
}

/// The encodings mail needs.
package enum MIME {
    /// Base64 in lines of 76 characters, CRLF after each.
    package static func base64Lines(_ data: Data) -> String {
        let encoded = data.base64EncodedString()
        var out = ""
        out.reserveCapacity(encoded.count + encoded.count / 38 + 2)
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            out += encoded[index..<end] + "\r\n"
            index = end
        }
        return out
    }

    /// A header value as RFC 2047 encoded words when it is not printable ASCII, each word
    /// at most 75 characters and never splitting a character.
    package static func encodedWord(_ text: String) -> String {
        if text.allSatisfy({ $0.isASCII && !$0.isNewline && ($0 == " " || !$0.isWhitespace) }) { return text }
        var words: [String] = []
        var chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `Wed, 02 Dec 2026 10:00:00 +0000`.
    package static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// A whole message: its headers, then the body part.
    package static func message(headers: [(String, String)], body: MIMEPart, boundarySeed: String) -> Data {
        var out = headers.map { "\($0.0): \($0.1)" }.joined(separator: "\r\n") + "\r\nMIME-Version: 1.0\r\n"
        out += body.render(boundarySeed: boundarySeed)
        return Data(out.utf8)
    }
}
