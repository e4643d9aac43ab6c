import Foundation

/// One committed change to an event's places, as every node's seat map applies it: what a
/// node tells the others (PostgreSQL's NOTIFY, sent with the commit) so they apply the
/// change itself instead of reloading the map.
package enum InventoryChange: Sendable, Equatable {
    /// A hold was made: its seats, or its GA section and quantity, until `heldUntil`.
    case held(reservation: UUID, heldUntil: Date, seats: [UUID], generalAdmission: GAPlaces?)
    /// Payment started: the hold no longer lapses.
    case paying(reservation: UUID, seats: [UUID], generalAdmission: GAPlaces?)
    case confirmed(reservation: UUID, seats: [UUID], generalAdmission: GAPlaces?)
    /// Cancelled or lapsed and released: whatever it still held is free.
    case released(reservation: UUID, seats: [UUID], generalAdmission: GAPlaces?)
    /// Refunded tickets' places back on sale (`id` is the refund's).
    case refunded(refund: UUID, reservation: UUID, seats: [UUID], generalAdmission: GAPlaces?)

    package struct GAPlaces: Sendable, Equatable {
        package var sectionID: UUID
        package var quantity: Int
        /// The section's sold count once the change committed, for a change to it (a
        /// confirm or a refund): a map sets its count to this rather than adding, so
        /// applying it twice, or after a reload that already counted it, is harmless.
        package var soldAfter: Int?

        package init(sectionID: UUID, quantity: Int, soldAfter: Int? = nil) {
            self.sectionID = sectionID
            self.quantity = quantity
            self.soldAfter = soldAfter
        }
    }

    /// A hold command's change, as if it were made.
    package static func held(_ command: HoldCommand) -> InventoryChange {
        switch command.selection {
        case let .seats(seats): .held(reservation: command.reservationID, heldUntil: command.heldUntil, seats: seats, generalAdmission: nil)
        case let .generalAdmission(sectionID, quantity):
            .held(reservation: command.reservationID, heldUntil: command.heldUntil, seats: [],
                  generalAdmission: GAPlaces(sectionID: sectionID, quantity: quantity))
        }
    }

    /// What a reservation's write changed, for the notice.
    package static func held(_ reservation: Reservation) -> InventoryChange {
        .held(reservation: reservation.id, heldUntil: reservation.heldUntil, seats: reservation.seats.map(\.seatID),
              generalAdmission: GAPlaces(reservation))
    }

    package static func paying(_ reservation: Reservation) -> InventoryChange {
        .paying(reservation: reservation.id, seats: reservation.seats.map(\.seatID), generalAdmission: GAPlaces(reservation))
    }

    /// A confirm's change; `soldAfter` is a GA section's sold count once it committed.
    package static func confirmed(_ reservation: Reservation, soldAfter: Int? = nil) -> InventoryChange {
        var places = GAPlaces(reservation)
        places?.soldAfter = soldAfter
        return .confirmed(reservation: reservation.id, seats: reservation.seats.map(\.seatID), generalAdmission: places)
    }

    package static func released(_ reservation: Reservation) -> InventoryChange {
        .released(reservation: reservation.id, seats: reservation.seats.map(\.seatID), generalAdmission: GAPlaces(reservation))
    }
}

extension InventoryChange.GAPlaces {
    init?(_ reservation: Reservation) {
        guard let sectionID = reservation.gaSectionID else { return nil }
        self.init(sectionID: sectionID, quantity: reservation.quantity)
    }
}

/// The text of change notices: `v2|<node>|<event id>|<entry>;<entry>...`, each entry
/// `<kind>,<id>,<held until ms>,<GA section>,<quantity>,<seat ids separated by spaces>`
/// (kind H held, P paying, C confirmed, R released, F refunded, whose id is the refund's
/// and which adds the reservation's id as a seventh field). A change to a GA section's
/// sold count (C, F) adds the count once it committed as the last field (C's seventh,
/// F's eighth): a count cannot be added twice safely, but it can be set twice. An entry
/// `!` says "reload the event": its change did not fit in a notice, the event itself
/// changed, or a GA sold count changed without its new figure (an older node's notice).
/// PostgreSQL limits a notice to 8,000 bytes: a transaction's entries are sent in as
/// many notices as they need, in order.
///
/// Every node applies every notice, its own included, in the order PostgreSQL delivers
/// them (commit order): a node's own writes are applied to its map at once, ahead of the
/// stream, and the stream then brings the map to exactly what was committed, whichever
/// order nodes' writes to the same seats were applied in.
package enum InventoryNotice {
    package static let version = "v2"
    /// The largest notice sent, under PostgreSQL's 8,000-byte limit.
    package static let maxBytes = 7_900

    /// What a notice says.
    package enum Content: Sendable, Equatable {
        case changes(eventID: UUID, [InventoryChange])
        /// Reload the event's map (from an older node, an entry too big, or an event change).
        case reload(eventID: UUID)
        /// Every map reloads: a notice that names no event, or notices may have been missed
        /// (the listener reconnected).
        case reloadAll
    }

    package static func prefix(node: String, eventID: UUID) -> String { "\(version)|\(node)|\(eventID.text)|" }

    package static let reloadEntry = "!"

    /// The entry for a change: a change to a GA section's sold count (a confirm or a refund
    /// of GA places) carries the count it left; without it, it is sent as a reload.
    package static func entry(_ change: InventoryChange) -> String {
        func places(_ seats: [UUID], _ ga: InventoryChange.GAPlaces?) -> String {
            (ga.map { "\($0.sectionID.text),\($0.quantity)" } ?? ",0") + "," + seats.map(\.text).joined(separator: " ")
        }
        /// The sold count's field: none for seats; a GA change without its figure is a reload.
        func sold(_ ga: InventoryChange.GAPlaces?) -> String { ga?.soldAfter.map { ",\($0)" } ?? "" }
        switch change {
        case let .held(reservation, heldUntil, seats, ga): return "H,\(reservation.text),\(heldUntil.epochMilliseconds)," + places(seats, ga)
        case let .paying(reservation, seats, ga): return "P,\(reservation.text),," + places(seats, ga)
        case let .confirmed(reservation, seats, ga):
            if let ga, ga.soldAfter == nil { return reloadEntry }
            return "C,\(reservation.text),," + places(seats, ga) + sold(ga)
        case let .released(reservation, seats, ga): return "R,\(reservation.text),," + places(seats, ga)
        case let .refunded(refund, reservation, seats, ga):
            if let ga, ga.soldAfter == nil { return reloadEntry }
            return "F,\(refund.text),," + places(seats, ga) + ",\(reservation.text)" + sold(ga)
        }
    }

    /// The notices for a list of entries, as `boxoffice_notify` splits them (for tests and
    /// for stores that send from Swift).
    package static func payloads(node: String, eventID: UUID, entries: [String]) -> [String] {
        let prefix = prefix(node: node, eventID: eventID)
        var payloads: [String] = []
        var current = ""
        for var entry in entries {
            if prefix.utf8.count + entry.utf8.count > maxBytes { entry = reloadEntry }
            if !current.isEmpty, prefix.utf8.count + current.utf8.count + 1 + entry.utf8.count > maxBytes {
                payloads.append(prefix + current)
                current = ""
            }
            current = current.isEmpty ? entry : current + ";" + entry
        }
        if !current.isEmpty { payloads.append(prefix + current) }
        return payloads
    }

    /// Reads a notice: who sent it and what it says. Anything it cannot read in full is a
    /// reload of the event it names.
    package static func parse(_ payload: String) -> (node: String, content: Content) {
        let parts = payload.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == version[...], let eventID = UUID(text: String(parts[2])) else {
            // An older node's notice is "<node>:<event id>".
            let old = payload.split(separator: ":", maxSplits: 1)
            if old.count == 2, let eventID = UUID(text: String(old[1])) { return (String(old[0]), .reload(eventID: eventID)) }
            return ("", .reloadAll)
        }
        let node = String(parts[1])
        var changes: [InventoryChange] = []
        for entry in parts[3].split(separator: ";", omittingEmptySubsequences: false) {
            guard let change = parseEntry(entry) else { return (node, .reload(eventID: eventID)) }
            changes.append(change)
        }
        return (node, .changes(eventID: eventID, changes))
    }

    private static func parseEntry(_ entry: Substring) -> InventoryChange? {
        let fields = entry.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count >= 6, let id = UUID(text: String(fields[1])), let quantity = Int(fields[4]) else { return nil }
        var seats: [UUID] = []
        for text in fields[5].split(separator: " ") {
            guard let seat = UUID(text: String(text)) else { return nil }
            seats.append(seat)
        }
        var ga: InventoryChange.GAPlaces?
        if !fields[3].isEmpty {
            guard let section = UUID(text: String(fields[3])) else { return nil }
            ga = .init(sectionID: section, quantity: quantity)
        }
        /// A GA sold count's new figure, required where the entry changes one.
        func withSold(at index: Int) -> InventoryChange.GAPlaces?? {
            guard var places = ga else { return fields.count == index ? .some(nil) : nil }
            guard fields.count == index + 1, let sold = Int(fields[index]) else { return nil }
            places.soldAfter = sold
            return .some(places)
        }
        switch fields[0] {
        case "H":
            guard let until = Int64(fields[2]) else { return nil }
            return .held(reservation: id, heldUntil: Date(epochMilliseconds: until), seats: seats, generalAdmission: ga)
        case "P": return .paying(reservation: id, seats: seats, generalAdmission: ga)
        case "C":
            guard let places = withSold(at: 6) else { return nil }
            return .confirmed(reservation: id, seats: seats, generalAdmission: places)
        case "R": return .released(reservation: id, seats: seats, generalAdmission: ga)
        case "F":
            guard fields.count >= 7, let reservation = UUID(text: String(fields[6])), let places = withSold(at: 7) else { return nil }
            return .refunded(refund: id, reservation: reservation, seats: seats, generalAdmission: places)
        default: return nil
        }
    }
}
