import Foundation

/// What an account may do. Customers buy; organizers create events; scanners check
/// tickets in at the door; admins may do everything.
package enum Role: String, Codable, Sendable, CaseIterable {
    case customer, organizer, scanner, admin

    /// May create and manage events.
    package var canOrganize: Bool { self == .organizer || self == .admin }
}

/// An account.
package struct User: Sendable, Equatable {
    package var id: UUID
    package var email: String
    package var name: String
    package var passwordHash: String
    package var role: Role
    package var createdAt: Date
    /// For door staff: the organizer they scan for (only that organizer's events); nil
    /// for house staff an admin made, who scan at any event.
    package var organizerID: UUID?
    /// When the account was switched off: it can no longer sign in or check anyone in.
    package var disabledAt: Date?

    package init(id: UUID = .random(), email: String, name: String, passwordHash: String, role: Role, createdAt: Date,
                 organizerID: UUID? = nil, disabledAt: Date? = nil) {
        self.id = id
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.role = role
        self.createdAt = createdAt
        self.organizerID = organizerID
        self.disabledAt = disabledAt
    }
}

/// Where an event takes place.
package struct Venue: Sendable, Equatable, Codable {
    package var name: String
    package var city: String
    /// The venue's IANA time zone ("Europe/Berlin"): tickets, emails and calendar files
    /// show the event's time as the clock on the venue's wall reads it.
    package var timeZone: String

    package init(name: String, city: String, timeZone: String = Venue.defaultTimeZone) {
        self.name = name
        self.city = city
        self.timeZone = timeZone
    }

    package static let defaultTimeZone = "UTC"

    /// The venue's zone (UTC if the stored name is unknown to this machine).
    package var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")! }
}

/// How a section sells: individual numbered seats, or a quantity of standing places.
package enum SectionKind: String, Codable, Sendable {
    case seated
    case generalAdmission = "general_admission"
}

/// One row of a seated section as an organizer describes it.
package struct RowPlan: Sendable, Equatable, Codable {
    package var label: String
    package var seats: Int

    package init(label: String, seats: Int) {
        self.label = label
        self.seats = seats
    }
}

/// A priced part of a venue: seated (rows of seats) or general admission (a capacity).
package struct Section: Sendable, Equatable {
    package var id: UUID
    package var eventID: UUID
    package var name: String
    package var kind: SectionKind
    package var priceCents: Int
    /// Seats in a seated section; places in a GA section.
    package var capacity: Int
    /// The display order within the event.
    package var position: Int

    package init(id: UUID = .random(), eventID: UUID, name: String, kind: SectionKind, priceCents: Int, capacity: Int, position: Int) {
        self.id = id
        self.eventID = eventID
        self.name = name
        self.kind = kind
        self.priceCents = priceCents
        self.capacity = capacity
        self.position = position
    }
}

/// The status of one numbered seat. `HELD` with a past `held_until` counts as
/// available (lazy expiry).
package enum SeatStatus: String, Codable, Sendable, CaseIterable {
    case available = "AVAILABLE"
    case held = "HELD"
    case sold = "SOLD"
    case blocked = "BLOCKED"
}

/// A numbered seat and its static facts.
package struct Seat: Sendable, Equatable {
    package var id: UUID
    package var sectionID: UUID
    package var row: String
    package var number: Int
    package var priceCents: Int

    package init(id: UUID, sectionID: UUID, row: String, number: Int, priceCents: Int) {
        self.id = id
        self.sectionID = sectionID
        self.row = row
        self.number = number
        self.priceCents = priceCents
    }

    /// How the seat is printed on a ticket: row label then number, e.g. "A1".
    package var label: String { "\(row)\(number)" }
}

/// An event on sale.
package struct Event: Sendable, Equatable {
    package var id: UUID
    package var organizerID: UUID
    package var title: String
    package var artist: String
    package var category: String
    package var venue: Venue
    package var startsAt: Date
    package var saleStartsAt: Date?
    package var holdDurationMinutes: Int
    package var maxTicketsPerUser: Int
    package var createdAt: Date
    package var sections: [Section]
    /// The virtual waiting room; nil when the event never had one.
    package var queue: QueueSettings?
    /// Presale and general on-sale windows, in the organizer's order.
    package var presales: [PresaleWindow]
    /// The ISO 4217 code, lower case, every charge and refund of the event is made in.
    package var currency: String
    /// What buyers may refund themselves.
    package var refundPolicy: RefundPolicy
    /// When the organizer cancelled the event (nothing more is sold; every order is refunded).
    package var cancelledAt: Date?
    package var cancellationReason: String?

    package init(
        id: UUID = .random(), organizerID: UUID, title: String, artist: String, category: String, venue: Venue,
        startsAt: Date, saleStartsAt: Date?, holdDurationMinutes: Int, maxTicketsPerUser: Int, createdAt: Date,
        sections: [Section], queue: QueueSettings? = nil, presales: [PresaleWindow] = [], currency: String = Event.defaultCurrency,
        refundPolicy: RefundPolicy = .none, cancelledAt: Date? = nil, cancellationReason: String? = nil
    ) {
        self.id = id
        self.organizerID = organizerID
        self.title = title
        self.artist = artist
        self.category = category
        self.venue = venue
        self.startsAt = startsAt
        self.saleStartsAt = saleStartsAt
        self.holdDurationMinutes = holdDurationMinutes
        self.maxTicketsPerUser = maxTicketsPerUser
        self.createdAt = createdAt
        self.sections = sections
        self.queue = queue
        self.presales = presales
        self.currency = currency
        self.refundPolicy = refundPolicy
        self.cancelledAt = cancelledAt
        self.cancellationReason = cancellationReason
    }

    package var isCancelled: Bool { cancelledAt != nil }

    package static let defaultCurrency = "usd"

    package func section(_ id: UUID) -> Section? { sections.first { $0.id == id } }

    /// Who may reserve when.
    package var saleAccess: SaleAccess { SaleAccess(saleStartsAt: saleStartsAt, presales: presales) }

    /// The waiting room, if it is switched on.
    package var activeQueue: QueueSettings? { queue.flatMap { $0.enabled ? $0 : nil } }
}

/// The life of a reservation: HELD -> PAYMENT_PENDING -> CONFIRMED, or HELD ->
/// EXPIRED / CANCELLED. A decline moves PAYMENT_PENDING to CANCELLED.
package enum ReservationStatus: String, Codable, Sendable {
    case held = "HELD"
    case paymentPending = "PAYMENT_PENDING"
    case confirmed = "CONFIRMED"
    case expired = "EXPIRED"
    case cancelled = "CANCELLED"
}

/// One place a reservation holds: a numbered seat, or one unit of a GA section.
package struct ReservedSeat: Sendable, Equatable {
    package var seatID: UUID
    package var sectionID: UUID
    package var row: String
    package var number: Int
    package var priceCents: Int

    package init(seatID: UUID, sectionID: UUID, row: String, number: Int, priceCents: Int) {
        self.seatID = seatID
        self.sectionID = sectionID
        self.row = row
        self.number = number
        self.priceCents = priceCents
    }

    package init(_ seat: Seat) {
        self.init(seatID: seat.id, sectionID: seat.sectionID, row: seat.row, number: seat.number, priceCents: seat.priceCents)
    }

    package var label: String { "\(row)\(number)" }
}

/// A buyer's claim on seats (or a GA quantity) of one event.
package struct Reservation: Sendable, Equatable {
    package var id: UUID
    package var userID: UUID
    package var eventID: UUID
    /// The seats held; empty for a GA reservation.
    package var seats: [ReservedSeat]
    /// Set for a GA reservation.
    package var gaSectionID: UUID?
    /// Number of tickets this reservation is for (seats.count, or the GA quantity).
    package var quantity: Int
    package var status: ReservationStatus
    package var totalPriceCents: Int
    package var heldUntil: Date
    package var createdAt: Date
    package var confirmedAt: Date?
    package var paymentID: String?
    package var idempotencyKey: String?
    package var requestHash: String?
    /// The `X-Idempotency-Key` of the confirm that started the payment, if it sent one:
    /// the same confirm sent again gets the first one's answer.
    package var confirmKey: String?
    /// The payment method the payment was started with.
    package var paymentMethodID: String?

    package init(
        id: UUID = .random(), userID: UUID, eventID: UUID, seats: [ReservedSeat], gaSectionID: UUID?, quantity: Int,
        status: ReservationStatus, totalPriceCents: Int, heldUntil: Date, createdAt: Date, confirmedAt: Date? = nil,
        paymentID: String? = nil, idempotencyKey: String? = nil, requestHash: String? = nil, confirmKey: String? = nil,
        paymentMethodID: String? = nil
    ) {
        self.id = id
        self.userID = userID
        self.eventID = eventID
        self.seats = seats
        self.gaSectionID = gaSectionID
        self.quantity = quantity
        self.status = status
        self.totalPriceCents = totalPriceCents
        self.heldUntil = heldUntil
        self.createdAt = createdAt
        self.confirmedAt = confirmedAt
        self.paymentID = paymentID
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
        self.confirmKey = confirmKey
        self.paymentMethodID = paymentMethodID
    }

    /// A HELD reservation whose time ran out, whether or not the sweeper has seen it.
    package func isLapsed(at now: Date) -> Bool { status == .held && heldUntil <= now }

    /// Whether this reservation still claims its places at `now`.
    package func isLive(at now: Date) -> Bool {
        switch status {
        case .held: heldUntil > now
        case .paymentPending, .confirmed: true
        case .expired, .cancelled: false
        }
    }
}

/// The status of an issued ticket.
package enum TicketStatus: String, Codable, Sendable {
    case active = "ACTIVE"
    case used = "USED"
    case cancelled = "CANCELLED"
    case transferred = "TRANSFERRED"
    /// Its price went back to the buyer: void at the door.
    case refunded = "REFUNDED"
}

/// A ticket issued for one place of a confirmed reservation.
package struct Ticket: Sendable, Equatable {
    package var id: UUID
    package var reservationID: UUID
    package var eventID: UUID
    package var sectionID: UUID
    /// Nil for general admission.
    package var seatID: UUID?
    /// "A1" for a seat, the section name for GA.
    package var seatLabel: String
    package var ownerID: UUID
    package var holderName: String
    package var status: TicketStatus
    package var qrCode: String
    package var issuedAt: Date
    /// When and by which staff account the ticket was first scanned in.
    package var usedAt: Date?
    package var usedBy: UUID?

    package init(
        id: UUID, reservationID: UUID, eventID: UUID, sectionID: UUID, seatID: UUID?, seatLabel: String,
        ownerID: UUID, holderName: String, status: TicketStatus, qrCode: String, issuedAt: Date,
        usedAt: Date? = nil, usedBy: UUID? = nil
    ) {
        self.id = id
        self.reservationID = reservationID
        self.eventID = eventID
        self.sectionID = sectionID
        self.seatID = seatID
        self.seatLabel = seatLabel
        self.ownerID = ownerID
        self.holderName = holderName
        self.status = status
        self.qrCode = qrCode
        self.issuedAt = issuedAt
        self.usedAt = usedAt
        self.usedBy = usedBy
    }
}

extension UUID {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The lower-case text form used in storage and in the API. Written directly from the
    /// bytes: `uuidString` goes through `snprintf`, and every hold formats a dozen ids.
    package var text: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var index = 0
                for (position, byte) in bytes.enumerated() {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        out[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    out[index] = Self.hexDigits[Int(byte >> 4)]
                    out[index + 1] = Self.hexDigits[Int(byte & 0x0F)]
                    index += 2
                }
                return index
            }
        }
    }
}

extension UUID {
    /// A version 7 UUID: the current Unix time in milliseconds, then random bits. Ids made
    /// in time order land at the end of their index instead of on a random page, so a
    /// group commit of many new reservations or tickets writes a few index pages, not one each.
    package static func timeOrdered(at date: Date = Date()) -> UUID {
        var uuid = random().uuid
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        withUnsafeMutableBytes(of: &uuid) { bytes in
            for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index))) }
            bytes[6] = 0x70 | (bytes[6] & 0x0F)
            bytes[8] = 0x80 | (bytes[8] & 0x3F)
        }
        return UUID(uuid: uuid)
    }

    /// A version 4 UUID from the system's random source (`getrandom`). Foundation's `UUID()`
    /// opens, reads and closes `/dev/urandom` for every id on Linux, which cost more than a
    /// hold's SQL.
    package static func random() -> UUID {
        var generator = SystemRandomNumberGenerator()
        var uuid = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).uuid
        withUnsafeMutableBytes(of: &uuid) { bytes in
            bytes.storeBytes(of: generator.next() as UInt64, toByteOffset: 0, as: UInt64.self)
            bytes.storeBytes(of: generator.next() as UInt64, toByteOffset: 8, as: UInt64.self)
            bytes[6] = 0x40 | (bytes[6] & 0x0F)
            bytes[8] = 0x80 | (bytes[8] & 0x3F)
        }
        return UUID(uuid: uuid)
    }

    /// Parses the 36-character text form (either case), as `UUID(uuidString:)` does, without
    /// its `sscanf`: ids in requests, rows and tokens are parsed on every hold.
    package init?(text: String) {
        guard let uuid = Self.parse(text.utf8) else { return nil }
        self.init(uuid: uuid)
    }

    package init?(text: Substring) {
        guard let uuid = Self.parse(text.utf8) else { return nil }
        self.init(uuid: uuid)
    }

    private static func parse<Chars: Collection<UInt8>>(_ chars: Chars) -> uuid_t? {
        var uuid = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).uuid
        let parsed = chars.withContiguousStorageIfAvailable { parse($0, into: &uuid) }
            ?? Array(chars).withUnsafeBufferPointer { parse($0, into: &uuid) }
        return parsed ? uuid : nil
    }

    private static func parse(_ chars: UnsafeBufferPointer<UInt8>, into uuid: inout uuid_t) -> Bool {
        guard chars.count == 36 else { return false }
        func nibble(_ char: UInt8) -> UInt8? {
            switch char {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): char &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): char &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): char &- UInt8(ascii: "A") &+ 10
            default: nil
            }
        }
        return withUnsafeMutableBytes(of: &uuid) { bytes in
            var index = 0
            for position in 0..<16 {
                if position == 4 || position == 6 || position == 8 || position == 10 {
                    guard chars[index] == UInt8(ascii: "-") else { return false }
                    index += 1
                }
                guard let high = nibble(chars[index]), let low = nibble(chars[index + 1]) else { return false }
                bytes[position] = high << 4 | low
                index += 2
            }
            return true
        }
    }
}

extension UUID {
    /// The 16 bytes, in order.
    var bytes: [UInt8] {
        withUnsafeBytes(of: uuid) { Array($0) }
    }

    init(bytes: some Collection<UInt8>) {
        let b = Array(bytes)
        self.init(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }
}
