import BoxOfficeCore
import Foundation

/// What the dispatcher needs to email buyers: the stores it reads an email's facts from,
/// the transport, and how to link to a ticket's page.
package struct MailRoom: Sendable {
    package var store: any MailStore
    package var accounts: any AccountStore
    package var tickets: any TicketStore
    package var refunds: any RefundStore
    package var transport: any MailTransport
    package var links: TicketLinks
    /// The server's address as buyers reach it (`https://tickets.example.org`), for links.
    package var publicURL: String
    /// Emails per connection, and connections at once.
    package var batchSize: Int
    package var connections: Int

    package init(store: any MailStore, accounts: any AccountStore, tickets: any TicketStore, refunds: any RefundStore,
                 transport: any MailTransport, links: TicketLinks, publicURL: String, batchSize: Int = 20, connections: Int = 2) {
        self.store = store
        self.accounts = accounts
        self.tickets = tickets
        self.refunds = refunds
        self.transport = transport
        self.links = links
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.batchSize = batchSize
        self.connections = connections
    }
}

extension OutboxDispatcher {
    // MARK: Dispatch: messages into emails

    /// The emails a page of messages asks for: a confirmation per confirmed order, a
    /// cancellation notice per refund a cancelled event gives, a receipt per refund that
    /// went through. Each goes to the buyer's address as it is when dispatched.
    func emails(for messages: [OutboxMessage], now: Date) async throws -> [EmailDelivery] {
        guard let mail else { return [] }
        var emails: [EmailDelivery] = []
        for row in messages {
            let entry = row.entry
            guard let subject = entry.subjectIDs.first else { continue }
            let kind: MailKind
            let reservationID: UUID
            var refundID: UUID?
            switch entry.type {
            case .orderConfirmed:
                kind = .orderConfirmation
                reservationID = subject
            case .refundCreated, .refundSucceeded:
                guard let refund = try await mail.refunds.refund(id: subject) else { continue }
                if entry.type == .refundSucceeded {
                    kind = .refund
                } else if refund.isForCancelledEvent {
                    kind = .eventCancelled
                } else {
                    continue
                }
                reservationID = refund.reservationID
                refundID = refund.id
            default:
                continue
            }
            guard let reservation = try await reservations.reservation(id: reservationID),
                  let buyer = try await mail.accounts.user(id: reservation.userID) else { continue }
            emails.append(EmailDelivery(messageID: entry.id, kind: kind, eventID: entry.eventID, reservationID: reservationID,
                                        refundID: refundID, recipient: buyer.email, nextAttemptAt: now, createdAt: entry.createdAt))
        }
        return emails
    }

    // MARK: Sending

    /// Batches of due emails for the connections that are free, each email in one batch.
    func emailsToSend() async throws -> [[EmailDelivery]] {
        guard let mail else { return [] }
        let (busy, free) = sendingEmails.withLock { ($0.ids, mail.connections - $0.connections) }
        guard free > 0 else { return [] }
        let due = try await mail.store.pendingEmails(dueBy: clock.now(), limit: free * mail.batchSize + busy.count)
            .filter { !busy.contains($0.id) }
        guard !due.isEmpty else { return [] }
        let batches = stride(from: 0, to: due.count, by: mail.batchSize).prefix(free).map {
            Array(due[$0..<min($0 + mail.batchSize, due.count)])
        }
        sendingEmails.withLock { state in
            state.connections += batches.count
            for batch in batches { state.ids.formUnion(batch.map(\.id)) }
        }
        return batches
    }

    /// Sends one batch over one connection and records what came of each email.
    func send(_ batch: [EmailDelivery]) async {
        defer {
            sendingEmails.withLock { state in
                state.connections -= 1
                state.ids.subtract(batch.map(\.id))
            }
        }
        guard let mail else { return }
        var outcomes: [UUID: MailOutcome] = [:]
        var ready: [OutgoingMail] = []
        for email in batch {
            do {
                if let outgoing = try await outgoing(email, mail) {
                    ready.append(outgoing)
                } else {
                    outcomes[email.id] = .permanentFailure("the order or its event no longer exists")
                }
            } catch {
                outcomes[email.id] = .temporaryFailure("reading the order failed: \(error)")
            }
        }
        for (outgoing, outcome) in zip(ready, await mail.transport.send(ready)) {
            outcomes[outgoing.email.id] = outcome
            if outcome == .sent { faults.reach(FaultPoints.mailSent) }
        }
        let now = clock.now()
        let results = batch.map { email -> EmailResult in
            switch outcomes[email.id] ?? .temporaryFailure("not sent") {
            case .sent:
                metrics.email("sent")
                return EmailResult(emailID: email.id, status: .sent, attemptedAt: now, nextAttemptAt: nil, error: nil)
            case .permanentFailure(let reason):
                metrics.email("failed")
                logger.warning("an email was refused", metadata: ["email_id": "\(email.id.text)", "reason": "\(reason)"])
                return EmailResult(emailID: email.id, status: .failed, attemptedAt: now, nextAttemptAt: nil, error: reason)
            case .temporaryFailure(let reason):
                if let next = RetrySchedule.nextAttempt(afterFailed: email.attempts + 1, createdAt: email.createdAt, now: now) {
                    metrics.email("retrying")
                    return EmailResult(emailID: email.id, status: .pending, attemptedAt: now, nextAttemptAt: next, error: reason)
                }
                metrics.email("failed")
                return EmailResult(emailID: email.id, status: .failed, attemptedAt: now, nextAttemptAt: nil,
                                   error: "given up after \(email.attempts + 1) tries: \(reason)")
            }
        }
        do { try await mail.store.recordEmailResults(results) } catch {
            logger.error("recording emails failed", metadata: ["error": "\(error)"])
        }
    }

    /// An email's facts as they are now; nil if its order or event is gone.
    private func outgoing(_ email: EmailDelivery, _ mail: MailRoom) async throws -> OutgoingMail? {
        guard let reservation = try await reservations.reservation(id: email.reservationID),
              let event = try await catalog.event(id: email.eventID) else { return nil }
        let buyer = try await mail.accounts.user(id: reservation.userID)
        var tickets = try await mail.tickets.tickets(reservationID: reservation.id)
        var refund: Refund?
        if let refundID = email.refundID {
            refund = try await mail.refunds.refund(id: refundID)
            if let refund { tickets = tickets.filter { refund.ticketIDs.contains($0.id) } }
        }
        var links: [UUID: String] = [:]
        for ticket in tickets { links[ticket.id] = mail.publicURL + mail.links.pageURL(for: ticket.id) }
        return OutgoingMail(email: email, recipientName: buyer?.name ?? "", event: event, reservation: reservation, tickets: tickets,
                            refund: refund, ticketLinks: links)
    }
}
