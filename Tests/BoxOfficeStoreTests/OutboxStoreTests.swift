import BoxOfficeCore
import BoxOfficeStore
import BoxOfficeTestSupport
import Foundation
import Testing

/// The outbox through the ports, the same on both engines: every change writes its message
/// in its own transaction, a change that fails writes none, and webhooks' deliveries keep
/// their order.
@Suite struct OutboxStoreTests {
    typealias Fixture = StoreConformanceTests.Fixture

    @Test(arguments: Engine.available)
    func everyChangeWritesOneMessageWithItAndAFailedOneWritesNone(_ engine: Engine) async throws {
        let fixture = try await Fixture.make(engine)
        let store = fixture.store
        let (event, seats) = try await fixture.event(seats: 4, ga: 10)
        let floor = try #require(event.sections.first { $0.kind == .generalAdmission })
        let (ana, ben, door) = (try await fixture.user(), try await fixture.user(), try await fixture.user(.scanner))

        guard case let .created(seated) = try await store.hold(fixture.hold(.seats([seats[0].id, seats[1].id]), by: ana, in: event)),
              case let .created(standing) = try await store.hold(fixture.hold(.generalAdmission(sectionID: floor.id, quantity: 2), by: ben, in: event))
        else { Issue.record("both holds are made"); return }
        // Refused, and failed as a whole: neither writes a message.
        await #expect(throws: BookingError.seatsUnavailable([seats[1].id])) {
            try await store.hold(fixture.hold(.seats([seats[1].id]), by: ben, in: event))
        }
        fixture.harness.hooks.failNextHoldBatchForTesting()
        await #expect(throws: (any Error).self) { try await store.hold(fixture.hold(.seats([seats[2].id]), by: ben, in: event)) }

        _ = try #require(try await store.release(reservationID: standing.id, as: .cancelled, now: fixture.now))
        _ = try await store.beginPayment(reservationID: seated.id, paymentMethodID: "pm_card_visa", confirmKey: nil, now: fixture.now)
        let tickets = seats[0...1].map { seat in
            Ticket(id: .timeOrdered(), reservationID: seated.id, eventID: event.id, sectionID: seat.sectionID, seatID: seat.id,
                   seatLabel: seat.label, ownerID: ana.id, holderName: ana.name, status: .active, qrCode: "BO1.test", issuedAt: fixture.now)
        }
        _ = try await store.confirm(reservationID: seated.id, paymentID: "pay_1", tickets: tickets, now: fixture.now)
        #expect(try await store.checkIn(ticketID: tickets[0].id, scannerID: door.id, at: fixture.now)?.marked == true)
        #expect(try await store.checkIn(ticketID: tickets[0].id, scannerID: door.id, at: fixture.now)?.marked == false)
        let refund = Refund(reservationID: seated.id, eventID: event.id, ticketIDs: [tickets[1].id], amountCents: 5_000, feeCents: 0,
                            currency: "usd", requestedBy: ana.id, createdAt: fixture.now)
        _ = try await store.recordRefund(refund, returnToSale: true, now: fixture.now)
        _ = try await store.finishRefund(id: refund.id, status: .succeeded, providerRefundID: "re_1", failureMessage: nil, now: fixture.now)
        _ = try await store.finishRefund(id: refund.id, status: .succeeded, providerRefundID: "re_1", failureMessage: nil, now: fixture.now)
        guard case let .created(lapsing) = try await store.hold(fixture.hold(.seats([seats[3].id]), by: ben, in: event, for: 1))
        else { Issue.record("held"); return }
        fixture.harness.clock.advance(by: 61)
        _ = try #require(try await store.release(reservationID: lapsing.id, as: .expired, now: fixture.now))
        var changed = event
        changed.maxTicketsPerUser = 6
        #expect(try await store.updateEventRules(changed, replacing: event, at: fixture.now))
        #expect(try await store.cancelEvent(eventID: event.id, reason: "storm", at: fixture.now))
        #expect(try await store.cancelEvent(eventID: event.id, reason: "storm", at: fixture.now) == false)

        let messages = try await store.outboxMessages(eventID: event.id)
        #expect(messages.map(\.entry.type) == [
            .reservationHeld, .reservationHeld, .reservationCancelled, .orderConfirmed, .ticketCheckedIn,
            .refundCreated, .ticketVoided, .refundSucceeded, .reservationHeld, .reservationExpired, .eventUpdated, .eventCancelled,
        ])
        #expect(Set(messages.map(\.entry.id)).count == messages.count, "every row has its own id")
        #expect(messages.map(\.sequence) == messages.map(\.sequence).sorted(), "kept in the order the changes were made")
        #expect(messages[0].entry.subjectIDs == [seated.id] && messages[0].entry.data == nil, "a hold's row names its reservation")
        #expect(messages[8].entry.subjectIDs == [lapsing.id])

        let order = try json(messages[3].entry.data)["order"] as? [String: Any]
        #expect(order?["reservation_id"] as? String == seated.id.text)
        #expect(order?["currency"] as? String == "usd")
        #expect((order?["tickets"] as? [[String: Any]])?.compactMap { $0["ticket_id"] as? String } == tickets.map(\.id.text))
        let voided = try json(messages[6].entry.data)
        #expect((voided["ticket"] as? [String: Any])?["status"] as? String == "REFUNDED")
        #expect(voided["refund_id"] as? String == refund.id.text)
        #expect(((try json(messages[10].entry.data))["event"] as? [String: Any])?["max_tickets_per_user"] as? Int == 6)
        #expect(((try json(messages[11].entry.data))["event"] as? [String: Any])?["cancellation_reason"] as? String == "storm")

        // The batch that failed wrote nothing; the GA batch's refused guesses (PostgreSQL) are not listed.
        let pending = try await store.undispatchedMessages(limit: 100).filter { $0.entry.eventID == event.id }
        #expect(Set(messages.map(\.entry.id)).isSubset(of: Set(pending.map(\.entry.id))))
        #expect(try await store.outboxBacklog().count == pending.count)
        try await store.markDispatched(pending)
        #expect(try await store.undispatchedMessages(limit: 100).filter { $0.entry.eventID == event.id }.isEmpty)
        #expect(try await store.pruneOutbox(before: messages[0].entry.createdAt) == 0, "nothing is old enough yet")
        #expect(try await store.pruneOutbox(before: fixture.now.addingTimeInterval(3_600)) >= messages.count)
        #expect(try await store.outboxMessages(eventID: event.id).isEmpty)
    }

    @Test(arguments: Engine.available)
    func deliveriesAreAddedOnceKeptInOrderAndRecorded(_ engine: Engine) async throws {
        let fixture = try await Fixture.make(engine)
        let store = fixture.store
        let organizer = try await fixture.user(.organizer)
        let hook = Webhook(ownerID: organizer.id, url: "http://127.0.0.1:9/hook", events: ["*"], eventID: nil,
                           secret: Webhook.makeSecret(), createdAt: fixture.now)
        try await store.createWebhook(hook)
        #expect(try await store.webhooks(ownerID: organizer.id).map(\.id) == [hook.id])
        #expect(try await store.webhooks(ownerID: UUID.random()).isEmpty)

        let (first, second) = (UUID.random(), UUID.random())
        func delivery(_ message: UUID, event: UUID) -> WebhookDelivery {
            WebhookDelivery(webhookID: hook.id, messageID: message, type: .orderConfirmed, eventID: event, body: "{}",
                            nextAttemptAt: fixture.now, createdAt: fixture.now)
        }
        let messages = (0..<4).map { _ in UUID.random() }
        try await store.addDeliveries([delivery(messages[0], event: first), delivery(messages[1], event: second), delivery(messages[2], event: first)])
        // Dispatched again after a crash: nothing is added twice.
        try await store.addDeliveries([delivery(messages[0], event: first), delivery(messages[3], event: first)])
        let pending = try await store.pendingDeliveries(webhookID: hook.id, skipping: [], limit: 10)
        #expect(pending.map(\.messageID) == [messages[0], messages[1], messages[2], messages[3]])
        #expect(try await store.pendingDeliveries(webhookID: hook.id, skipping: [first], limit: 10).map(\.messageID) == [messages[1]])

        let attempt = DeliveryAttempt(deliveryID: pending[0].id, attemptedAt: fixture.now, statusCode: 503, durationMilliseconds: 7,
                                      error: "the receiver answered 503")
        try await store.recordDeliveryResults([
            DeliveryResult(attempt: attempt, status: .pending, nextAttemptAt: fixture.now.addingTimeInterval(10)),
            DeliveryResult(attempt: DeliveryAttempt(deliveryID: pending[1].id, attemptedAt: fixture.now, statusCode: 200,
                                                    durationMilliseconds: 3, error: nil), status: .delivered, nextAttemptAt: nil),
        ])
        let retried = try #require(try await store.delivery(id: pending[0].id))
        #expect(retried.status == .pending && retried.attempts == 1 && retried.lastStatusCode == 503)
        #expect(retried.nextAttemptAt.epochMilliseconds == fixture.now.addingTimeInterval(10).epochMilliseconds)
        #expect(try await store.deliveryAttempts(deliveryID: pending[0].id) == [attempt])
        let delivered = try #require(try await store.delivery(id: pending[1].id))
        #expect(delivered.status == .delivered && delivered.deliveredAt != nil && delivered.lastError == nil)
        #expect(try await store.deliveryBacklog().count == 3)

        let page = try await store.deliveries(webhookID: hook.id, before: nil, limit: 2)
        #expect(page.map(\.messageID) == [messages[3], messages[2]], "newest first")
        #expect(try await store.deliveries(webhookID: hook.id, before: page.last!.sequence, limit: 5).map(\.messageID) == [messages[1], messages[0]])
        #expect(try await store.redeliver(deliveryID: pending[1].id, at: fixture.now)?.status == .pending)

        try await store.disableWebhook(id: hook.id, reason: "gone", at: fixture.now)
        #expect(try await store.webhook(id: hook.id)?.disabledAt != nil)
        #expect(try await store.deliveryBacklog().count == 0, "a disabled webhook's deliveries are no backlog")
        #expect(try await store.deleteWebhook(id: hook.id))
        #expect(try await store.deleteWebhook(id: hook.id) == false)
        #expect(try await store.delivery(id: pending[0].id) == nil, "a webhook's deliveries go with it")
    }

    @Test(arguments: Engine.available)
    func oneHolderAtATimeHoldsTheLease(_ engine: Engine) async throws {
        let fixture = try await Fixture.make(engine)
        let store = fixture.store
        let now = Date()
        #expect(try await store.claimLease("dispatch", holder: "a", until: now.addingTimeInterval(15), now: now))
        #expect(try await store.claimLease("dispatch", holder: "b", until: now.addingTimeInterval(15), now: now) == false)
        #expect(try await store.claimLease("dispatch", holder: "a", until: now.addingTimeInterval(30), now: now), "the holder renews")
        #expect(try await store.claimLease("dispatch", holder: "b", until: now.addingTimeInterval(60), now: now.addingTimeInterval(31)),
                "a lapsed lease is taken over")
    }

    private func json(_ text: String?) throws -> [String: Any] {
        let bytes = Data(try #require(text).utf8)
        return try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
    }
}
