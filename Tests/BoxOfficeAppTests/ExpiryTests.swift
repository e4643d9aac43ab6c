import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Testing

/// Holds lapse on the injected clock: lazily at reserve time, tidied by the sweeper.
@Suite struct ExpiryTests {
    @Test(arguments: Engine.available) func aLapsedHoldNeverBlocksTheNextBuyerEvenBeforeTheSweeperRuns(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let first = try await harness.account()
        let second = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let seats = Array(try await client.seatIDs(event: eventID).prefix(2))
            let held = try await client.hold(seats, event: eventID, token: first.token)
            let reservationID = try #require(held.string("reservation_id"))
            harness.clock.advance(by: 9 * 60 + 59)
            #expect(try await client.hold(seats, event: eventID, token: second.token).status == .conflict)
            harness.clock.advance(by: 1)
            #expect(try await client.seatIDs(event: eventID, status: "AVAILABLE").count == 20)
            #expect(try await client.hold(seats, event: eventID, token: second.token).status == .created)
            let late = try await client.confirm(reservationID, token: first.token)
            #expect(late.status == .gone)
            #expect(late.error == "HOLD_EXPIRED")
            let cancel = try await client.call(.delete, "/api/v1/reservations/\(reservationID)", token: first.token)
            #expect(cancel.status == .gone)
            #expect(try await client.seatIDs(event: eventID, status: "HELD").count == 2, "the late buyer's cancel frees nothing")
        }
    }

    @Test(arguments: Engine.available) func holdDurationComesFromTheRequestWithinLimits(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let seats = try await client.seatIDs(event: eventID)
            let short = try await client.call(.post, "/api/v1/reservations", token: buyer.token,
                                              body: ["event_id": eventID, "seat_ids": [seats[0]], "hold_duration_minutes": 2])
            #expect(short.status == .created)
            #expect(short.string("held_until") == ISO8601DateFormatter().string(from: harness.clock.now().addingTimeInterval(120)))
            let tooLong = try await client.call(.post, "/api/v1/reservations", token: buyer.token,
                                                body: ["event_id": eventID, "seat_ids": [seats[1]], "hold_duration_minutes": 16])
            #expect(tooLong.status == .unprocessableContent)
        }
    }

    @Test(arguments: Engine.available) func sweeperExpiresLapsedHoldsAndReturnsGAStock(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token, gaCapacity: 10)
            let eventID = try #require(event.string("event_id"))
            let floor = try #require(sectionID(event, kind: "general_admission"))
            let seats = try await client.seatIDs(event: eventID)
            let ga = try #require(try await client.holdGA(4, section: floor, event: eventID, token: buyer.token).string("reservation_id"))
            let seated = try #require(try await client.hold([seats[0]], event: eventID, token: buyer.token).string("reservation_id"))
            #expect(try await harness.system.booking.expireLapsedHolds() == 0)
            harness.clock.advance(by: 10 * 60)
            #expect(try await harness.system.booking.expireLapsedHolds() == 2)
            #expect(try await harness.system.booking.expireLapsedHolds() == 0, "expiring is idempotent")
            for id in [ga, seated] {
                let reservation = try await client.call(.get, "/api/v1/reservations/\(id)", token: buyer.token)
                #expect(reservation.string("status") == "EXPIRED")
            }
            let record = try #require(try await harness.system.store.inventory(eventID: UUID(uuidString: eventID)!))
            #expect(record.gaHolds.isEmpty)
            #expect(record.seats.allSatisfy { $0.status == .available })
            let detail = try await client.call(.get, "/api/v1/events/\(eventID)")
            #expect(detail.int("total_available") == 30)
        }
    }

    @Test(arguments: Engine.available) func aHoldBeingPaidForDoesNotLapse(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let rival = try await harness.account()
        try await harness.withClient { client in
            let (eventID, seats, reservationID) = try await client.heldSeats(1, organizer: organizer.token, buyer: buyer.token)
            _ = try await harness.system.store.beginPayment(reservationID: UUID(uuidString: reservationID)!, paymentMethodID: "pm_card_visa", confirmKey: nil, now: harness.clock.now())
            harness.clock.advance(by: 60 * 60)
            #expect(try await harness.system.booking.expireLapsedHolds() == 0)
            #expect(try await client.hold(seats, event: eventID, token: rival.token).status == .conflict)
        }
    }

    @Test(arguments: Engine.available) func lapsedGAHoldsFreeTheirPlacesBeforeAndAfterTheSweep(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let first = try await harness.account()
        let second = try await harness.account()
        let third = try await harness.account()
        try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token, seatedRows: [], gaCapacity: 5)
            let eventID = try #require(event.string("event_id"))
            let floor = try #require(sectionID(event, kind: "general_admission"))
            #expect(try await client.holdGA(5, section: floor, event: eventID, token: first.token).status == .created)
            #expect(try await client.holdGA(1, section: floor, event: eventID, token: second.token).error == "INSUFFICIENT_INVENTORY")
            harness.clock.advance(by: 10 * 60)
            let retaken = try await client.holdGA(4, section: floor, event: eventID, token: second.token)
            #expect(retaken.status == .created, "lapsed GA holds count as free before any sweep")
            #expect(try await harness.system.booking.expireLapsedHolds() == 1)
            #expect(try await client.holdGA(1, section: floor, event: eventID, token: third.token).status == .created)
            #expect(try await client.holdGA(1, section: floor, event: eventID, token: third.token).error == "INSUFFICIENT_INVENTORY")
            let paid = try await client.confirm(try #require(retaken.string("reservation_id")), token: second.token)
            #expect(paid.status == .ok)
            let detail = try await client.call(.get, "/api/v1/events/\(eventID)")
            #expect(detail.array("sections").first?["available_count"] as? Int == 0)
            #expect(detail.array("sections").first?["sold_count"] as? Int == 4)
        }
    }
}

/// A confirm racing the hold's expiry ends in exactly one of the two, for every
/// reservation: CONFIRMED with its tickets and one charge, or EXPIRED with neither.
@Suite struct ConfirmExpiryRaceTests {
    @Test(arguments: Engine.available) func aConfirmRacingTheExpiryEndsInExactlyOne(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let event = try await harness.createEvent(seats: 30, maxTicketsPerUser: 30)
        var held: [(Viewer, Reservation)] = []
        for seat in try await harness.availableSeats(event).prefix(20) {
            let buyer = try await harness.viewer()
            held.append((buyer, try await harness.hold([seat], as: buyer, in: event)))
        }
        let lapse = try #require(held.first?.1.heldUntil).timeIntervalSince(harness.clock.now())
        let booking = harness.system.booking
        let clock = harness.clock
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for (buyer, reservation) in held {
                group.addTask {
                    do {
                        _ = try await booking.confirm(reservation.id, for: buyer, paymentMethodID: "pm_card_visa")
                        return true
                    } catch BookingError.holdExpired {
                        return false
                    } catch BookingError.invalidState(.expired) {
                        return false
                    }
                }
            }
            group.addTask {
                clock.advance(by: lapse + 1)
                _ = try await booking.expireLapsedHolds()
                return false
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        _ = try await booking.expireLapsedHolds()
        var confirmed = 0
        for (buyer, reservation) in held {
            let now = try #require(try await harness.system.store.reservation(id: reservation.id))
            let tickets = try await booking.tickets(ofReservation: reservation.id, for: buyer)
            switch now.status {
            case .confirmed:
                confirmed += 1
                #expect(tickets.count == 1)
            case .expired:
                #expect(tickets.isEmpty)
            default:
                Issue.record("reservation ended \(now.status)")
            }
        }
        #expect(confirmed == outcomes.filter { $0 }.count, "every confirm that answered with tickets, and only those")
        let gateway = try #require(harness.system.payments as? TestPaymentGateway)
        #expect(gateway.chargesTaken == confirmed, "one charge per confirmed reservation, none for an expired one")
        let record = try #require(try await harness.system.store.auditRecord(eventID: event.id))
        #expect(InventoryAudit.violations(of: record, publicKeys: harness.system.keyring.publicKeys, now: harness.clock.now()) == [])
    }
}
