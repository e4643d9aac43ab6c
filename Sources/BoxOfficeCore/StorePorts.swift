import Foundation

// The persistence ports, one per use. Every method is one transaction; every booking
// write is a conditional update that commits only if the inventory it claims is still
// free, so correctness never depends on memory held by a node. Each engine conforms to
// all of them (`Store`); each service is handed only the ports it uses.

/// Accounts: signing up, signing in, and an organizer's door staff.
package protocol AccountStore: Sendable {
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
}

/// Named settings the whole deployment shares (signing-key id, JWT secret).
package protocol SettingsStore: Sendable {
    /// A named setting.
    func setting(_ name: String) async throws -> String?
    /// Stores a setting, replacing any value.
    func setSetting(_ name: String, value: String) async throws
    /// Stores a setting unless it is already set; returns the value now stored.
    func setSettingIfAbsent(_ name: String, value: String) async throws -> String
}

/// The catalogue: making, changing and browsing events.
package protocol CatalogStore: Sendable {
    /// Marks the event cancelled (once: a second call changes nothing); true if this call did.
    func cancelEvent(eventID: UUID, reason: String?, at: Date) async throws -> Bool
    /// Persists an event with its sections and seats in one transaction.
    func createEvent(_ event: Event, seats: [Seat]) async throws
    /// The event with its sections.
    func event(id: UUID) async throws -> Event?
    /// A page of events matching the query, ordered by start time then id.
    func events(matching query: EventQuery) async throws -> [Event]
    /// The number of events (used to seed demo data into an empty database only).
    func eventCount() async throws -> Int
    /// Saves an event's organizer-editable rules (sale start, hold length, per-buyer
    /// limit, queue and presale windows) and tells other nodes, but only if the stored
    /// rules are still `previous`'s (a compare-and-set, so two nodes changing one event
    /// never lose a change). False if someone changed them meanwhile; nothing is written then.
    func updateEventRules(_ event: Event, replacing previous: Event, at now: Date) async throws -> Bool
}

/// Booking: holding places, paying for them and letting them go, as an event's desk does.
package protocol BookingStore: Sendable {
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
    /// the charge runs, recording the provider's id for the payment (`paymentID`) before
    /// it is charged. Throws `holdExpired` or `invalidState`.
    func beginPayment(reservationID: UUID, paymentMethodID: String, paymentID: String?, confirmKey: String?, now: Date) async throws -> Reservation
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
    /// Binds a single-use presale code to the first account that uses it; true if the
    /// code is (now) this account's.
    func claimPresaleCode(eventID: UUID, code: String, userID: UUID, at: Date) async throws -> Bool
}

/// Tickets as their holders and the pages read them.
package protocol TicketStore: Sendable {
    /// The tickets an account owns, newest first.
    func tickets(ownerID: UUID) async throws -> [Ticket]
    /// The ticket with this id.
    func ticket(id: UUID) async throws -> Ticket?
    /// The tickets of one reservation.
    func tickets(reservationID: UUID) async throws -> [Ticket]
}

/// Refunds: money going back for tickets, and the tickets' places going back on sale.
package protocol RefundStore: Sendable {
    /// Records `refund` (PENDING) in one transaction with marking its tickets REFUNDED
    /// and, when `returnToSale`, putting their seats back AVAILABLE and their GA places
    /// back in stock. All or nothing: if any ticket is not an ACTIVE ticket of the
    /// reservation, throws `ticketNotRefundable` with those tickets and changes nothing.
    /// A refund of the reservation with the same idempotency key is returned instead,
    /// changing nothing.
    func recordRefund(_ refund: Refund, returnToSale: Bool, now: Date) async throws -> RefundRecording
    /// The refund with this id.
    func refund(id: UUID) async throws -> Refund?
    /// A reservation's refunds, oldest first.
    func refunds(reservationID: UUID) async throws -> [Refund]
    /// An event's refunds, oldest first.
    func refunds(eventID: UUID) async throws -> [Refund]
    /// Records the provider's answer to a refund (one more attempt).
    func finishRefund(id: UUID, status: RefundStatus, providerRefundID: String?, failureMessage: String?, now: Date) async throws -> Refund?
    /// Refunds not yet SUCCEEDED whose last change was before `updatedBefore`, oldest first.
    func unsettledRefunds(updatedBefore: Date, limit: Int) async throws -> [Refund]
    /// Cancelled events that still have CONFIRMED reservations with ACTIVE tickets, and
    /// up to `limit` of those reservations each.
    func ordersToRefund(limit: Int) async throws -> [(eventID: UUID, reservationIDs: [UUID])]
}

/// The door: checking tickets in, and what an offline scanner syncs.
package protocol DoorStore: Sendable {
    /// The event's tickets changed after `since` (all of them when nil), oldest change first.
    func ticketChanges(eventID: UUID, since: Date?) async throws -> [Ticket]
    /// Marks an ACTIVE ticket USED, exactly once however many scanners race: returns the
    /// ticket as it now is and whether this call was the one that marked it. A scan of a
    /// USED ticket made earlier than the recorded one (uploaded late by an offline door)
    /// becomes the recorded first scan.
    func checkIn(ticketID: UUID, scannerID: UUID, at: Date) async throws -> (ticket: Ticket, marked: Bool)?
}

/// The virtual waiting room.
package protocol QueueStore: Sendable {
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
}

/// The outbox: the messages every change writes in its own transaction, as the
/// dispatcher reads them.
package protocol OutboxStore: Sendable {
    /// Messages not yet dispatched, in the store's order (per engine; a sharded store
    /// answers each shard's in its order).
    func undispatchedMessages(limit: Int) async throws -> [OutboxMessage]
    /// Marks messages dispatched (their deliveries are recorded).
    func markDispatched(_ messages: [OutboxMessage]) async throws
    /// Deletes dispatched messages made before `before`; returns how many.
    func pruneOutbox(before: Date) async throws -> Int
    /// How many messages wait to be dispatched, and when the oldest of them was made.
    func outboxBacklog() async throws -> (count: Int, oldest: Date?)
    /// An event's messages in order (dispatched or not), for tests and support.
    func outboxMessages(eventID: UUID) async throws -> [OutboxMessage]
    /// Takes or renews a named lease for `holder` until `until`, if it is free, lapsed
    /// (before `now`) or already `holder`'s: one node runs the dispatcher at a time.
    func claimLease(_ name: String, holder: String, until: Date, now: Date) async throws -> Bool
}

/// Webhooks and their deliveries (the directory's, on a sharded store).
package protocol WebhookStore: Sendable {
    func createWebhook(_ webhook: Webhook) async throws
    /// An owner's webhooks (every webhook when nil), oldest first.
    func webhooks(ownerID: UUID?) async throws -> [Webhook]
    func webhook(id: UUID) async throws -> Webhook?
    /// Deletes the webhook and its deliveries; false if there was none.
    func deleteWebhook(id: UUID) async throws -> Bool
    /// Stops deliveries to a webhook (its receiver answered 410 Gone).
    func disableWebhook(id: UUID, reason: String, at: Date) async throws
    /// Records deliveries, in order; one already recorded for the same webhook and
    /// message is skipped (a dispatch repeated after a crash adds nothing).
    func addDeliveries(_ deliveries: [WebhookDelivery]) async throws
    /// A webhook's PENDING deliveries in order, skipping the events in `skipping`, at most `limit`.
    func pendingDeliveries(webhookID: UUID, skipping: Set<UUID>, limit: Int) async throws -> [WebhookDelivery]
    /// Records attempts and the deliveries' new states, in one transaction.
    func recordDeliveryResults(_ results: [DeliveryResult]) async throws
    /// A page of a webhook's deliveries, newest first, after `cursor` (a delivery's sequence).
    func deliveries(webhookID: UUID, before cursor: Int64?, limit: Int) async throws -> [WebhookDelivery]
    func delivery(id: UUID) async throws -> WebhookDelivery?
    /// A delivery's attempts, oldest first.
    func deliveryAttempts(deliveryID: UUID) async throws -> [DeliveryAttempt]
    /// Makes a delivery PENDING and due at `at` again (a redelivery); returns it.
    func redeliver(deliveryID: UUID, at: Date) async throws -> WebhookDelivery?
    /// PENDING deliveries to webhooks still on (a disabled one's wait for nothing), and when the oldest was made.
    func deliveryBacklog() async throws -> (count: Int, oldest: Date?)
    /// Deletes finished (DELIVERED or FAILED) deliveries made before `before`, with their attempts.
    func pruneDeliveries(before: Date) async throws -> Int
}

/// What nodes change: how a node keeps its in-memory seat maps current.
package protocol InventoryFeed: Sendable {
    /// The inventory changes every node commits (this one's included), in commit order.
    /// Empty (and finished) for an engine only one node can use.
    func inventoryChanges() -> AsyncStream<InventoryFeedItem>
}

/// One change notice, and whether this node sent it.
package struct InventoryFeedItem: Sendable, Equatable {
    package var content: InventoryNotice.Content
    package var isOwn: Bool

    package init(content: InventoryNotice.Content, isOwn: Bool) {
        self.content = content
        self.isOwn = isOwn
    }
}

/// Operating the store: readiness and the audit.
package protocol OperationsStore: Sendable {
    /// Succeeds if the database answers (readiness).
    func ping() async throws
    /// The event's inventory, confirmed reservations and tickets, for the audit.
    func auditRecord(eventID: UUID) async throws -> AuditRecord?
}

/// A whole engine: every port. Only the composition root (and the engines' own tests)
/// hold one; services receive the ports they use.
package typealias Store = AccountStore & SettingsStore & CatalogStore & BookingStore & TicketStore & DoorStore & QueueStore
    & RefundStore & OutboxStore & WebhookStore & MailStore
    & InventoryFeed & OperationsStore

extension BookingStore {
    package func holdBatch(taking take: @Sendable () -> [HoldCommand]) async throws -> [Result<HoldOutcome, BookingError>] {
        let commands = take()
        return commands.isEmpty ? [] : try await holdBatch(commands)
    }

    package var holdPipelineDepth: Int { 1 }

    /// Holds seats or GA places atomically on their own; throws `BookingError` when refused.
    package func hold(_ command: HoldCommand) async throws -> HoldOutcome {
        try await holdBatch([command])[0].get()
    }
}

extension QueueStore {
    /// One transaction per join, for stores without a batch of their own.
    package func joinQueue(batch joins: [QueueJoin]) async throws -> [(entry: QueueEntry, counts: QueueCounts)] {
        var answers: [(entry: QueueEntry, counts: QueueCounts)] = []
        for join in joins { answers.append(try await joinQueue(join)) }
        return answers
    }
}

extension BookingStore {
    /// A payment begun before its provider's id is known (the settler prepares it).
    package func beginPayment(reservationID: UUID, paymentMethodID: String, confirmKey: String?, now: Date) async throws -> Reservation {
        try await beginPayment(reservationID: reservationID, paymentMethodID: paymentMethodID, paymentID: nil, confirmKey: confirmKey, now: now)
    }
}
