import BoxOfficeCore
import Foundation

/// The emails of an order, for those who may read the order: the buyer, the event's
/// organizer (who sees a refused address here) and admins.
package struct EmailService: Sendable {
    let mails: any MailStore
    let booking: BookingService

    package init(mails: any MailStore, booking: BookingService) {
        self.mails = mails
        self.booking = booking
    }

    package func emails(ofReservation id: UUID, for viewer: Viewer) async throws -> [EmailDelivery] {
        _ = try await booking.reservation(id, for: viewer)
        return try await mails.emails(reservationID: id)
    }
}
