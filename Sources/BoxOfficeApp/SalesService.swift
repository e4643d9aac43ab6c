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
        try await authorizedRecord(eventID: eventID, for: viewer).report
    }

    /// The event's confirmed orders and tickets, read once, with the sales report made
    /// from them (the dashboard needs both); its organizer and admins only.
    private func authorizedRecord(eventID: UUID, for viewer: Viewer) async throws -> (record: AuditRecord, report: SalesReport) {
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
        return (record, SalesReport(eventID: eventID, currency: event.currency, grossCents: gross, refundsCents: refunded,
                                    feesKeptCents: refunds.reduce(0) { $0 + $1.feeCents }, netCents: gross - refunded,
                                    ordersConfirmed: record.confirmed.count, refunds: RefundSummary(refunds), sections: sections))
    }
}

/// One section on the organizer's desk: where its places are now.
package struct SectionStanding: Sendable, Equatable {
    package var section: Section
    package var sold: Int
    package var held: Int
    package var available: Int
    package var checkedIn: Int
    /// The face value of the tickets issued and not refunded.
    package var revenueCents: Int
}

/// Tickets sold and checked in per interval, oldest first, every interval present.
package struct SalesTimeline: Sendable, Equatable {
    package struct Point: Sendable, Equatable {
        package var at: Date
        package var sold: Int
        package var checkedIn: Int
    }

    package var bucketSeconds: Int
    package var points: [Point]

    /// The intervals tried, shortest first; the first that fits the span in
    /// `maxPoints` is used, so a chart never has more than that many points.
    static let buckets = [60, 300, 900, 3_600, 10_800, 21_600, 86_400, 604_800]
    static let maxPoints = 240

    init(sold: [Date], checkedIn: [Date]) {
        let all = sold + checkedIn
        guard let first = all.min(), let last = all.max() else {
            bucketSeconds = Self.buckets[0]
            points = []
            return
        }
        let span = Int(last.timeIntervalSince(first))
        let bucket = Self.buckets.first { span / $0 < Self.maxPoints } ?? Self.buckets[Self.buckets.count - 1]
        let start = Int(first.timeIntervalSince1970) / bucket * bucket
        let count = (Int(last.timeIntervalSince1970) - start) / bucket + 1
        var points = (0..<count).map { Point(at: Date(timeIntervalSince1970: TimeInterval(start + $0 * bucket)), sold: 0, checkedIn: 0) }
        for date in sold { points[(Int(date.timeIntervalSince1970) - start) / bucket].sold += 1 }
        for date in checkedIn { points[(Int(date.timeIntervalSince1970) - start) / bucket].checkedIn += 1 }
        bucketSeconds = bucket
        self.points = points
    }
}

/// What an organizer watches during an on-sale and at the door.
package struct EventDashboard: Sendable, Equatable {
    package var event: Event
    package var asOf: Date
    package var sections: [SectionStanding]
    package var sales: SalesReport
    package var timeline: SalesTimeline
}

extension SalesService {
    /// The event's live counts per section (from its desk: sold, held, available), the
    /// tickets checked in, the money, and sales and check-ins over time; its organizer
    /// and admins only.
    package func dashboard(eventID: UUID, for viewer: Viewer, now: Date) async throws -> EventDashboard {
        let (record, report) = try await authorizedRecord(eventID: eventID, for: viewer)
        let map = try await desks.seatMap(eventID: eventID)
        var checkedIn: [UUID: Int] = [:]
        for ticket in record.tickets where ticket.usedAt != nil { checkedIn[ticket.sectionID, default: 0] += 1 }
        let revenue = Dictionary(uniqueKeysWithValues: report.sections.map { ($0.sectionID, $0.grossCents - $0.refundedCents) })
        let sections = map.event.sections.map { section in
            SectionStanding(section: section, sold: map.sold(in: section), held: map.held(in: section, at: now),
                            available: map.available(in: section, at: now), checkedIn: checkedIn[section.id] ?? 0,
                            revenueCents: revenue[section.id] ?? 0)
        }
        return EventDashboard(event: map.event, asOf: now, sections: sections, sales: report,
                              timeline: SalesTimeline(sold: record.tickets.map(\.issuedAt), checkedIn: record.tickets.compactMap(\.usedAt)))
    }
}
