import BoxOfficeCore
import Crypto
import Foundation
import Logging

/// A buyer's request to hold places.
package struct HoldRequest: Sendable, Equatable {
    package var eventID: UUID
    package var selection: HoldSelection
    package var holdDurationMinutes: Int?
    /// The code of a code presale window.
    package var presaleCode: String?
    /// The admission (or admitted queue) token, while the event's waiting room is on.
    package var queueToken: String?

    package init(eventID: UUID, selection: HoldSelection, holdDurationMinutes: Int? = nil, presaleCode: String? = nil,
                 queueToken: String? = nil) {
        self.eventID = eventID
        self.selection = selection
        self.holdDurationMinutes = holdDurationMinutes
        self.presaleCode = presaleCode
        self.queueToken = queueToken
    }

    /// A digest of everything that makes two requests the same, for idempotency keys.
    var fingerprint: String {
        var text = "\(eventID.text)|\(holdDurationMinutes.map(String.init) ?? "-")|"
        switch selection {
        case let .seats(ids): text += "seats:" + ids.map(\.text).sorted().joined(separator: ",")
        case let .generalAdmission(sectionID, quantity): text += "ga:\(sectionID.text):\(quantity)"
        }
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// The outcome of a successful confirm.
package struct Purchase: Sendable, Equatable {
    package var reservation: Reservation
    package var tickets: [Ticket]
}

/// The booking use cases: hold, confirm, cancel, and reading reservations, tickets
/// and seat maps. Shared by the API, the web pages and the CLI; no rule lives in a route.
package struct BookingService: Sendable {
    let bookings: any BookingStore
    let tickets: any TicketStore
    let accounts: any AccountStore
    let clock: any BookingClock
    let desks: EventDesks
    let payments: any PaymentGateway
    let signer: TicketSigner
    /// Verifies queue and admission tokens (the key every node shares).
    let queueTokens: QueueTokenSigner
    let logger: Logger
    let metrics: BookingMetrics
    /// Pays back a charge that arrived after its places were released.
    let refunds: RefundService?
    /// How long a payment may run before the settler settles it itself.
    let settleAfter: TimeInterval
    let faults: FaultPoints

    /// - Parameters:
    ///   - bookings: holds, payments and releases.
    ///   - tickets: reading the tickets a purchase issued.
    ///   - accounts: the holder's name on a ticket, and a presale list's email.
    ///   - desks: the events' writers and seat maps, shared with the other services.
    package init(
        bookings: any BookingStore, tickets: any TicketStore, accounts: any AccountStore, desks: EventDesks,
        clock: any BookingClock, payments: any PaymentGateway, signer: TicketSigner, logger: Logger,
        metrics: BookingMetrics = .disabled, queueTokens: QueueTokenSigner, refunds: RefundService? = nil,
        settleAfter: TimeInterval = BookingService.paymentSettleAfter, faults: FaultPoints = .none
    ) {
        self.refunds = refunds
        self.settleAfter = settleAfter
        self.faults = faults
        self.bookings = bookings
        self.tickets = tickets
        self.accounts = accounts
        self.clock = clock
        self.desks = desks
        self.payments = payments
        self.signer = signer
        self.queueTokens = queueTokens
        self.logger = logger
        self.metrics = metrics
    }

    // MARK: Seat maps

    /// The event's current seat map.
    package func seatMap(eventID: UUID) async throws -> SeatMapSnapshot {
        try await desks.seatMap(eventID: eventID)
    }

    /// The event with its sections.
    package func event(id eventID: UUID) async throws -> Event {
        try await desks.event(id: eventID)
    }

    /// The ETag of the event's seat map as a reader sees it now.
    package func seatMapETag(eventID: UUID) async throws -> String {
        try await desks[eventID].currentETag()
    }

    // MARK: Hold

    /// Holds seats or GA places for the viewer, all or nothing. With an idempotency key,
    /// a repeat of the same request returns the original reservation.
    package func hold(_ request: HoldRequest, for viewer: Viewer, idempotencyKey: String?) async throws -> HoldOutcome {
        let started = ContinuousClock.now
        do {
            let outcome = try await placeHold(request, for: viewer, idempotencyKey: idempotencyKey)
            metrics.recordHold(started: started, outcome: .success(outcome))
            return outcome
        } catch {
            metrics.recordHold(started: started, outcome: .failure(error))
            throw error
        }
    }

    private func placeHold(_ request: HoldRequest, for viewer: Viewer, idempotencyKey: String?) async throws -> HoldOutcome {
        let event = try await event(id: request.eventID)
        guard !event.isCancelled else { throw BookingError.eventCancelled }
        let now = clock.now()
        guard now < event.startsAt else { throw BookingError.salesClosed }
        try queueTokens.checkAdmission(request.queueToken, event: event, userID: viewer.userID, now: now)
        let presale = try await presaleClaim(request, event: event, viewer: viewer, now: now)
        try Self.validate(request, event: event)
        let minutes = request.holdDurationMinutes ?? event.holdDurationMinutes
        let command = HoldCommand(
            userID: viewer.userID, event: event, selection: request.selection.capped(justAbove: event.maxTicketsPerUser),
            heldUntil: now.addingTimeInterval(TimeInterval(minutes * 60)), now: now,
            idempotencyKey: idempotencyKey, requestHash: idempotencyKey == nil ? nil : request.fingerprint, presale: presale)
        return try await desks[event.id].hold(command)
    }

    /// The presale window this hold is made under (nil during general on-sale); refuses
    /// a buyer no open window admits. A single-use code is bound to the first account using it.
    private func presaleClaim(_ request: HoldRequest, event: Event, viewer: Viewer, now: Date) async throws -> PresaleClaim? {
        let access = event.saleAccess
        guard !access.generalSaleOpen(at: now) else { return nil }
        let listOpen = access.presales.contains { $0.kind == .list && $0.isOpen(at: now) }
        let email = listOpen ? try await accounts.user(id: viewer.userID)?.email : nil
        guard let window = try access.window(at: now, email: email, code: request.presaleCode) else { return nil }
        if window.kind == .code, window.singleUse, let code = request.presaleCode {
            let key = window.name + "\u{1F}" + PresaleWindow.normalize(code: code)
            guard try await bookings.claimPresaleCode(eventID: event.id, code: key, userID: viewer.userID, at: now) else {
                throw BookingError.presaleCodeInvalid
            }
        }
        return PresaleClaim(window: window.name, limit: window.maxTicketsPerUser)
    }

    private static func validate(_ request: HoldRequest, event: Event) throws(BookingError) {
        if let minutes = request.holdDurationMinutes, !EventDraft.holdMinutesRange.contains(minutes) {
            throw .invalid(field: "hold_duration_minutes", reason: "must be between 1 and 15")
        }
        switch request.selection {
        case let .seats(ids):
            guard !ids.isEmpty else { throw .invalid(field: "seat_ids", reason: "must name at least one seat") }
            guard Set(ids).count == ids.count else { throw .invalid(field: "seat_ids", reason: "must not repeat a seat") }
        case let .generalAdmission(sectionID, quantity):
            guard let section = event.section(sectionID) else { throw .sectionNotFound }
            guard section.kind == .generalAdmission else {
                throw .invalid(field: "section_id", reason: "section is seated; choose seat_ids instead")
            }
            guard quantity >= 1 else { throw .invalid(field: "quantity", reason: "must be at least 1") }
        }
    }

    // MARK: Confirm

    /// Pays for a held reservation and issues its tickets. A decline releases the hold.
    /// A confirm sent again with the idempotency key of the one that started the payment
    /// (a retry after a lost answer) gets that confirm's answer: the same tickets, or the
    /// same decline; the key with another payment method is refused, as for holds.
    /// Without the key, or with another, a settled reservation is a conflict.
    package func confirm(_ reservationID: UUID, for viewer: Viewer, paymentMethodID: String,
                         idempotencyKey: String? = nil) async throws -> Purchase {
        let paymentMethodID = paymentMethodID.trimmed
        guard !paymentMethodID.isEmpty else { throw BookingError.invalid(field: "payment_method_id", reason: "must not be empty") }
        let reservation = try await ownReservation(reservationID, for: viewer)
        if let key = idempotencyKey, reservation.confirmKey == key {
            guard reservation.paymentMethodID == paymentMethodID else { throw BookingError.idempotencyKeyReused }
            switch reservation.status {
            case .confirmed: return Purchase(reservation: reservation, tickets: try await tickets.tickets(reservationID: reservation.id))
            case .cancelled:
                throw BookingError.paymentFailed(PaymentDecline(code: "payment_declined", message: "The payment this confirm started was declined."))
            default: break
            }
        }
        switch reservation.status {
        case .held: if reservation.isLapsed(at: clock.now()) { throw BookingError.holdExpired }
        case .expired: throw BookingError.holdExpired
        case .paymentPending, .confirmed, .cancelled: throw BookingError.invalidState(reservation.status)
        }
        let event = try await event(id: reservation.eventID)
        guard !event.isCancelled else { throw BookingError.eventCancelled }
        let request = Self.charge(for: reservation, event: event, paymentMethodID: paymentMethodID)

        // The payment is created first and its id recorded with PAYMENT_PENDING, before
        // any money moves: whatever happens next, the settler knows which payment to ask.
        // Free places: nothing to charge, so no provider is asked (Stripe refuses an
        // amount of zero); the payment id says so.
        if request.amountCents == 0 {
            let pending = try await beginPayment(reservation, paymentMethodID: paymentMethodID, paymentID: Self.freePayment,
                                                 confirmKey: idempotencyKey)
            return try await settle(pending, outcome: .succeeded(paymentID: Self.freePayment))
        }
        let paymentID: String
        switch try await prepare(request, reservationID: reservationID) {
        case let .ready(id):
            paymentID = id
            faults.reach(FaultPoints.paymentPrepared)
        case let .declined(decline):
            // Recorded as begun, then released, so that a retry with the same key gets
            // this decline again, as for a decline at the charge.
            let pending = try await beginPayment(reservation, paymentMethodID: paymentMethodID, paymentID: nil, confirmKey: idempotencyKey)
            _ = try await settle(pending, outcome: .declined(decline))
            throw BookingError.paymentFailed(decline)
        }
        let pending = try await beginPayment(reservation, paymentMethodID: paymentMethodID, paymentID: paymentID, confirmKey: idempotencyKey)

        let outcome: ChargeOutcome
        let chargeStarted = ContinuousClock.now
        do {
            outcome = try await payments.confirm(paymentID: paymentID, request)
        } catch {
            // Charged or not, we cannot tell: the places stay kept (PAYMENT_PENDING never
            // lapses) until `settleUnfinishedPayments` asks the provider again.
            logger.error("payment provider did not answer", metadata: ["reservation_id": "\(reservationID.text)", "error": "\(error)"])
            throw BookingError.paymentUnconfirmed
        }
        metrics.paymentLatency.recordNanoseconds((ContinuousClock.now - chargeStarted).nanoseconds)
        if case .succeeded = outcome { faults.reach(FaultPoints.paymentCharged) }
        let purchase = try await settle(pending, outcome: outcome)
        faults.reach(FaultPoints.paymentConfirmed)
        return purchase
    }

    /// HELD -> PAYMENT_PENDING with the provider's payment id, and the map told.
    private func beginPayment(_ reservation: Reservation, paymentMethodID: String, paymentID: String?,
                              confirmKey: String?) async throws -> Reservation {
        try await desks[reservation.eventID].write {
            try await bookings.beginPayment(reservationID: reservation.id, paymentMethodID: paymentMethodID, paymentID: paymentID,
                                            confirmKey: confirmKey, now: clock.now())
        } apply: { map, pending, now in
            map.applyPaymentStarted(pending, at: now)
        }
    }

    /// Asks the provider to create the payment. If it cannot be reached nothing was
    /// charged (a payment is only charged when confirmed) and the hold stands: the buyer
    /// may confirm again.
    private func prepare(_ request: ChargeRequest, reservationID: UUID) async throws -> PreparedPayment {
        do {
            return try await payments.prepare(request)
        } catch {
            logger.error("payment provider did not answer", metadata: ["reservation_id": "\(reservationID.text)", "error": "\(error)"])
            throw BookingError.paymentNotStarted
        }
    }

    /// The charge for a reservation, in the event's currency. Its idempotency key is the
    /// reservation's and the payment method's: asking again finds the same payment.
    private static func charge(for reservation: Reservation, event: Event, paymentMethodID: String) -> ChargeRequest {
        ChargeRequest(amountCents: reservation.totalPriceCents, currency: event.currency, paymentMethodID: paymentMethodID,
                      idempotencyKey: "boxoffice-reservation-\(reservation.id.text)-\(paymentMethodID)",
                      description: "BoxOffice reservation \(reservation.id.text)", reservationID: reservation.id, eventID: event.id)
    }

    private func release(_ reservation: Reservation, as status: ReservationStatus) async throws {
        _ = try await desks[reservation.eventID].write {
            try await bookings.release(reservationID: reservation.id, as: status, now: clock.now())
        } apply: { map, released, now in
            if let released { map.applyReleased(released, at: now) }
        }
    }

    /// Finishes a PAYMENT_PENDING reservation with the provider's answer: tickets on a
    /// charge, the places released on a decline (then throws `paymentFailed`); a payment
    /// the provider has not decided stays pending (throws `paymentUnconfirmed`).
    private func settle(_ pending: Reservation, outcome: ChargeOutcome) async throws -> Purchase {
        let desk = desks[pending.eventID]
        switch outcome {
        case .pending:
            throw BookingError.paymentUnconfirmed
        case let .declined(decline):
            metrics.paymentFailures.increment()
            try await release(pending, as: .cancelled)
            throw BookingError.paymentFailed(decline)
        case let .succeeded(paymentID):
            metrics.paymentSuccesses.increment()
            guard let holder = try await accounts.user(id: pending.userID) else { throw BookingError.reservationNotFound }
            let event = try await desk.event()
            let tickets = try issueTickets(for: pending, event: event, holder: holder)
            let confirmed: Reservation
            do {
                confirmed = try await desk.write {
                    try await bookings.confirm(reservationID: pending.id, paymentID: paymentID, tickets: tickets, now: clock.now())
                } apply: { map, confirmed, now in
                    map.applyConfirmed(confirmed, at: now)
                }
            } catch let error as BookingError {
                // Charged, but the places are no longer this reservation's (released
                // meanwhile): never a ticket for them; the charge goes back.
                guard let current = try await bookings.reservation(id: pending.id), current.status != .confirmed,
                      current.status != .paymentPending, let refunds else { throw error }
                await desk.invalidate() // released elsewhere: the map reloads what is free
                _ = try await refunds.refundLatePayment(current, paymentID: paymentID)
                throw BookingError.paymentFailed(PaymentDecline(
                    code: "places_released", message: "The places had been released before the payment arrived; it is refunded."))
            }
            metrics.ticketsIssued.increment(by: tickets.count)
            return Purchase(reservation: confirmed, tickets: tickets)
        }
    }

    /// The payment id of a reservation that cost nothing.
    package static let freePayment = "free"

    /// How long a payment may run before the settler settles it itself (by default).
    package static let paymentSettleAfter: TimeInterval = 120

    /// Settles confirms that never finished: a crash between recording the payment and
    /// the confirm, or a provider that did not answer. The recorded payment is confirmed
    /// again, which returns the first attempt's outcome (or charges once if there was
    /// none), and finished accordingly, so nobody is charged without tickets. A payment
    /// begun before its id was recorded is prepared again under the same idempotency
    /// key. Returns how many were settled; one the provider still does not answer, or
    /// has not decided, waits for the next round.
    package func settleUnfinishedPayments(limit: Int = 100) async throws -> Int {
        let unsettled = try await bookings.unsettledPayments(
            startedBefore: clock.now().addingTimeInterval(-settleAfter), limit: limit)
        var settled = 0
        for (reservationID, paymentMethodID) in unsettled {
            guard let pending = try await bookings.reservation(id: reservationID), pending.status == .paymentPending else { continue }
            let request = Self.charge(for: pending, event: try await event(id: pending.eventID), paymentMethodID: paymentMethodID)
            let outcome: ChargeOutcome
            do {
                if pending.paymentID == Self.freePayment {
                    outcome = .succeeded(paymentID: Self.freePayment)
                } else if let paymentID = pending.paymentID {
                    outcome = try await payments.confirm(paymentID: paymentID, request)
                } else {
                    switch try await payments.prepare(request) {
                    case let .ready(paymentID): outcome = try await payments.confirm(paymentID: paymentID, request)
                    case let .declined(decline): outcome = .declined(decline)
                    }
                }
            } catch {
                logger.error("payment provider still does not answer", metadata: ["reservation_id": "\(reservationID.text)", "error": "\(error)"])
                continue
            }
            do {
                _ = try await settle(pending, outcome: outcome)
            } catch BookingError.paymentFailed {
            } catch BookingError.paymentUnconfirmed {
                continue // the provider has not decided yet
            } catch BookingError.invalidState {
                continue // settled meanwhile by the confirm that started it
            }
            logger.info("settled an unfinished payment", metadata: ["reservation_id": "\(reservationID.text)"])
            settled += 1
        }
        return settled
    }

    private func issueTickets(for reservation: Reservation, event: Event, holder: User) throws -> [Ticket] {
        let now = Date(epochMilliseconds: clock.now().epochMilliseconds / 1000 * 1000)
        let places: [(sectionID: UUID, seatID: UUID?, label: String)]
        if let sectionID = reservation.gaSectionID {
            let name = event.section(sectionID)?.name ?? "General Admission"
            places = Array(repeating: (sectionID, nil, name), count: reservation.quantity)
        } else {
            places = reservation.seats.map { ($0.sectionID, $0.seatID, $0.label) }
        }
        return try places.map { place in
            let id = UUID.timeOrdered()
            let payload = TicketPayload(ticketID: id, eventID: reservation.eventID, sectionID: place.sectionID,
                                        seatID: place.seatID, seat: place.label, holderName: holder.name, issuedAt: now)
            return Ticket(id: id, reservationID: reservation.id, eventID: reservation.eventID, sectionID: place.sectionID,
                          seatID: place.seatID, seatLabel: place.label, ownerID: holder.id, holderName: holder.name,
                          status: .active, qrCode: try signer.sign(payload), issuedAt: now)
        }
    }

    // MARK: Cancel

    /// Releases a held reservation; returns it as CANCELLED.
    package func cancel(_ reservationID: UUID, for viewer: Viewer) async throws -> Reservation {
        let reservation = try await ownReservation(reservationID, for: viewer)
        switch reservation.status {
        case .held: if reservation.isLapsed(at: clock.now()) { throw BookingError.holdExpired }
        case .expired: throw BookingError.holdExpired
        case .paymentPending, .confirmed, .cancelled: throw BookingError.invalidState(reservation.status)
        }
        let released = try await desks[reservation.eventID].write {
            try await bookings.release(reservationID: reservationID, as: .cancelled, now: clock.now())
        } apply: { map, released, now in
            if let released { map.applyReleased(released, at: now) }
        }
        guard let released else {
            let current = try await bookings.reservation(id: reservationID)
            throw BookingError.invalidState(current?.status ?? .cancelled)
        }
        metrics.holdsCancelled.increment()
        return released
    }

    // MARK: Expiry

    /// Marks lapsed holds EXPIRED and frees their places; returns how many it expired.
    /// Correctness never waits for this: lapsed holds already count as free.
    package func expireLapsedHolds(limit: Int = 500) async throws -> Int {
        let lapsed = try await bookings.lapsedReservations(now: clock.now(), limit: limit)
        var expired = 0
        for (reservationID, eventID) in lapsed {
            let released = try await desks[eventID].write {
                try await bookings.release(reservationID: reservationID, as: .expired, now: clock.now())
            } apply: { map, released, now in
                if let released { map.applyReleased(released, at: now) }
            }
            if released != nil { expired += 1 }
        }
        metrics.holdsExpired.increment(by: expired)
        return expired
    }

    /// Sets the active-holds and per-event availability gauges from the seat maps in memory.
    package func recordInventoryGauges() async {
        var activeHolds = 0
        for gauge in await desks.gauges() {
            activeHolds += gauge.liveHolds
            metrics.recordAvailability(eventID: gauge.eventID, available: gauge.available)
        }
        metrics.activeHolds.record(activeHolds)
    }

    // MARK: Reads

    /// A reservation the viewer owns, or one at an event they organize, or any for an
    /// admin. Others get `reservationNotFound`.
    package func reservation(_ id: UUID, for viewer: Viewer) async throws -> Reservation {
        guard let reservation = try await bookings.reservation(id: id),
              try await mayRead(ownedBy: reservation.userID, at: reservation.eventID, viewer) else {
            throw BookingError.reservationNotFound
        }
        return reservation
    }

    /// The owner, the organizer of the event and admins may read a reservation or ticket;
    /// nobody else (door staff check tickets in without reading them here).
    private func mayRead(ownedBy owner: UUID, at eventID: UUID, _ viewer: Viewer) async throws -> Bool {
        if owner == viewer.userID || viewer.role == .admin { return true }
        guard viewer.role == .organizer else { return false }
        return try await event(id: eventID).organizerID == viewer.userID
    }

    private func ownReservation(_ id: UUID, for viewer: Viewer) async throws -> Reservation {
        guard let reservation = try await bookings.reservation(id: id), reservation.userID == viewer.userID else {
            throw BookingError.reservationNotFound
        }
        return reservation
    }

    /// The viewer's tickets.
    package func tickets(of viewer: Viewer) async throws -> [Ticket] {
        try await tickets.tickets(ownerID: viewer.userID)
    }

    /// The tickets of a reservation the viewer may see.
    package func tickets(ofReservation id: UUID, for viewer: Viewer) async throws -> [Ticket] {
        _ = try await reservation(id, for: viewer)
        return try await tickets.tickets(reservationID: id)
    }

    /// One ticket the viewer owns, or at an event they organize, or any for an admin.
    package func ticket(_ id: UUID, for viewer: Viewer) async throws -> Ticket {
        guard let ticket = try await tickets.ticket(id: id), try await mayRead(ownedBy: ticket.ownerID, at: ticket.eventID, viewer) else {
            throw BookingError.ticketNotFound
        }
        return ticket
    }

    /// A ticket with what is printed on it (its event, place and price), for a caller that
    /// has already checked who may see it.
    package func printable(_ ticket: Ticket) async throws -> PrintedTicket {
        let event = try await desks.event(id: ticket.eventID)
        guard let reservation = try await bookings.reservation(id: ticket.reservationID) else { throw BookingError.ticketNotFound }
        return PrintedTicket(ticket: ticket, event: event, reservation: reservation)
    }

    /// A ticket opened through its signed page link: the caller has checked the link's
    /// signature, which only the ticket's owner was handed.
    package func ticket(openedBySignedLink id: UUID) async throws -> Ticket {
        guard let ticket = try await tickets.ticket(id: id) else { throw BookingError.ticketNotFound }
        return ticket
    }
}
