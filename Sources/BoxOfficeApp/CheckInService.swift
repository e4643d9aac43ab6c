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
    /// Another scan of the ticket came first, so this one lost (ALREADY_USED). The scan
    /// that won is never a conflict, even when other scans of the ticket lost to it.
    package var conflict = false
}

/// Checking tickets in at the door: offline-verifiable signature first, then the
/// database marks the ticket USED exactly once.
package struct CheckInService: Sendable {
    let tickets: any TicketStore
    let door: any DoorStore
    let accounts: any AccountStore
    let desks: EventDesks
    let clock: any BookingClock
    let publicKeys: [String: Curve25519.Signing.PublicKey]

    /// - Parameters:
    ///   - door: marking tickets used, and the offline list.
    ///   - accounts: whether a scanner is still on, and whose doors they keep.
    ///   - publicKeys: every ticket key by id, so tickets signed before a rotation verify.
    package init(tickets: any TicketStore, door: any DoorStore, accounts: any AccountStore, desks: EventDesks,
                 clock: any BookingClock, publicKeys: [String: Curve25519.Signing.PublicKey]) {
        self.tickets = tickets
        self.door = door
        self.accounts = accounts
        self.desks = desks
        self.clock = clock
        self.publicKeys = publicKeys
    }

    /// Scans `code` at the door of `eventID` (who may: see `authorize`).
    package func checkIn(code: String, eventID: UUID, by viewer: Viewer, scannedAt: Date? = nil) async throws -> CheckInOutcome {
        try await authorize(viewer, at: eventID)
        return try await scan(code: code, eventID: eventID, by: viewer, at: scannedAt ?? clock.now())
    }

    /// Scans made offline, uploaded together: applied in the order they were scanned, so
    /// the first scan of a ticket wins (even over one already recorded later); every other
    /// scan of it comes back ALREADY_USED, a conflict, with the first scan's time.
    package func checkInBatch(eventID: UUID, scans: [(code: String, scannedAt: Date)], by viewer: Viewer) async throws -> [CheckInOutcome] {
        try await authorize(viewer, at: eventID)
        // A scan from the future would win every later conflict; a scanner's clock may run
        // a little fast, not more. The batch is refused whole, before anything is applied.
        let latest = clock.now().addingTimeInterval(Self.clockSkew)
        if let index = scans.firstIndex(where: { $0.scannedAt > latest }) {
            throw BookingError.invalid(field: "scans[\(index)].scanned_at", reason: "is more than 5 minutes in the future")
        }
        var outcomes = [CheckInOutcome?](repeating: nil, count: scans.count)
        for index in scans.indices.sorted(by: { scans[$0].scannedAt < scans[$1].scannedAt }) {
            outcomes[index] = try await scan(code: scans[index].code, eventID: eventID, by: viewer, at: scans[index].scannedAt)
        }
        return outcomes.map { $0! }
    }

    /// What an offline door needs: the event's tickets changed since the last sync.
    /// The next cursor trails the clock by `syncLag`, so a change committed while this
    /// list was read comes again next time rather than never (rows may repeat; apply by id).
    package func checkInList(eventID: UUID, since: Date?, by viewer: Viewer) async throws -> (tickets: [Ticket], cursor: Date) {
        try await authorize(viewer, at: eventID)
        let now = clock.now()
        let tickets = try await door.ticketChanges(eventID: eventID, since: since)
        let cursor = max(since ?? .distantPast, now.addingTimeInterval(-Self.syncLag))
        return (tickets, cursor)
    }

    /// How far ahead of the server's clock a scanner's may run.
    static let clockSkew: TimeInterval = 5 * 60

    /// How far a sync cursor trails the clock: longer than any transaction takes.
    static let syncLag: TimeInterval = 5

    /// Admins at any event; organizers at their own; door staff at their organizer's
    /// events (house staff, with no organizer, at any) while their account is on; buyers never.
    private func authorize(_ viewer: Viewer, at eventID: UUID) async throws {
        let event = try await desks.event(id: eventID)
        switch viewer.role {
        case .admin: break
        case .scanner:
            // Read each time: a scanner switched off mid-shift stops at once, token or not.
            guard let staff = try await accounts.user(id: viewer.userID), staff.role == .scanner, staff.disabledAt == nil,
                  staff.organizerID == nil || staff.organizerID == event.organizerID else { throw BookingError.forbidden }
        case .organizer: guard event.organizerID == viewer.userID else { throw BookingError.forbidden }
        case .customer: throw BookingError.forbidden
        }
    }

    private func scan(code: String, eventID: UUID, by viewer: Viewer, at now: Date) async throws -> CheckInOutcome {
        guard let payload = try? TicketSigner.verify(code.trimmed, publicKeys: publicKeys) else {
            return CheckInOutcome(result: .forged)
        }
        guard payload.eventID == eventID else { return CheckInOutcome(result: .wrongEvent, payload: payload) }
        guard let ticket = try await tickets.ticket(id: payload.ticketID), ticket.eventID == eventID else {
            return CheckInOutcome(result: .forged, payload: payload)
        }
        guard ticket.qrCode == code.trimmed, ticket.status == .active || ticket.status == .used else {
            return CheckInOutcome(result: .voided, ticket: ticket, payload: payload)
        }
        guard let (after, marked) = try await door.checkIn(ticketID: ticket.id, scannerID: viewer.userID, at: now) else {
            return CheckInOutcome(result: .forged, payload: payload)
        }
        if marked { return CheckInOutcome(result: .valid, ticket: after, payload: payload, checkedInAt: after.usedAt) }
        guard after.status == .used else { return CheckInOutcome(result: .voided, ticket: after, payload: payload) }
        if after.usedAt?.epochMilliseconds == now.epochMilliseconds, after.usedBy == viewer.userID, ticket.usedAt != after.usedAt {
            // An offline scan uploaded late that came before the recorded one: it is the first.
            return CheckInOutcome(result: .valid, ticket: after, payload: payload, checkedInAt: after.usedAt)
        }
        return CheckInOutcome(result: .alreadyUsed, ticket: after, payload: payload, checkedInAt: after.usedAt, conflict: true)
    }
}
