import BoxOfficeCore
import Crypto
import Foundation

/// What the door learns from one scan.
package enum CheckInResult: String, Sendable, Codable {
    /// First scan of a valid ticket: admitted, and now marked USED.
    case valid = "VALID"
    /// Scanned before (the first scan's time is returned).
    case alreadyUsed = "ALREADY_USED"
    /// The signature does not verify, the payload does not parse, or no such ticket exists.
    case forged = "FORGED"
    /// The ticket was cancelled or replaced (its code is no longer the ticket's code).
    case voided = "VOIDED"
    /// A genuine ticket for another event.
    case wrongEvent = "WRONG_EVENT"
}

/// The outcome of a scan, with what the door staff see.
package struct CheckInOutcome: Sendable {
    package var result: CheckInResult
    package var ticket: Ticket?
    /// The payload's claims, when the signature verified (shown even for WRONG_EVENT).
    package var payload: TicketPayload?
    /// When the ticket was (first) checked in.
    package var checkedInAt: Date?
}

/// Checking tickets in at the door: offline-verifiable signature first, then the
/// database marks the ticket USED exactly once.
package struct CheckInService: Sendable {
    let store: any Store
    let clock: any BookingClock
    let booking: BookingService
    let publicKeys: [String: Curve25519.Signing.PublicKey]

    package init(store: any Store, clock: any BookingClock, booking: BookingService, publicKeys: [String: Curve25519.Signing.PublicKey]) {
        self.store = store
        self.clock = clock
        self.booking = booking
        self.publicKeys = publicKeys
    }

    /// Scans `code` at the door of `eventID`. Scanners and admins may check in at any
    /// event; organizers at their own events only; buyers never.
    package func checkIn(code: String, eventID: UUID, by viewer: Viewer) async throws -> CheckInOutcome {
        let event = try await booking.event(id: eventID)
        switch viewer.role {
        case .scanner, .admin: break
        case .organizer: guard event.organizerID == viewer.userID else { throw BookingError.forbidden }
        case .customer: throw BookingError.forbidden
        }
        guard let payload = try? TicketSigner.verify(code.trimmed, publicKeys: publicKeys) else {
            return CheckInOutcome(result: .forged)
        }
        guard payload.eventID == eventID else { return CheckInOutcome(result: .wrongEvent, payload: payload) }
        guard let ticket = try await store.ticket(id: payload.ticketID), ticket.eventID == eventID else {
            return CheckInOutcome(result: .forged, payload: payload)
        }
        guard ticket.qrCode == code.trimmed, ticket.status == .active || ticket.status == .used else {
            return CheckInOutcome(result: .voided, ticket: ticket, payload: payload)
        }
        if ticket.status == .used {
            return CheckInOutcome(result: .alreadyUsed, ticket: ticket, payload: payload, checkedInAt: ticket.usedAt)
        }
        guard let (after, marked) = try await store.checkIn(ticketID: ticket.id, scannerID: viewer.userID, at: clock.now()) else {
            return CheckInOutcome(result: .forged, payload: payload)
        }
        if marked { return CheckInOutcome(result: .valid, ticket: after, payload: payload, checkedInAt: after.usedAt) }
        return after.status == .used
            ? CheckInOutcome(result: .alreadyUsed, ticket: after, payload: payload, checkedInAt: after.usedAt)
            : CheckInOutcome(result: .voided, ticket: after, payload: payload)
    }
}
