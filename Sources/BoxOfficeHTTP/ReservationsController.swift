import BoxOfficeApp
import BoxOfficeCore
import Foundation
import HTTPTypes
import Hummingbird

/// Hold, read, confirm and cancel reservations.
struct ReservationsController {
    static let idempotencyHeader = HTTPField.Name("X-Idempotency-Key")!

    struct CreateReservation: SnakeCaseKeyed, FlatJSONDecodable, Equatable {
        var eventId: String
        var seatIds: [String]?
        var sectionId: String?
        var quantity: Int?
        var holdDurationMinutes: Int?
        var presaleCode: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case eventId = "event_id", seatIds = "seat_ids", sectionId = "section_id", quantity
            case holdDurationMinutes = "hold_duration_minutes", presaleCode = "presale_code"
        }

        init(eventId: String, seatIds: [String]? = nil, sectionId: String? = nil, quantity: Int? = nil,
             holdDurationMinutes: Int? = nil, presaleCode: String? = nil) {
            self.eventId = eventId
            self.seatIds = seatIds
            self.sectionId = sectionId
            self.quantity = quantity
            self.holdDurationMinutes = holdDurationMinutes
            self.presaleCode = presaleCode
        }

        /// The same result as the Codable decoding, for bodies of the usual shape.
        init?(flat: FlatJSON) {
            guard flat.fields.allSatisfy({ CodingKeys(stringValue: $0.key) != nil }),
                  case let .string(eventId)? = flat["event_id"] else { return nil }
            self.init(eventId: eventId)
            switch flat["seat_ids"] {
            case nil, .null?: break
            case let .strings(ids)?: seatIds = ids
            default: return nil
            }
            for (key, path) in [("section_id", \Self.sectionId), ("presale_code", \Self.presaleCode)] {
                switch flat[key] {
                case nil, .null?: break
                case let .string(text)?: self[keyPath: path] = text
                default: return nil
                }
            }
            for (key, path) in [("quantity", \Self.quantity), ("hold_duration_minutes", \Self.holdDurationMinutes)] {
                switch flat[key] {
                case nil, .null?: break
                case let .integer(number)?: self[keyPath: path] = number
                default: return nil
                }
            }
        }

        func request(queueToken: String?) throws(BookingError) -> HoldRequest {
            var request = try selection()
            request.presaleCode = presaleCode.flatMap { $0.trimmed.isEmpty ? nil : $0 }
            request.queueToken = queueToken
            return request
        }

        private func selection() throws(BookingError) -> HoldRequest {
            guard let eventID = UUID(text: eventId) else { throw .eventNotFound }
            switch (seatIds, sectionId, quantity) {
            case let (seatIds?, nil, nil):
                var ids: [UUID] = []
                var invalid: [String] = []
                for text in seatIds {
                    if let id = UUID(text: text) { ids.append(id) } else { invalid.append(text) }
                }
                guard invalid.isEmpty else { throw .invalid(field: "seat_ids", reason: "contains ids that are not seat ids: \(invalid.prefix(5).joined(separator: ", "))") }
                return HoldRequest(eventID: eventID, selection: .seats(ids), holdDurationMinutes: holdDurationMinutes)
            case let (nil, sectionId?, quantity?):
                guard let sectionID = UUID(text: sectionId) else { throw .sectionNotFound }
                return HoldRequest(eventID: eventID, selection: .generalAdmission(sectionID: sectionID, quantity: quantity),
                                   holdDurationMinutes: holdDurationMinutes)
            case (nil, _?, nil):
                throw .invalid(field: "quantity", reason: "is required with section_id")
            case (nil, nil, _?):
                throw .invalid(field: "section_id", reason: "is required with quantity")
            case (nil, nil, nil):
                throw .invalid(field: "seat_ids", reason: "is required (or section_id and quantity for general admission)")
            default:
                throw .invalid(field: "seat_ids", reason: "cannot be combined with section_id/quantity")
            }
        }
    }

    struct Confirm: RequestBody {
        var paymentMethodId: String
        /// The reference design's confirm sends one; accepted and ignored (the payment
        /// gateway is given only the payment method).
        var billingAddress: IgnoredObject?

        enum CodingKeys: CodingKey, CaseIterable { case paymentMethodId, billingAddress }
    }

    struct SeatLine: Encodable {
        var seatId: String
        var sectionId: String
        var row: String
        var number: Int
        var priceCents: Int
    }

    struct ReservationView: Encodable {
        var reservationId: String
        var eventId: String
        var status: String
        var seats: [SeatLine]
        var sectionId: String?
        var quantity: Int
        var totalPriceCents: Int
        var heldUntil: Date
        var createdAt: Date
        var confirmedAt: Date?
        var checkoutUrl: String

        /// The JSON of `JSONResponse.make(view)` (same keys, sorted, same formats), written
        /// by hand: a hold's answer is on the hot path, and Foundation's encoder cost more
        /// than the hold's SQL.
        var json: String {
            var out = "{\"checkout_url\":\(JSONText.quoted(checkoutUrl))"
            if let confirmedAt { out += ",\"confirmed_at\":\"\(ISO8601.format(confirmedAt))\"" }
            out += ",\"created_at\":\"\(ISO8601.format(createdAt))\",\"event_id\":\"\(eventId)\""
            out += ",\"held_until\":\"\(ISO8601.format(heldUntil))\",\"quantity\":\(quantity)"
            out += ",\"reservation_id\":\"\(reservationId)\",\"seats\":["
            for (index, seat) in seats.enumerated() {
                if index > 0 { out += "," }
                out += "{\"number\":\(seat.number),\"price_cents\":\(seat.priceCents),\"row\":\(JSONText.quoted(seat.row))"
                out += ",\"seat_id\":\"\(seat.seatId)\",\"section_id\":\"\(seat.sectionId)\"}"
            }
            out += "]"
            if let sectionId { out += ",\"section_id\":\"\(sectionId)\"" }
            out += ",\"status\":\"\(status)\",\"total_price_cents\":\(totalPriceCents)}"
            return out
        }

        init(_ reservation: Reservation) {
            reservationId = reservation.id.text
            eventId = reservation.eventID.text
            status = reservation.status.rawValue
            seats = reservation.seats.map {
                SeatLine(seatId: $0.seatID.text, sectionId: $0.sectionID.text, row: $0.row, number: $0.number, priceCents: $0.priceCents)
            }
            sectionId = reservation.gaSectionID?.text
            quantity = reservation.quantity
            totalPriceCents = reservation.totalPriceCents
            heldUntil = reservation.heldUntil
            createdAt = reservation.createdAt
            confirmedAt = reservation.confirmedAt
            checkoutUrl = "/checkout/\(reservation.id.text)"
        }
    }

    struct RefundBody: RequestBody {
        var ticketIds: [String]?
        var reason: String?

        enum CodingKeys: CodingKey, CaseIterable { case ticketIds, reason }

        func ask(reservationID: UUID, idempotencyKey: String?) throws(BookingError) -> RefundAsk {
            let ids = try ticketIds?.map { text throws(BookingError) -> UUID in
                guard let id = UUID(apiText: text) else { throw .invalid(field: "ticket_ids", reason: "must hold ticket ids: \(text) is not one") }
                return id
            }
            return RefundAsk(reservationID: reservationID, ticketIDs: ids, reason: reason, idempotencyKey: idempotencyKey)
        }
    }

    struct RefundView: Encodable {
        var refundId: String
        var reservationId: String
        var ticketIds: [String]
        var amountCents: Int
        var feeCents: Int
        var currency: String
        var status: String
        var reason: String?
        var failureMessage: String?
        var createdAt: Date
        var updatedAt: Date

        init(_ refund: Refund) {
            refundId = refund.id.text
            reservationId = refund.reservationID.text
            ticketIds = refund.ticketIDs.map(\.text)
            amountCents = refund.amountCents
            feeCents = refund.feeCents
            currency = refund.currency
            status = refund.status.rawValue
            reason = refund.reason
            failureMessage = refund.failureMessage
            createdAt = refund.createdAt
            updatedAt = refund.updatedAt
        }
    }

    struct RefundList: Encodable {
        var refunds: [RefundView]
    }

    /// An email the order sent (or tried to): a permanent refusal shows here as FAILED with the server's reply.
    struct EmailView: Encodable {
        var emailId: String
        var kind: String
        var to: String
        var status: String
        var attempts: Int
        var lastError: String?
        var nextAttemptAt: Date?
        var sentAt: Date?
        var createdAt: Date

        init(_ email: EmailDelivery) {
            emailId = email.id.text
            kind = email.kind.rawValue
            to = email.recipient
            status = email.status.rawValue
            attempts = email.attempts
            lastError = email.lastError
            nextAttemptAt = email.status == .pending ? email.nextAttemptAt : nil
            sentAt = email.sentAt
            createdAt = email.createdAt
        }
    }

    struct EmailList: Encodable {
        var emails: [EmailView]
    }

    struct ConfirmationView: Encodable {
        var reservationId: String
        var status: String
        var totalPriceCents: Int
        var paymentId: String?
        var tickets: [TicketsController.TicketView]
        var receiptUrl: String
    }

    struct CancellationView: Encodable {
        var reservationId: String
        var status: String
        var seatsReleased: [String]
        var quantityReleased: Int
    }

    let booking: BookingService
    let refunds: RefundService
    let emails: EmailService
    let links: TicketLinks

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post { request, context in
            let viewer = try context.requireViewer()
            let key = try Self.idempotencyKey(request)
            let body = try await JSONRequest.decode(CreateReservation.self, from: request, context: context)
            let queueToken = request.headers[QueueController.tokenHeader]?.trimmed
            let outcome = try await booking.hold(body.request(queueToken: queueToken), for: viewer, idempotencyKey: key)
            switch outcome {
            case let .created(reservation):
                return JSONResponse.raw(ByteBuffer(string: ReservationView(reservation).json), status: .created)
            case let .replayed(reservation):
                return JSONResponse.raw(ByteBuffer(string: ReservationView(reservation).json), status: .created,
                                        headers: [.init("Idempotent-Replayed")!: "true"])
            }
        }
        group.get(":reservation_id") { _, context in
            let viewer = try context.requireViewer()
            return JSONResponse.make(ReservationView(try await booking.reservation(reservationID(context), for: viewer)))
        }
        group.get(":reservation_id/tickets") { _, context in
            let viewer = try context.requireViewer()
            let tickets = try await booking.tickets(ofReservation: reservationID(context), for: viewer)
            return JSONResponse.make(TicketsController.TicketList(tickets: tickets.map { TicketsController.TicketView($0, links: links) }))
        }
        group.post(":reservation_id/confirm") { request, context in
            let viewer = try context.requireViewer()
            let id = try reservationID(context)
            let body = try await JSONRequest.decode(Confirm.self, from: request, context: context)
            let purchase = try await booking.confirm(id, for: viewer, paymentMethodID: body.paymentMethodId,
                                                     idempotencyKey: try Self.idempotencyKey(request))
            return JSONResponse.make(ConfirmationView(
                reservationId: id.text, status: purchase.reservation.status.rawValue,
                totalPriceCents: purchase.reservation.totalPriceCents, paymentId: purchase.reservation.paymentID,
                tickets: purchase.tickets.map { TicketsController.TicketView($0, links: links) }, receiptUrl: "/receipts/\(id.text)"))
        }
        group.post(":reservation_id/refund") { request, context in
            let viewer = try context.requireViewer()
            let body = try await JSONRequest.decode(RefundBody.self, from: request, context: context, ifEmpty: RefundBody())
            let refund = try await refunds.refund(body.ask(reservationID: reservationID(context), idempotencyKey: Self.idempotencyKey(request)),
                                                  by: viewer)
            return JSONResponse.make(RefundView(refund), status: .created)
        }
        group.get(":reservation_id/refunds") { _, context in
            let viewer = try context.requireViewer()
            return JSONResponse.make(RefundList(refunds: try await refunds.refunds(ofReservation: reservationID(context), for: viewer).map(RefundView.init)))
        }
        group.get(":reservation_id/emails") { _, context in
            let viewer = try context.requireViewer()
            return JSONResponse.make(EmailList(emails: try await emails.emails(ofReservation: reservationID(context), for: viewer).map(EmailView.init)))
        }
        group.delete(":reservation_id") { _, context in
            let viewer = try context.requireViewer()
            let released = try await booking.cancel(reservationID(context), for: viewer)
            return JSONResponse.make(CancellationView(
                reservationId: released.id.text, status: released.status.rawValue,
                seatsReleased: released.seats.map(\.seatID.text), quantityReleased: released.quantity))
        }
    }

    private func reservationID(_ context: AppRequestContext) throws -> UUID {
        guard let id = UUID(apiText: context.parameters.get("reservation_id")) else { throw BookingError.reservationNotFound }
        return id
    }

    private static func idempotencyKey(_ request: Request) throws -> String? {
        guard let key = request.headers[idempotencyHeader]?.trimmed else { return nil }
        guard (1...255).contains(key.count) else {
            throw BookingError.invalid(field: "X-Idempotency-Key", reason: "must be 1 to 255 characters")
        }
        return key
    }
}
