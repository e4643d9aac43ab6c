import Foundation

// Email leaves from the outbox like webhooks do: the dispatcher records one email per
// buyer and message in the same pass that records webhook deliveries, then sends them
// through a `MailTransport` (SMTP, or `.eml` files for a machine with no mail server).

/// Why a buyer gets an email.
package enum MailKind: String, Sendable, Codable, CaseIterable {
    /// An order was confirmed: its tickets, QR codes, a PDF and a calendar file.
    case orderConfirmation = "order_confirmation"
    /// The event was cancelled and the order's refund is on its way.
    case eventCancelled = "event_cancelled"
    /// A refund reached the buyer's card.
    case refund = "refund"
}

/// Where an email stands.
package enum MailStatus: String, Sendable, Codable {
    /// Waiting to be sent (or for its next try after a temporary failure).
    case pending = "PENDING"
    case sent = "SENT"
    /// Refused for good (a 5xx) or given up after about three days of temporary failures.
    case failed = "FAILED"
}

/// One email to one buyer, as the store keeps it.
package struct EmailDelivery: Sendable, Equatable {
    package var id: UUID
    /// The outbox message it comes from: one email per message and kind.
    package var messageID: UUID
    package var kind: MailKind
    package var eventID: UUID
    package var reservationID: UUID
    /// The refund it tells of (`event_cancelled`, `refund`).
    package var refundID: UUID?
    package var recipient: String
    package var status: MailStatus
    package var attempts: Int
    package var nextAttemptAt: Date
    /// When the change it tells of was committed.
    package var createdAt: Date
    package var sentAt: Date?
    /// The last failure: the server's reply or why it could not be reached.
    package var lastError: String?

    package init(id: UUID = .timeOrdered(), messageID: UUID, kind: MailKind, eventID: UUID, reservationID: UUID, refundID: UUID? = nil,
                 recipient: String, status: MailStatus = .pending, attempts: Int = 0, nextAttemptAt: Date, createdAt: Date,
                 sentAt: Date? = nil, lastError: String? = nil) {
        self.id = id
        self.messageID = messageID
        self.kind = kind
        self.eventID = eventID
        self.reservationID = reservationID
        self.refundID = refundID
        self.recipient = recipient
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.lastError = lastError
    }
}

/// What one try at sending an email came to, as the store records it.
package struct EmailResult: Sendable, Equatable {
    package var emailID: UUID
    package var status: MailStatus
    package var attemptedAt: Date
    /// When to try again (PENDING only).
    package var nextAttemptAt: Date?
    package var error: String?

    package init(emailID: UUID, status: MailStatus, attemptedAt: Date, nextAttemptAt: Date?, error: String?) {
        self.emailID = emailID
        self.status = status
        self.attemptedAt = attemptedAt
        self.nextAttemptAt = nextAttemptAt
        self.error = error
    }
}

/// An email ready to be written: the facts it tells, gathered from the store when it is
/// sent. The transport's adapter turns it into a MIME message.
package struct OutgoingMail: Sendable {
    package var email: EmailDelivery
    package var recipientName: String
    package var event: Event
    package var reservation: Reservation
    /// The order's tickets (a confirmation), or the refunded ones.
    package var tickets: [Ticket]
    package var refund: Refund?
    /// Each ticket's page, as an absolute signed link.
    package var ticketLinks: [UUID: String]

    package init(email: EmailDelivery, recipientName: String, event: Event, reservation: Reservation, tickets: [Ticket],
                 refund: Refund?, ticketLinks: [UUID: String]) {
        self.email = email
        self.recipientName = recipientName
        self.event = event
        self.reservation = reservation
        self.tickets = tickets
        self.refund = refund
        self.ticketLinks = ticketLinks
    }
}

/// What came of handing one email to the mail server.
package enum MailOutcome: Sendable, Equatable {
    case sent
    /// A temporary failure (a 4xx reply, no connection, a timeout): tried again later.
    case temporaryFailure(String)
    /// A permanent refusal (a 5xx reply): recorded on the order, not tried again.
    case permanentFailure(String)
}

/// Sends emails: SMTP, or files in a directory.
package protocol MailTransport: Sendable {
    /// Sends each email (over one connection where it can), in order; one outcome each.
    func send(_ mails: [OutgoingMail]) async -> [MailOutcome]
}

/// Email deliveries (the directory's, on a sharded store).
package protocol MailStore: Sendable {
    /// Records emails; one already recorded for the same message, kind and order is skipped
    /// (a dispatch repeated after a crash adds nothing).
    func addEmails(_ emails: [EmailDelivery]) async throws
    /// PENDING emails due by `now`, oldest due first, at most `limit`.
    func pendingEmails(dueBy now: Date, limit: Int) async throws -> [EmailDelivery]
    /// Records tries and the emails' new states, in one transaction.
    func recordEmailResults(_ results: [EmailResult]) async throws
    /// An order's emails, oldest first.
    func emails(reservationID: UUID) async throws -> [EmailDelivery]
    /// How many emails wait to be sent, and when the oldest of them was made.
    func emailBacklog() async throws -> (count: Int, oldest: Date?)
    /// Deletes finished (SENT or FAILED) emails made before `before`.
    func pruneEmails(before: Date) async throws -> Int
}
