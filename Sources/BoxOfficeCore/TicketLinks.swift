import Crypto
import Foundation

/// Signs the links to a ticket's page and PDF, so a buyer can open, print or forward
/// `/tickets/{id}?sig=...` without a session. Every node signs with the same secret.
package struct TicketLinks: Sendable {
    let key: SymmetricKey

    package init(secret: String) {
        key = SymmetricKey(data: SHA256.hash(data: Data(("ticket-page:" + secret).utf8)))
    }

    package func signature(for ticketID: UUID) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(ticketID.text.utf8), using: key)).base64URLEncoded
    }

    /// The printable page, relative to the server's address.
    package func pageURL(for ticketID: UUID) -> String { "/tickets/\(ticketID.text)?sig=\(signature(for: ticketID))" }

    package func isValid(_ signature: String, for ticketID: UUID) -> Bool {
        guard let mac = Data(base64URLEncoded: signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(ticketID.text.utf8), using: key)
    }
}
