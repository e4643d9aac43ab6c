import Foundation

/// What a buyer asks to hold.
package enum HoldSelection: Sendable, Equatable {
    /// These numbered seats, all or none.
    case seats([UUID])
    /// A quantity of places in a general-admission section.
    case generalAdmission(sectionID: UUID, quantity: Int)
}

extension HoldSelection {
    /// The selection cut to one place more than `limit` if it asks for more. The store
    /// refuses both alike, for the per-buyer limit, saying how many places the buyer may
    /// still add (which only the store knows); the cut keeps an absurd request as cheap as
    /// a small one. A buyer's limit is checked before any seat is looked up.
    package func capped(justAbove limit: Int) -> HoldSelection {
        switch self {
        case let .seats(ids) where ids.count > limit + 1: .seats(Array(ids.prefix(limit + 1)))
        case let .generalAdmission(section, quantity) where quantity > limit + 1: .generalAdmission(sectionID: section, quantity: limit + 1)
        default: self
        }
    }
}

/// A hold as the booking service hands it to a store: everything decided, ready to
/// be applied atomically.
package struct HoldCommand: Sendable {
    package var reservationID: UUID
    package var userID: UUID
    package var event: Event
    package var selection: HoldSelection
    package var heldUntil: Date
    package var now: Date
    package var idempotencyKey: String?
    package var requestHash: String?
    /// The presale window the hold is made under, with its own per-buyer limit.
    package var presale: PresaleClaim?

    package init(
        reservationID: UUID = .timeOrdered(), userID: UUID, event: Event, selection: HoldSelection, heldUntil: Date,
        now: Date, idempotencyKey: String?, requestHash: String?, presale: PresaleClaim? = nil
    ) {
        self.reservationID = reservationID
        self.userID = userID
        self.event = event
        self.selection = selection
        self.heldUntil = heldUntil
        self.now = now
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
        self.presale = presale
    }
}

extension HoldCommand {
    /// The requested seats in request order (empty for GA), so refusals list them as asked.
    package var seatOrder: [UUID] {
        if case let .seats(ids) = selection { return ids }
        return []
    }

    /// The GA quantity asked for (0 for seats).
    package var gaQuantity: Int {
        if case let .generalAdmission(_, quantity) = selection { return quantity }
        return 0
    }
}

/// The result of a hold that did not fail.
package enum HoldOutcome: Sendable, Equatable {
    /// A new reservation was committed.
    case created(Reservation)
    /// The idempotency key was seen before with the same request: the original reservation.
    case replayed(Reservation)
}

/// Filters and a page of the event catalogue.
package struct EventQuery: Sendable, Equatable {
    package var text: String?
    package var category: String?
    package var city: String?
    package var artist: String?
    package var from: Date?
    package var to: Date?
    /// Continue after this (starts_at, event id) position.
    package var after: EventCursor?
    package var limit: Int

    package init(text: String? = nil, category: String? = nil, city: String? = nil, artist: String? = nil,
                 from: Date? = nil, to: Date? = nil, after: EventCursor? = nil, limit: Int = 20) {
        self.text = text
        self.category = category
        self.city = city
        self.artist = artist
        self.from = from
        self.to = to
        self.after = after
        self.limit = limit
    }
}

/// A position in the catalogue's order (by start time, then id).
package struct EventCursor: Sendable, Equatable {
    package var startsAt: Date
    package var eventID: UUID

    package init(startsAt: Date, eventID: UUID) {
        self.startsAt = startsAt
        self.eventID = eventID
    }
}

/// One seat's current state as the store records it.
package struct SeatState: Sendable, Equatable {
    package var seat: Seat
    package var status: SeatStatus
    /// The reservation holding the seat, while HELD.
    package var reservationID: UUID?
    /// When the hold lapses; nil while payment is in progress.
    package var heldUntil: Date?

    package init(seat: Seat, status: SeatStatus, reservationID: UUID?, heldUntil: Date?) {
        self.seat = seat
        self.status = status
        self.reservationID = reservationID
        self.heldUntil = heldUntil
    }
}

/// A GA reservation that still claims places (HELD or PAYMENT_PENDING).
package struct GAHold: Sendable, Equatable {
    package var reservationID: UUID
    package var sectionID: UUID
    package var quantity: Int
    /// Nil while payment is in progress (does not lapse).
    package var heldUntil: Date?

    package init(reservationID: UUID, sectionID: UUID, quantity: Int, heldUntil: Date?) {
        self.reservationID = reservationID
        self.sectionID = sectionID
        self.quantity = quantity
        self.heldUntil = heldUntil
    }
}

/// Everything needed to rebuild an event's in-memory seat map.
package struct InventoryRecord: Sendable {
    package var event: Event
    package var seats: [SeatState]
    /// Places sold per GA section.
    package var gaSold: [UUID: Int]
    package var gaHolds: [GAHold]

    package init(event: Event, seats: [SeatState], gaSold: [UUID: Int], gaHolds: [GAHold]) {
        self.event = event
        self.seats = seats
        self.gaSold = gaSold
        self.gaHolds = gaHolds
    }
}

/// The persistence port. Every method is one transaction; every booking write is a
/// conditional update that commits only if the inventory it claims is still free,
/// so correctness never depends on memory held by a node.
package protocol Store: Sendable {
    /// Adds an account; throws `BookingError.emailTaken` if the email is in use.
    func createUser(_ user: User) async throws
    /// The account with this (lower-cased) email.
    func user(email: String) async throws -> User?
    /// The account with this id.
    func user(id: UUID) async throws -> User?
    /// The door staff (scanners) working for `organizerID`, or every scanner when nil; oldest first.
    func scanners(of organizerID: UUID?) async throws -> [User]
    /// Switches an account off; false if there is no such account.
    func disableUser(id: UUID, at: Date) async throws -> Bool

    /// Persists an event with its sections and seats in one transaction.
    func createEvent(_ event: Event, seats: [Seat]) async throws
    /// The event with its sections.
    func event(id: UUID) async throws -> Event?
    /// A page of events matching the query, ordered by start time then id.
    func events(matching query: EventQuery) async throws -> [Event]
    /// The number of events (used to seed demo data into an empty database only).
    func eventCount() async throws -> Int
    /// The event's seats and GA stock as the store sees them now.
    func inventory(eventID: UUID) async throws -> InventoryRecord?

    /// Applies several holds in one transaction (group commit). Each hold is all or
    /// nothing on its own, within the per-user limit, treating lapsed holds as free; a
    /// refused hold gets its `BookingError` and never fails its neighbours. If the
    /// transaction itself fails, this throws and no hold in the batch was made.
    func holdBatch(_ commands: [HoldCommand]) async throws -> [Result<HoldOutcome, BookingError>]
    /// As `holdBatch(_:)`, but the batch is taken (by calling `take`, exactly once) only
    /// when the engine is ready to run it, so holds arriving while an earlier batch is
    /// committing join this one. Returns the outcomes of the commands taken, in order; if
    /// the transaction fails it throws and none of them was made.
    func holdBatch(taking take: @Sendable () -> [HoldCommand]) async throws -> [Result<HoldOutcome, BookingError>]
    /// How many hold batches an event may have waiting or running in the engine at once.
    /// Two keep the writer busy: the next batch is queued while one commits.
    var holdPipelineDepth: Int { get }
    /// The reservation with this id.
    func reservation(id: UUID) async throws -> Reservation?
    /// Moves a HELD, unexpired reservation to PAYMENT_PENDING so it cannot lapse while
    /// the charge runs. Throws `holdExpired` or `invalidState`.
    func beginPayment(reservationID: UUID, paymentMethodID: String, confirmKey: String?, now: Date) async throws -> Reservation
    /// Completes a PAYMENT_PENDING reservation: CONFIRMED, seats SOLD, tickets stored.
    func confirm(reservationID: UUID, paymentID: String, tickets: [Ticket], now: Date) async throws -> Reservation
    /// Ends a HELD or PAYMENT_PENDING reservation as CANCELLED or EXPIRED and frees
    /// whatever of its places it still holds. Returns nil if it was not in such a state
    /// (or, for EXPIRED, if it has not lapsed).
    func release(reservationID: UUID, as status: ReservationStatus, now: Date) async throws -> Reservation?
    /// Lapsed HELD reservations the sweeper should expire, oldest first.
    func lapsedReservations(now: Date, limit: Int) async throws -> [(reservationID: UUID, eventID: UUID)]
    /// PAYMENT_PENDING reservations whose payment began before `startedBefore` (a confirm
    /// that never finished: a crash, or a provider that did not answer), oldest first,
    /// with the payment method the charge was made with.
    func unsettledPayments(startedBefore: Date, limit: Int) async throws -> [(reservationID: UUID, paymentMethodID: String)]

    /// The tickets an account owns, newest first.
    func tickets(ownerID: UUID) async throws -> [Ticket]
    /// The ticket with this id.
    func ticket(id: UUID) async throws -> Ticket?
    /// The tickets of one reservation.
    func tickets(reservationID: UUID) async throws -> [Ticket]

    /// The event's inventory, confirmed reservations and tickets, for the audit.
    func auditRecord(eventID: UUID) async throws -> AuditRecord?

    /// Events whose inventory another node changed, as they are committed. Empty (and
    /// finished) for an engine only one node can use.
    func inventoryChanges() -> AsyncStream<UUID>

    /// Succeeds if the database answers (readiness).
    func ping() async throws

    /// The event's tickets changed after `since` (all of them when nil), oldest change first.
    func ticketChanges(eventID: UUID, since: Date?) async throws -> [Ticket]

    /// Marks an ACTIVE ticket USED, exactly once however many scanners race: returns the
    /// ticket as it now is and whether this call was the one that marked it. A scan of a
    /// USED ticket made earlier than the recorded one (uploaded late by an offline door)
    /// becomes the recorded first scan.
    func checkIn(ticketID: UUID, scannerID: UUID, at: Date) async throws -> (ticket: Ticket, marked: Bool)?

    /// Saves an event's organizer-editable rules (sale start, hold length, per-buyer
    /// limit, queue and presale windows) and tells other nodes, but only if the stored
    /// rules are still `previous`'s (a compare-and-set, so two nodes changing one event
    /// never lose a change). False if someone changed them meanwhile; nothing is written then.
    func updateEventRules(_ event: Event, replacing previous: Event) async throws -> Bool

    /// Gives the buyer a place in the event's queue, or returns the place they have. A
    /// joiner before `drawBoundary` gets a random draw; the first join after it draws the
    /// early joiners into positions 1...n; later joiners, and buyers whose session ended
    /// (position at or below `expiredThrough`), take the next position at the back.
    func joinQueue(_ join: QueueJoin) async throws -> (entry: QueueEntry, counts: QueueCounts)
    /// Several joins of one event in one transaction, in order (a buyer twice in the batch
    /// gets one place); one answer per join.
    func joinQueue(batch joins: [QueueJoin]) async throws -> [(entry: QueueEntry, counts: QueueCounts)]
    /// The event's queue rules and counts, for a node's once-a-second refresh.
    func queueState(eventID: UUID) async throws -> (queue: QueueSettings?, counts: QueueCounts)?
    /// Draws the early joiners into their final positions if nobody has yet.
    func sealQueue(eventID: UUID) async throws -> QueueCounts
    /// The early joiners' draws, ascending: position n is the n-th draw once sealed.
    func earlyDraws(eventID: UUID) async throws -> [Int64]
    /// Binds a single-use presale code to the first account that uses it; true if the
    /// code is (now) this account's.
    func claimPresaleCode(eventID: UUID, code: String, userID: UUID, at: Date) async throws -> Bool

    /// A named setting (signing-key id, JWT secret).
    func setting(_ name: String) async throws -> String?
    /// Stores a setting, replacing any value.
    func setSetting(_ name: String, value: String) async throws
    /// Stores a setting unless it is already set; returns the value now stored.
    func setSettingIfAbsent(_ name: String, value: String) async throws -> String
}

extension Store {
    package func holdBatch(taking take: @Sendable () -> [HoldCommand]) async throws -> [Result<HoldOutcome, BookingError>] {
        let commands = take()
        return commands.isEmpty ? [] : try await holdBatch(commands)
    }

    package var holdPipelineDepth: Int { 1 }

    /// One transaction per join, for stores without a batch of their own.
    package func joinQueue(batch joins: [QueueJoin]) async throws -> [(entry: QueueEntry, counts: QueueCounts)] {
        var answers: [(entry: QueueEntry, counts: QueueCounts)] = []
        for join in joins { answers.append(try await joinQueue(join)) }
        return answers
    }

    /// Holds seats or GA places atomically on their own; throws `BookingError` when refused.
    package func hold(_ command: HoldCommand) async throws -> HoldOutcome {
        try await holdBatch([command])[0].get()
    }
}
