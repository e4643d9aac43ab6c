import BoxOfficeApp
import BoxOfficeCore
import Foundation
import Hummingbird

/// `POST /api/v1/checkin` for door staff.
struct CheckInController {
    struct Scan: RequestBody {
        var qrCode: String
        var eventId: String

        enum CodingKeys: CodingKey, CaseIterable { case qrCode, eventId }
    }

    struct ScanResult: Encodable {
        var result: String
        var ticketId: String?
        var eventId: String?
        var seat: String?
        var holderName: String?
        var checkedInAt: Date?

        /// Every field is always present, `null` when unknown (a forged code names nothing).
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(result, forKey: .result)
            try container.encode(ticketId, forKey: .ticketId)
            try container.encode(eventId, forKey: .eventId)
            try container.encode(seat, forKey: .seat)
            try container.encode(holderName, forKey: .holderName)
            try container.encode(checkedInAt, forKey: .checkedInAt)
        }

        enum CodingKeys: CodingKey { case result, ticketId, eventId, seat, holderName, checkedInAt }
    }

    struct BatchScan: RequestBody {
        var qrCode: String
        var scannedAt: Date
        var deviceId: String?

        enum CodingKeys: CodingKey, CaseIterable { case qrCode, scannedAt, deviceId }
    }

    struct Batch: RequestBody {
        var eventId: String
        var scans: [BatchScan]

        enum CodingKeys: CodingKey, CaseIterable { case eventId, scans }
        static var nestedBodies: [String: any RequestBody.Type] { ["scans": BatchScan.self] }
    }

    struct BatchResponse: Encodable {
        var results: [BatchEntry]
        var conflicts: Int
    }

    /// A batch result: the scan's answer plus whether another scan came first.
    struct BatchEntry: Encodable {
        var result: String
        var ticketId: String?
        var seat: String?
        var holderName: String?
        var checkedInAt: Date?
        var conflict: Bool
    }

    struct ListedTicket: Encodable {
        var ticketId: String
        var seat: String
        var holderName: String
        var checkedInAt: Date?
    }

    struct CheckInList: Encodable {
        var eventId: String
        var valid: [ListedTicket]
        var used: [ListedTicket]
        var voided: [String]
        var cursor: String
    }

    let checkIn: CheckInService

    /// `GET /api/v1/events/{id}/checkin-list?cursor=`: the tickets an offline door needs.
    func addListRoute(to events: RouterGroup<AppRequestContext>) {
        events.get(":event_id/checkin-list") { request, context in
            let viewer = try context.requireViewer()
            let eventID = try context.eventID()
            var since: Date?
            if let cursor = request.uri.queryParameters.get("cursor") {
                guard let millis = Int64(cursor) else { throw APIError(.badRequest, "INVALID_CURSOR", "The cursor is not valid") }
                since = Date(epochMilliseconds: millis)
            }
            let (tickets, cursor) = try await checkIn.checkInList(eventID: eventID, since: since, by: viewer)
            func listed(_ ticket: Ticket) -> ListedTicket {
                ListedTicket(ticketId: ticket.id.text, seat: ticket.seatLabel, holderName: ticket.holderName, checkedInAt: ticket.usedAt)
            }
            return JSONResponse.make(CheckInList(
                eventId: eventID.text,
                valid: tickets.filter { $0.status == .active }.map(listed),
                used: tickets.filter { $0.status == .used }.map(listed),
                voided: tickets.filter { $0.status == .cancelled || $0.status == .transferred || $0.status == .refunded }.map(\.id.text),
                cursor: String(cursor.epochMilliseconds)))
        }
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("batch") { request, context in
            let viewer = try context.requireViewer()
            guard viewer.role != .customer else { throw BookingError.forbidden }
            let batch = try await JSONRequest.decode(Batch.self, from: request, context: context)
            guard let eventID = UUID(text: batch.eventId) else { throw BookingError.eventNotFound }
            guard (1...10_000).contains(batch.scans.count) else {
                throw BookingError.invalid(field: "scans", reason: "must hold 1 to 10000 scans")
            }
            let outcomes = try await checkIn.checkInBatch(
                eventID: eventID, scans: batch.scans.map { ($0.qrCode, $0.scannedAt) }, by: viewer)
            let entries = outcomes.map { outcome in
                BatchEntry(result: outcome.result.rawValue, ticketId: (outcome.ticket?.id ?? outcome.payload?.ticketID)?.text,
                           seat: outcome.ticket?.seatLabel ?? outcome.payload?.place?.seat,
                           holderName: outcome.ticket?.holderName ?? outcome.payload?.place?.holderName,
                           checkedInAt: outcome.checkedInAt,
                           conflict: outcome.conflict)
            }
            return JSONResponse.make(BatchResponse(results: entries, conflicts: entries.filter(\.conflict).count))
        }
        group.post { request, context in
            let viewer = try context.requireViewer()
            guard viewer.role != .customer else { throw BookingError.forbidden }
            let scan = try await JSONRequest.decode(Scan.self, from: request, context: context)
            guard let eventID = UUID(text: scan.eventId) else { throw BookingError.eventNotFound }
            let outcome = try await checkIn.checkIn(code: scan.qrCode, eventID: eventID, by: viewer)
            return JSONResponse.make(ScanResult(
                result: outcome.result.rawValue,
                ticketId: (outcome.ticket?.id ?? outcome.payload?.ticketID)?.text,
                eventId: (outcome.ticket?.eventID ?? outcome.payload?.eventID)?.text,
                seat: outcome.ticket?.seatLabel ?? outcome.payload?.place?.seat,
                holderName: outcome.ticket?.holderName ?? outcome.payload?.place?.holderName,
                checkedInAt: outcome.checkedInAt))
        }
    }
}
