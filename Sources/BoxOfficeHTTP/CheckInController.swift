import BoxOfficeApp
import BoxOfficeCore
import Foundation
import Hummingbird

/// `POST /api/v1/checkin` for door staff.
struct CheckInController {
    struct Scan: Decodable {
        var qrCode: String
        var eventId: String
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

    let checkIn: CheckInService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post { request, context in
            let viewer = try context.requireViewer()
            guard viewer.role != .customer else { throw BookingError.forbidden }
            let scan = try await JSONRequest.decode(Scan.self, from: request, context: context)
            guard let eventID = UUID(uuidString: scan.eventId) else { throw BookingError.eventNotFound }
            let outcome = try await checkIn.checkIn(code: scan.qrCode, eventID: eventID, by: viewer)
            return JSONResponse.make(ScanResult(
                result: outcome.result.rawValue,
                ticketId: (outcome.ticket?.id ?? outcome.payload?.ticketID)?.text,
                eventId: (outcome.ticket?.eventID ?? outcome.payload?.eventID)?.text,
                seat: outcome.ticket?.seatLabel ?? outcome.payload?.seat,
                holderName: outcome.ticket?.holderName ?? outcome.payload?.holderName,
                checkedInAt: outcome.checkedInAt))
        }
    }
}
