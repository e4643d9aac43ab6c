import BoxOfficeCore
import Foundation
import Logging

/// A refund someone asks for.
package struct RefundAsk: Sendable, Equatable {
    package var reservationID: UUID
    /// Some tickets of the reservation; nil for all it still has.
    package var ticketIDs: [UUID]?
    package var reason: String?
    package var idempotencyKey: String?

    package init(reservationID: UUID, ticketIDs: [UUID]? = nil, reason: String? = nil, idempotencyKey: String? = nil) {
        self.reservationID = reservationID
        self.ticketIDs = ticketIDs
        self.reason = reason
        self.idempotencyKey = idempotencyKey
    }
}

/// Refunds: a buyer's own under the event's policy, an organizer's (or admin's) of any
/// order of their event. A refund is recorded first, in one transaction with its tickets
/// becoming REFUNDED and their places going back on sale, and the provider is asked
/// after: a crash, a lost answer or a refusal leaves a PENDING or FAILED refund that
/// `settleUnfinishedRefunds` asks again about (the provider is told our refund's id, so
/// a retry never refunds twice). Money and tickets always agree: every REFUNDED ticket
/// has its refund on record, and each refund is paid out once.
package struct RefundService: Sendable {
    let bookings: any BookingStore
    let tickets: any TicketStore
    let refunds: any RefundStore
    let desks: EventDesks
    let payments: any PaymentGateway
    let clock: any BookingClock
    let logger: Logger
    /// How long a refund waits before the settler asks the provider about it again.
    let retryAfter: TimeInterval
    let faults: FaultPoints

    /// - Parameters:
    ///   - bookings: the reservation being refunded.
    ///   - tickets: its tickets and their prices.
    ///   - refunds: recording refunds and their outcomes.
    ///   - desks: the event (policy, start) and its seat map, which gets the places back.
    package init(bookings: any BookingStore, tickets: any TicketStore, refunds: any RefundStore, desks: EventDesks,
                 payments: any PaymentGateway, clock: any BookingClock, logger: Logger,
                 retryAfter: TimeInterval = RefundService.retryAfter, faults: FaultPoints = .none) {
        self.retryAfter = retryAfter
        self.faults = faults
        self.bookings = bookings
        self.tickets = tickets
        self.refunds = refunds
        self.desks = desks
        self.payments = payments
        self.clock = clock
        self.logger = logger
    }

    /// Refunds tickets of a confirmed reservation. The buyer may within the event's
    /// policy (its fee kept); the event's organizer and admins may always, in full.
    /// Others get `reservationNotFound`. Returns the refund as it stands after asking
    /// the provider once (SUCCEEDED, or PENDING/FAILED to be retried).
    package func refund(_ ask: RefundAsk, by viewer: Viewer) async throws -> Refund {
        guard let reservation = try await bookings.reservation(id: ask.reservationID) else { throw BookingError.reservationNotFound }
        let event = try await desks.event(id: reservation.eventID)
        let actsForEvent = viewer.role == .admin || (viewer.role == .organizer && event.organizerID == viewer.userID)
        guard reservation.userID == viewer.userID || actsForEvent else { throw BookingError.reservationNotFound }
        if let reason = ask.reason, reason.count > 500 { throw BookingError.invalid(field: "reason", reason: "must be at most 500 characters") }
        if let key = ask.idempotencyKey, let existing = try await refunds.refunds(reservationID: reservation.id)
            .first(where: { $0.idempotencyKey == key }) {
            guard ask.ticketIDs == nil || Set(ask.ticketIDs!) == Set(existing.ticketIDs) else { throw BookingError.idempotencyKeyReused }
            return existing
        }
        guard reservation.status == .confirmed, let paymentID = reservation.paymentID else {
            throw BookingError.invalidState(reservation.status)
        }
        let now = clock.now()
        let policy = actsForEvent ? nil : event.refundPolicy
        if let policy {
            guard policy.allowed else { throw BookingError.refundNotAllowed(deadline: nil) }
            let deadline = policy.deadline(eventStartsAt: event.startsAt)
            guard now <= deadline else { throw BookingError.refundNotAllowed(deadline: deadline) }
        }

        let issued = try await tickets.tickets(reservationID: reservation.id)
        let chosen: [Ticket]
        if let ids = ask.ticketIDs {
            guard !ids.isEmpty else { throw BookingError.invalid(field: "ticket_ids", reason: "must name at least one ticket") }
            guard Set(ids).count == ids.count else { throw BookingError.invalid(field: "ticket_ids", reason: "must not repeat a ticket") }
            let byID = Dictionary(uniqueKeysWithValues: issued.map { ($0.id, $0) })
            let foreign = ids.filter { byID[$0] == nil }
            guard foreign.isEmpty else {
                throw BookingError.invalid(field: "ticket_ids", reason: "names tickets of another reservation: \(foreign.map(\.text).joined(separator: ", "))")
            }
            chosen = ids.compactMap { byID[$0] }
        } else {
            chosen = issued.filter { $0.status == .active }
            guard !chosen.isEmpty else { throw BookingError.ticketNotRefundable(issued.map(\.id)) }
        }
        let refused = chosen.filter { $0.status != .active }.map(\.id)
        guard refused.isEmpty else { throw BookingError.ticketNotRefundable(refused) }

        var price = 0
        var fee = 0
        for ticket in chosen {
            let ticketPrice = MoneyAudit.price(of: ticket, in: reservation)
            price += ticketPrice
            fee += policy?.fee(onTicketOf: ticketPrice) ?? 0
        }
        let refund = Refund(reservationID: reservation.id, eventID: event.id, ticketIDs: chosen.map(\.id), amountCents: price - fee,
                            feeCents: fee, currency: event.currency, reason: ask.reason?.trimmed.nilIfEmpty, requestedBy: viewer.userID,
                            idempotencyKey: ask.idempotencyKey, createdAt: now)
        // The places go back to the inventory once the refund is committed (the map learns
        // it from the same write); they sell again only while the event still sells (holds
        // refuse a started or cancelled event), and the audit finds every place either
        // sold with a live ticket or free.
        let recording = try await desks[event.id].write {
            try await refunds.recordRefund(refund, returnToSale: true, now: now)
        } apply: { map, recording, now in
            if case let .recorded(refund, seats, ga) = recording { map.applyRefunded(refund.id, seats: seats, generalAdmission: ga, at: now) }
        }
        switch recording {
        case let .existing(existing): return existing
        case let .recorded(recorded, _, _):
            logger.info("refund recorded", metadata: ["refund_id": "\(recorded.id.text)", "reservation_id": "\(reservation.id.text)",
                                                      "amount_cents": "\(recorded.amountCents)"])
            faults.reach(FaultPoints.refundRecorded)
            return try await payOut(recorded, paymentID: paymentID)
        }
    }

    /// Asks the provider to pay a recorded refund out and records its answer. A provider
    /// that cannot be reached leaves the refund as it was, for the next round.
    private func payOut(_ refund: Refund, paymentID: String) async throws -> Refund {
        guard refund.amountCents > 0 else {
            // The fee kept it all: nothing to send back.
            return try await refunds.finishRefund(id: refund.id, status: .succeeded, providerRefundID: nil, failureMessage: nil,
                                                  now: clock.now()) ?? refund
        }
        let outcome: RefundOutcome
        do {
            outcome = try await payments.refund(RefundRequest(paymentID: paymentID, amountCents: refund.amountCents, currency: refund.currency,
                                                              refundID: refund.id, reservationID: refund.reservationID))
        } catch {
            logger.error("payment provider did not answer a refund", metadata: ["refund_id": "\(refund.id.text)", "error": "\(error)"])
            return refund
        }
        if case .succeeded = outcome { faults.reach(FaultPoints.refundSent) }
        let (status, providerID, failure): (RefundStatus, String?, String?) = switch outcome {
        case let .succeeded(id): (.succeeded, id, nil)
        case let .pending(id): (.pending, id, nil)
        case let .failed(message): (.failed, nil, message)
        }
        if status == .failed {
            logger.error("payment provider refused a refund", metadata: ["refund_id": "\(refund.id.text)", "reason": "\(failure ?? "")"])
        }
        return try await refunds.finishRefund(id: refund.id, status: status, providerRefundID: providerID, failureMessage: failure,
                                              now: clock.now()) ?? refund
    }

    /// Sends back a charge that arrived after its reservation's places were released (a
    /// payment the provider confirmed late): recorded as a refund without tickets, once
    /// per payment, and paid out like any other.
    package func refundLatePayment(_ reservation: Reservation, paymentID: String) async throws -> Refund {
        let event = try await desks.event(id: reservation.eventID)
        let refund = Refund(reservationID: reservation.id, eventID: event.id, ticketIDs: [], amountCents: reservation.totalPriceCents,
                            feeCents: 0, currency: event.currency, reason: "Late payment: the places had been released",
                            requestedBy: reservation.userID, idempotencyKey: "late-payment-\(paymentID)", createdAt: clock.now())
        switch try await refunds.recordRefund(refund, returnToSale: false, now: clock.now()) {
        case let .existing(existing): return existing
        case let .recorded(recorded, _, _):
            logger.notice("refunding a late payment", metadata: ["reservation_id": "\(reservation.id.text)", "payment_id": "\(paymentID)"])
            return try await payOut(recorded, paymentID: paymentID)
        }
    }

    /// How long a refund waits before the settler asks the provider about it again (by default).
    package static let retryAfter: TimeInterval = 60

    /// Asks the provider again about refunds not yet SUCCEEDED (a crash between recording
    /// and paying out, a lost answer, a refusal); returns how many it settled.
    package func settleUnfinishedRefunds(limit: Int = 100) async throws -> Int {
        var settled = 0
        for refund in try await refunds.unsettledRefunds(updatedBefore: clock.now().addingTimeInterval(-retryAfter), limit: limit) {
            guard let reservation = try await bookings.reservation(id: refund.reservationID), let paymentID = reservation.paymentID else {
                continue
            }
            if try await payOut(refund, paymentID: paymentID).status == .succeeded { settled += 1 }
        }
        return settled
    }

    /// Refunds in full every confirmed order of cancelled events that still has active
    /// tickets, as the event's organizer (the payment settler calls it every round, so
    /// a crash or a refusal is picked up again); returns how many refunds it recorded.
    package func refundCancelledEvents(limit: Int = 200) async throws -> Int {
        var recorded = 0
        for (eventID, reservationIDs) in try await refunds.ordersToRefund(limit: limit) {
            let event = try await desks.event(id: eventID)
            let organizer = Viewer(userID: event.organizerID, role: .organizer)
            let reason = "Event cancelled" + (event.cancellationReason.map { ": \($0)" } ?? "")
            for reservationID in reservationIDs {
                do {
                    _ = try await refund(RefundAsk(reservationID: reservationID, reason: String(reason.prefix(500)),
                                                   idempotencyKey: Refund.eventCancelledKey), by: organizer)
                    recorded += 1
                } catch {
                    logger.error("refunding an order of a cancelled event failed",
                                 metadata: ["reservation_id": "\(reservationID.text)", "error": "\(error)"])
                }
            }
        }
        return recorded
    }

    /// How an event's refunds stand, by status.
    package func summary(eventID: UUID) async throws -> RefundSummary {
        RefundSummary(try await refunds.refunds(eventID: eventID))
    }

    /// A reservation's refunds, for those who may read the reservation.
    package func refunds(ofReservation id: UUID, for viewer: Viewer) async throws -> [Refund] {
        guard let reservation = try await bookings.reservation(id: id) else { throw BookingError.reservationNotFound }
        if reservation.userID != viewer.userID && viewer.role != .admin {
            guard viewer.role == .organizer, try await desks.event(id: reservation.eventID).organizerID == viewer.userID else {
                throw BookingError.reservationNotFound
            }
        }
        return try await refunds.refunds(reservationID: id)
    }
}

/// An event's refunds counted by status.
package struct RefundSummary: Sendable, Equatable {
    package var total = 0
    package var succeeded = 0
    package var failed = 0
    package var pending = 0

    package init(_ refunds: [Refund]) {
        total = refunds.count
        for refund in refunds {
            switch refund.status {
            case .succeeded: succeeded += 1
            case .failed: failed += 1
            case .pending: pending += 1
            }
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
