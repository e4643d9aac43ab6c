import Foundation

/// Which seats (by index) and sections writes changed.
struct SeatMapChanges: Sendable {
    var seats = Set<Int>()
    var sections = Set<UUID>()
}

/// An event's seats and GA stock, kept in memory and updated by every committed write
/// for the event, so reading the seat map never touches the store.
///
/// Lapsed holds are shown as available at read time (lazy expiry), exactly as the
/// store's conditional updates treat them.
package struct SeatMapSnapshot: Sendable {
    package private(set) var event: Event
    package private(set) var seats: [SeatState]
    private var seatIndex: [UUID: Int]
    private var gaSold: [UUID: Int]
    private var gaHolds: [UUID: GAHold]
    /// Refunds of GA places this map has counted (from this node's write or the change
    /// stream, whichever came first), so the other one does not count them again.
    private var gaRefundsCounted = Set<UUID>()
    /// Bumped by every applied write.
    package private(set) var version: Int
    package private(set) var lastUpdated: Date
    /// What writes changed since the last `takeChanges()`, recorded only while the map is
    /// watched live (`watchChanges()`), so an unwatched map's writes pay nothing for it.
    private var changes: SeatMapChanges?
    /// Whether the write being applied changed anything (a write this node already applied
    /// from the change stream changes nothing, and makes no new version).
    private var dirty = false

    /// `version` continues from the previous copy's when a map is reloaded, so an ETag
    /// never names two different contents.
    package init(_ record: InventoryRecord, loadedAt: Date, version: Int = 0) {
        event = record.event
        seats = record.seats
        seatIndex = Dictionary(uniqueKeysWithValues: record.seats.enumerated().map { ($1.seat.id, $0) })
        gaSold = record.gaSold
        gaHolds = Dictionary(uniqueKeysWithValues: record.gaHolds.map { ($0.reservationID, $0) })
        self.version = version
        lastUpdated = loadedAt
    }

    // MARK: Writes, applied after the store committed them

    /// A reservation was created.
    package mutating func applyHeld(_ reservation: Reservation, at now: Date) {
        if let sectionID = reservation.gaSectionID {
            gaHolds[reservation.id] = GAHold(reservationID: reservation.id, sectionID: sectionID,
                                             quantity: reservation.quantity, heldUntil: reservation.heldUntil)
        } else {
            for line in reservation.seats {
                update(line.seatID) { $0.status = .held; $0.reservationID = reservation.id; $0.heldUntil = reservation.heldUntil }
            }
        }
        touchSection(reservation.gaSectionID)
        touch(now)
    }

    /// Payment started: the hold no longer lapses.
    package mutating func applyPaymentStarted(_ reservation: Reservation, at now: Date) {
        if reservation.gaSectionID != nil {
            if gaHolds[reservation.id]?.heldUntil != nil {
                gaHolds[reservation.id]!.heldUntil = nil
                dirty = true
            }
        } else {
            for line in reservation.seats {
                update(line.seatID) { if $0.reservationID == reservation.id { $0.heldUntil = nil } }
            }
        }
        touch(now)
    }

    /// Payment succeeded: the places are sold. A GA hold's places are counted sold only if
    /// this map still has the hold: the change stream may have brought the sale first (it
    /// removed the hold and set the count), or will bring the hold and the sale later.
    package mutating func applyConfirmed(_ reservation: Reservation, at now: Date) {
        if let sectionID = reservation.gaSectionID {
            if gaHolds.removeValue(forKey: reservation.id) != nil {
                gaSold[sectionID, default: 0] += reservation.quantity
                touchSection(sectionID)
            }
        } else {
            for line in reservation.seats {
                update(line.seatID) { $0.status = .sold; $0.reservationID = reservation.id; $0.heldUntil = nil }
            }
        }
        touch(now)
    }

    /// The reservation ended without a sale: whatever it still holds is free again.
    package mutating func applyReleased(_ reservation: Reservation, at now: Date) {
        if reservation.gaSectionID != nil {
            gaHolds[reservation.id] = nil
            touchSection(reservation.gaSectionID)
        } else {
            for line in reservation.seats {
                update(line.seatID) { Self.free(&$0, if: .held, by: reservation.id) }
            }
        }
        touch(now)
    }

    /// Refunded tickets' places are back on sale (GA places once per refund, whether the
    /// change stream or this call brings it first).
    package mutating func applyRefunded(_ refundID: UUID, seats: [UUID], generalAdmission: (sectionID: UUID, quantity: Int)?, at now: Date) {
        for seatID in seats {
            update(seatID) { state in
                guard state.status == .sold else { return }
                state.status = .available
                state.reservationID = nil
                state.heldUntil = nil
            }
        }
        if let generalAdmission, gaRefundsCounted.insert(refundID).inserted {
            gaSold[generalAdmission.sectionID, default: 0] -= generalAdmission.quantity
            touchSection(generalAdmission.sectionID)
        }
        touch(now)
    }

    // MARK: Changes committed anywhere (`InventoryNotice`)

    /// Applies a change from the change stream, which brings every node the committed
    /// changes in commit order, its own included. The stream is the truth: a seat a later
    /// reservation already holds (this node applied its own write ahead of the stream) is
    /// left alone, and what the stream sets is what was committed. Returns whether the map
    /// changed (applying what a node applied itself already changes nothing).
    @discardableResult
    package mutating func apply(_ change: InventoryChange, at now: Date) -> Bool {
        dirty = false
        switch change {
        case let .held(reservation, heldUntil, seatIDs, ga):
            for seatID in seatIDs {
                update(seatID) { state in
                    // Free, or a lapsed hold (which the hold replaced): now this reservation's.
                    let free = state.status == .available || (state.status == .held && state.reservationID != reservation
                        && (state.heldUntil.map { $0 <= now } ?? false))
                    guard free else { return }
                    state.status = .held
                    state.reservationID = reservation
                    state.heldUntil = heldUntil
                }
            }
            if let ga, gaHolds[reservation] == nil {
                gaHolds[reservation] = GAHold(reservationID: reservation, sectionID: ga.sectionID, quantity: ga.quantity, heldUntil: heldUntil)
                touchSection(ga.sectionID)
            }
        case let .paying(reservation, seatIDs, _):
            for seatID in seatIDs {
                update(seatID) { state in
                    if state.reservationID == reservation && state.status == .held { state.heldUntil = nil }
                }
            }
            if gaHolds[reservation]?.heldUntil != nil {
                gaHolds[reservation]!.heldUntil = nil
                dirty = true
            }
        case let .confirmed(reservation, seatIDs, ga):
            if let ga {
                // The hold became places sold: the hold goes (if this map still has it) and
                // the count is what the commit left, so applying this twice changes nothing.
                if gaHolds.removeValue(forKey: reservation) != nil { touchSection(ga.sectionID) }
                if let sold = ga.soldAfter { setSold(sold, in: ga.sectionID) }
            }
            for seatID in seatIDs {
                update(seatID) { state in
                    let lapsed = state.status == .held && (state.heldUntil.map { $0 <= now } ?? false)
                    guard state.reservationID == reservation || state.status == .available || lapsed else { return }
                    state.status = .sold
                    state.reservationID = reservation
                    state.heldUntil = nil
                }
            }
        case let .released(reservation, seatIDs, ga):
            for seatID in seatIDs {
                update(seatID) { Self.free(&$0, if: .held, by: reservation) }
            }
            if ga != nil, let hold = gaHolds.removeValue(forKey: reservation) { touchSection(hold.sectionID) }
        case let .refunded(refund, reservation, seatIDs, ga):
            for seatID in seatIDs {
                update(seatID) { Self.free(&$0, if: .sold, by: reservation) }
            }
            if let ga, let sold = ga.soldAfter {
                gaRefundsCounted.insert(refund)
                setSold(sold, in: ga.sectionID)
            }
        }
        let changed = dirty
        touch(now)
        return changed
    }

    /// A GA section's sold count as a commit left it.
    private mutating func setSold(_ sold: Int, in sectionID: UUID) {
        guard gaSold[sectionID, default: 0] != sold else { return }
        gaSold[sectionID] = sold
        touchSection(sectionID)
    }

    /// Puts a seat back on sale if `reservation` still has it with `status`.
    private static func free(_ state: inout SeatState, if status: SeatStatus, by reservation: UUID) {
        guard state.status == status, state.reservationID == reservation else { return }
        state.status = .available
        state.reservationID = nil
        state.heldUntil = nil
    }

    private mutating func update(_ seatID: UUID, _ change: (inout SeatState) -> Void) {
        guard let index = seatIndex[seatID] else { return }
        let before = (seats[index].status, seats[index].reservationID, seats[index].heldUntil)
        change(&seats[index])
        guard (seats[index].status, seats[index].reservationID, seats[index].heldUntil) != before else { return }
        dirty = true
        changes?.seats.insert(index)
        changes?.sections.insert(seats[index].seat.sectionID)
    }

    /// A GA section's holds or sold count changed.
    private mutating func touchSection(_ sectionID: UUID?) {
        guard let sectionID else { return }
        dirty = true
        changes?.sections.insert(sectionID)
    }

    // MARK: Live changes

    /// Starts recording which seats and sections writes change, for `takeChanges()`.
    package mutating func watchChanges() {
        if changes == nil { changes = SeatMapChanges() }
    }

    /// Stops recording changes.
    package mutating func unwatchChanges() {
        changes = nil
    }

    /// Whether changes are being recorded (false for a freshly loaded map).
    package var isWatched: Bool { changes != nil }

    /// The seats and sections changed since the last call, with the seats' states now, and
    /// starts a new record. Also the seats and GA sections whose holds lapsed in
    /// `(lapsedAfter, now]`, which a reader sees change with no write (lazy expiry).
    package mutating func takeChanges(lapsedAfter: Date?, now: Date) -> (seats: [SeatState], sections: Set<UUID>) {
        var recorded = changes ?? SeatMapChanges()
        changes = changes.map { _ in SeatMapChanges() }
        if let lapsedAfter {
            for (index, state) in seats.enumerated() where state.status == .held {
                if let until = state.heldUntil, until > lapsedAfter, until <= now {
                    recorded.seats.insert(index)
                    recorded.sections.insert(state.seat.sectionID)
                }
            }
            for hold in gaHolds.values {
                if let until = hold.heldUntil, until > lapsedAfter, until <= now { recorded.sections.insert(hold.sectionID) }
            }
        }
        return (recorded.seats.sorted().map { seats[$0] }, recorded.sections)
    }

    /// Ends a write: a new version if it changed anything.
    private mutating func touch(_ now: Date) {
        guard dirty else { return }
        dirty = false
        version += 1
        lastUpdated = now
    }

    // MARK: Reads

    /// The status a buyer sees: a lapsed hold is available.
    package static func visibleStatus(_ state: SeatState, at now: Date) -> SeatStatus {
        if state.status == .held, let until = state.heldUntil, until <= now { return .available }
        return state.status
    }

    /// Places a buyer could hold now in a section.
    package func available(in section: Section, at now: Date) -> Int {
        switch section.kind {
        case .generalAdmission:
            let held = gaHolds.values.reduce(0) { total, hold in
                guard hold.sectionID == section.id else { return total }
                if let until = hold.heldUntil, until <= now { return total }
                return total + hold.quantity
            }
            return max(0, section.capacity - (gaSold[section.id] ?? 0) - held)
        case .seated:
            return seats.reduce(0) { total, state in
                state.seat.sectionID == section.id && Self.visibleStatus(state, at: now) == .available ? total + 1 : total
            }
        }
    }

    /// Available places per section id.
    package func availability(at now: Date) -> [UUID: Int] {
        var counts: [UUID: Int] = [:]
        for section in event.sections where section.kind == .generalAdmission {
            counts[section.id] = available(in: section, at: now)
        }
        for state in seats where Self.visibleStatus(state, at: now) == .available {
            counts[state.seat.sectionID, default: 0] += 1
        }
        return counts
    }

    /// Reservations that still claim places at `now` (unlapsed holds and payments in progress).
    package func liveHoldCount(at now: Date) -> Int {
        var reservations = Set<UUID>()
        for state in seats where state.status == .held {
            if let id = state.reservationID, (state.heldUntil ?? .distantFuture) > now { reservations.insert(id) }
        }
        return reservations.count + gaHolds.values.filter { ($0.heldUntil ?? .distantFuture) > now }.count
    }

    /// Places sold per section (seats SOLD, or GA sold count).
    package func sold(in section: Section) -> Int {
        switch section.kind {
        case .generalAdmission: gaSold[section.id] ?? 0
        case .seated: seats.reduce(0) { $1.seat.sectionID == section.id && $1.status == .sold ? $0 + 1 : $0 }
        }
    }

    /// Places held in a section at `now` (unlapsed holds and payments in progress).
    package func held(in section: Section, at now: Date) -> Int {
        switch section.kind {
        case .generalAdmission:
            gaHolds.values.reduce(0) { total, hold in
                hold.sectionID == section.id && (hold.heldUntil ?? .distantFuture) > now ? total + hold.quantity : total
            }
        case .seated:
            seats.reduce(0) { $1.seat.sectionID == section.id && Self.visibleStatus($1, at: now) == .held ? $0 + 1 : $0 }
        }
    }

    /// The next instant after `now` at which a hold lapses (which changes what readers
    /// see without a write), or nil if none will.
    package func nextLapse(after now: Date) -> Date? {
        var next: Date?
        for state in seats where state.status == .held {
            if let until = state.heldUntil, until > now, until < (next ?? .distantFuture) { next = until }
        }
        for hold in gaHolds.values {
            if let until = hold.heldUntil, until > now, until < (next ?? .distantFuture) { next = until }
        }
        return next
    }

    /// Identifies what a reader sees: the version, plus the next instant at which a hold
    /// lapses (from `nextLapse(after:)`), since a lapse changes the view without a write.
    package func etag(nextLapse: Date?) -> String {
        "\"\(event.id.text)-\(version)-\(nextLapse.map { String($0.epochMilliseconds) } ?? "none")\""
    }
}
