import BoxOfficeCore
import Foundation
import HTTPTypes
import Hummingbird

/// A client-facing error: a status and `{"error": CODE, "message": ..., ...details}`.
struct APIError: HTTPResponseError {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var details: [String: JSONValue] = [:]
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, details: [String: JSONValue] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var body = details
        body["error"] = .string(code)
        body["message"] = .string(message)
        var response = JSONResponse.make(JSONValue.object(body), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }
}

extension APIError {
    /// The one mapping from domain errors to HTTP statuses and error codes.
    init(_ error: BookingError) {
        switch error {
        case .eventNotFound: self.init(.notFound, "EVENT_NOT_FOUND", "No such event")
        case .sectionNotFound: self.init(.notFound, "SECTION_NOT_FOUND", "No such section in this event")
        case .reservationNotFound: self.init(.notFound, "RESERVATION_NOT_FOUND", "No such reservation")
        case .ticketNotFound: self.init(.notFound, "TICKET_NOT_FOUND", "No such ticket")
        case .userNotFound: self.init(.notFound, "USER_NOT_FOUND", "No such account")
        case let .seatsUnavailable(ids):
            self.init(.conflict, "SEATS_UNAVAILABLE", "One or more selected seats are no longer available",
                      details: ["unavailable_seats": .array(ids.map { .string($0.text) })])
        case let .seatsNotInEvent(ids):
            self.init(.unprocessableContent, "INVALID_SEATS", "One or more seats do not exist in this event",
                      details: ["invalid_seats": .array(ids.map { .string($0.text) })])
        case let .insufficientInventory(available):
            self.init(.conflict, "INSUFFICIENT_INVENTORY", "Only \(available) tickets remain in this section",
                      details: ["available": .int(available)])
        case let .ticketLimitExceeded(limit, remaining):
            self.init(.unprocessableContent, "TICKET_LIMIT_EXCEEDED",
                      "The limit here is \(limit) tickets per buyer; you may add \(remaining) more",
                      details: ["limit": .int(limit), "remaining": .int(remaining)])
        case .holdExpired: self.init(.gone, "HOLD_EXPIRED", "The hold on this reservation has expired")
        case let .invalidState(status):
            let code = switch status {
            case .confirmed: "ALREADY_CONFIRMED"
            case .cancelled: "RESERVATION_CANCELLED"
            case .paymentPending: "PAYMENT_IN_PROGRESS"
            case .expired: "HOLD_EXPIRED"
            case .held: "RESERVATION_HELD"
            }
            self.init(.conflict, code, "The reservation is \(status.rawValue)", details: ["status": .string(status.rawValue)])
        case let .paymentFailed(decline):
            self.init(.init(code: 402, reasonPhrase: "Payment Required"), "PAYMENT_FAILED",
                      "Payment failed: \(decline.message) Nothing was charged and the hold was released.",
                      details: ["decline_code": .string(decline.code), "decline_message": .string(decline.message)])
        case .conflictingChange:
            self.init(.conflict, "CONFLICTING_CHANGE", "The event was changed by someone else at the same moment; send the change again")
        case .paymentUnconfirmed:
            self.init(.badGateway, "PAYMENT_UNCONFIRMED",
                      "The payment provider did not answer. Your places stay reserved while we ask it again; the reservation becomes CONFIRMED or CANCELLED within a few minutes, and you are never charged twice.",
                      details: ["status": .string(ReservationStatus.paymentPending.rawValue)])
        case .paymentNotStarted:
            self.init(.badGateway, "PAYMENT_UNCONFIRMED",
                      "The payment provider could not be reached, and nothing was charged. Your places are still held: confirm again.",
                      details: ["status": .string(ReservationStatus.held.rawValue)])
        case .idempotencyKeyReused:
            self.init(.unprocessableContent, "IDEMPOTENCY_KEY_REUSED", "This X-Idempotency-Key was used with a different request")
        case let .saleNotStarted(start):
            self.init(.forbidden, "SALE_NOT_STARTED", "Tickets go on sale at \(ISO8601.format(start))",
                      details: ["sale_starts_at": .string(ISO8601.format(start))])
        case .salesClosed: self.init(.forbidden, "SALES_CLOSED", "Sales for this event have closed")
        case .eventCancelled: self.init(.conflict, "EVENT_CANCELLED", "The event is cancelled; nothing more is sold")
        case let .refundNotAllowed(deadline):
            if let deadline {
                self.init(.forbidden, "REFUND_NOT_ALLOWED", "Refunds for this event closed at \(ISO8601.format(deadline))",
                          details: ["deadline": .string(ISO8601.format(deadline))])
            } else {
                self.init(.forbidden, "REFUND_NOT_ALLOWED", "This event's refund policy does not allow buyers to refund")
            }
        case let .ticketNotRefundable(ids):
            self.init(.conflict, "TICKET_NOT_REFUNDABLE",
                      "Some tickets cannot be refunded (already used, refunded, transferred or listed for resale)",
                      details: ["ticket_ids": .array(ids.map { .string($0.text) })])
        case let .presaleRequired(windows):
            self.init(.forbidden, "PRESALE_REQUIRED", "Only presale buyers may reserve now (\(windows.joined(separator: ", ")))",
                      details: ["presales": .array(windows.map { .string($0) })])
        case .presaleCodeInvalid:
            self.init(.forbidden, "PRESALE_CODE_INVALID", "The presale code is not valid for an open presale window")
        case .queueRequired:
            self.init(.forbidden, "QUEUE_REQUIRED", "This event's waiting room is on: join the queue and send your admission token in X-Queue-Token")
        case .queueTokenExpired:
            self.init(.forbidden, "QUEUE_TOKEN_EXPIRED", "Your admission session has ended; join the queue again")
        case let .queueTokenInvalid(reason):
            self.init(.forbidden, "QUEUE_TOKEN_INVALID", "The queue token is not valid: \(reason)")
        case let .queueNotOpen(opensAt):
            self.init(.forbidden, "QUEUE_NOT_OPEN", "The waiting room opens at \(ISO8601.format(opensAt))",
                      details: ["opens_at": .string(ISO8601.format(opensAt))])
        case .queueDisabled:
            self.init(.conflict, "QUEUE_DISABLED", "This event has no waiting room; reserve directly")
        case let .invalid(field, reason):
            self.init(.unprocessableContent, "VALIDATION_ERROR", "\(field) \(reason)", details: ["field": .string(field)])
        case .webhookNotFound: self.init(.notFound, "WEBHOOK_NOT_FOUND", "No such webhook")
        case .deliveryNotFound: self.init(.notFound, "DELIVERY_NOT_FOUND", "No such delivery of this webhook")
        case let .webhookURLForbidden(reason):
            self.init(.unprocessableContent, "WEBHOOK_URL_FORBIDDEN", "Webhooks may not reach private, loopback or link-local addresses: \(reason)")
        case .webhookDisabled:
            self.init(.conflict, "WEBHOOK_DISABLED", "The webhook is disabled (its receiver answered 410 Gone); register it again")
        case .emailTaken: self.init(.conflict, "EMAIL_TAKEN", "An account with this email already exists")
        case .invalidCredentials: self.init(.unauthorized, "INVALID_CREDENTIALS", "Email or password is wrong")
        case .forbidden: self.init(.forbidden, "FORBIDDEN", "Your account may not do this")
        }
    }
}
