import BoxOfficeCore
import Foundation

/// One section's sales.
package struct SectionSales: Sendable, Equatable {
    package var sectionID: UUID
    package var name: String
    /// Tickets issued (refunded ones included).
    package var ticketsSold: Int
    package var ticketsRefunded: Int
    /// The face value of the tickets issued.
    package var grossCents: Int
    /// The face value of the refunded tickets (their fees included).
    package var refundedCents: Int
}

/// What an event took, gave back and kept, in its currency.
package struct SalesReport: Sendable, Equatable {
    package var eventID: UUID
    package var currency: String
    /// What the confirmed orders were charged.
    package var grossCents: Int
    /// What refunds send back (every refund recorded: succeeded, pending or failed and retried).
    package var refundsCents: Int
    /// The refund fees kept.
    package var feesKeptCents: Int
    /// Gross less refunds.
    package var netCents: Int
    package var ordersConfirmed: Int
    package var refunds: RefundSummary
    package var sections: [SectionSales]
}

/// The organizer's sales report.
package struct SalesService: Sendable {
    let operations: any OperationsStore
    let refunds: any RefundStore
    let desks: EventDesks

    /// - Parameters:
    ///   - operations: the event's confirmed orders and tickets (the audit's record).
    ///   - refunds: the event's refunds.
    package init(operations: any OperationsStore, refunds: any RefundStore, desks: EventDesks) {
        self.operations = operations
        self.refunds = refunds
        self.desks = desks
    }

    /// The event's sales; its organizer and admins only.
    package func report(eventID: UUID, for viewer: Viewer) async throws -> SalesReport {
        let event = try await desks.event(id: eventID)
        guard viewer.role == .admin || (viewer.role.canOrganize && event.organizerID == viewer.userID) else { throw BookingError.forbidden }
        guard let record = try await operations.auditRecord(eventID: eventID) else { throw BookingError.eventNotFound }
        let refunds = try await refunds.refunds(eventID: eventID)
        let orders = Dictionary(uniqueKeysWithValues: record.confirmed.map { ($0.id, $0) })
        var sections = event.sections.map {
            SectionSales(sectionID: $0.id, name: $0.name, ticketsSold: 0, ticketsRefunded: 0, grossCents: 0, refundedCents: 0)
        }
        let position = Dictionary(uniqueKeysWithValues: sections.enumerated().map { ($1.sectionID, $0) })
        for ticket in record.tickets {
            guard let index = position[ticket.sectionID], let order = orders[ticket.reservationID] else { continue }
            let price = MoneyAudit.price(of: ticket, in: order)
            sections[index].ticketsSold += 1
            sections[index].grossCents += price
            if ticket.status == .refunded {
                sections[index].ticketsRefunded += 1
                sections[index].refundedCents += price
            }
        }
        let gross = record.confirmed.reduce(0) { $0 + $1.totalPriceCents }
        let refunded = refunds.reduce(0) { $0 + $1.amountCents }
        return SalesReport(eventID: eventID, currency: event.currency, grossCents: gross, refundsCents: refunded,
                           feesKeptCents: refunds.reduce(0) { $0 + $1.feeCents }, netCents: gross - refunded,
                           ordersConfirmed: record.confirmed.count, refunds: RefundSummary(refunds), sections: sections)
    }
}
