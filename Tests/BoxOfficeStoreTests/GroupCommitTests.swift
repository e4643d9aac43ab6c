import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeStore
import BoxOfficeTestSupport
import Foundation
import Testing

/// Holds are committed in groups; each keeps its own all-or-nothing outcome.
@Suite struct GroupCommitTests {
    func fixture(_ engine: Engine) async throws -> (TestHarness, Event, [UUID], [UUID]) {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let (event, seats) = try EventDraft(
            title: "Batch", artist: "B", category: "c", venue: Venue(name: "v", city: "c"),
            startsAt: harness.clock.now().addingTimeInterval(86_400),
            sections: [SectionDraft(name: "S", kind: .seated, priceCents: 100, rows: [RowPlan(label: "A", seats: 10)]),
                       SectionDraft(name: "GA", kind: .generalAdmission, priceCents: 50, capacity: 3)])
            .validated(organizerID: organizer.id, now: harness.clock.now())
        try await harness.system.store.createEvent(event, seats: seats)
        var buyers: [UUID] = []
        for _ in 0..<4 { buyers.append(try await harness.account().id) }
        return (harness, event, seats.map(\.id), buyers)
    }

    func command(_ selection: HoldSelection, _ buyer: UUID, _ event: Event, _ harness: TestHarness) -> HoldCommand {
        HoldCommand(userID: buyer, event: event, selection: selection, heldUntil: harness.clock.now().addingTimeInterval(600),
                    now: harness.clock.now(), idempotencyKey: nil, requestHash: nil)
    }

    /// Holds are not serialised with seat-map reloads: a hold that commits while the map
    /// is being reloaded must still show in the reloaded map.
    @Test(arguments: Engine.available) func holdsCommittedWhileTheMapReloadsStayOnTheMap(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyers = try await harness.buyers(20)
        // Three rounds: each is a race, and one round may miss the window.
        for _ in 0..<3 { try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token, gaCapacity: 100).string("event_id"))
            let event = try #require(UUID(uuidString: eventID))
            let seats = try await client.seatIDs(event: eventID)
            #expect(seats.count == 20)
            let reloading = Task {
                while !Task.isCancelled {
                    await harness.system.desks[event].invalidate()
                    _ = try? await client.seatIDs(event: eventID)
                }
            }
            let held = try await withThrowingTaskGroup(of: String?.self) { group in
                for (buyer, seat) in zip(buyers, seats) {
                    group.addTask { try await client.hold([seat], event: eventID, token: buyer.token).status == .created ? seat : nil }
                }
                return try await group.reduce(into: Set<String>()) { if let seat = $1 { $0.insert(seat) } }
            }
            reloading.cancel()
            _ = await reloading.result
            #expect(held.count == 20)
            // The desk's map as it stands, not reloaded, against what was committed.
            #expect(Set(try await client.seatIDs(event: eventID, status: "HELD")) == held)
            await harness.system.desks[event].invalidate()
            #expect(Set(try await client.seatIDs(event: eventID, status: "HELD")) == held)
        } }
    }

    /// Confirms and cancels of one event run side by side, while the map keeps being
    /// dropped and reloaded; afterwards the desk's map, as it stands and reloaded, shows
    /// exactly what the store holds (a sale counted twice or a freed seat left held would show).
    @Test(arguments: Engine.available) func confirmsAndCancelsSideBySideKeepTheMapExact(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyers = try await harness.buyers(20)
        // Three rounds: each is a race, and one round may miss the window.
        for _ in 0..<3 { try await harness.withClient { client in
            let created = try await client.createEvent(token: organizer.token, gaCapacity: 100)
            let eventID = try #require(created.string("event_id"))
            let event = try #require(UUID(uuidString: eventID))
            let floor = try #require(sectionID(created, kind: "general_admission"))
            let seats = try await client.seatIDs(event: eventID)
            var reservations: [(token: String, id: String)] = []
            for (index, buyer) in buyers.enumerated() {
                reservations.append((buyer.token, try #require(try await client.hold([seats[index]], event: eventID, token: buyer.token)
                    .string("reservation_id"))))
                reservations.append((buyer.token, try #require(try await client.holdGA(2, section: floor, event: eventID, token: buyer.token)
                    .string("reservation_id"))))
            }
            let reloading = Task {
                while !Task.isCancelled {
                    await harness.system.desks[event].invalidate()
                    _ = try? await client.seatIDs(event: eventID)
                }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, reservation) in reservations.enumerated() {
                    group.addTask {
                        if index % 3 == 0 {
                            let cancelled = try await client.call(.delete, "/api/v1/reservations/\(reservation.id)", token: reservation.token)
                            #expect(cancelled.status == .ok)
                        } else {
                            #expect(try await client.confirm(reservation.id, token: reservation.token).status == .ok)
                        }
                    }
                }
                try await group.waitForAll()
            }
            reloading.cancel()
            _ = await reloading.result
            let now = harness.clock.now()
            func expectMapMatchesStore(_ when: String) async throws {
                let map = try await harness.system.booking.seatMap(eventID: event)
                let stored = SeatMapSnapshot(try #require(try await harness.system.store.inventory(eventID: event)), loadedAt: now)
                #expect(map.availability(at: now) == stored.availability(at: now), "\(when)")
                #expect(map.seats.map(\.status) == stored.seats.map(\.status), "\(when)")
            }
            try await expectMapMatchesStore("as it stands")
            await harness.system.desks[event].invalidate()
            try await expectMapMatchesStore("reloaded")
            let available = try await harness.system.booking.seatMap(eventID: event).availability(at: now)
            #expect(available[UUID(uuidString: floor)!] == 100 - 2 * 13, "13 of the 20 GA holds were confirmed")
        } }
    }

    @Test(arguments: Engine.available) func aRefusedHoldInABatchNeverFailsItsNeighbours(_ engine: Engine) async throws {
        let (harness, event, seats, buyers) = try await fixture(engine)
        let ga = event.sections[1].id
        let results = try await harness.system.store.holdBatch([
            command(.seats([seats[0], seats[1]]), buyers[0], event, harness),
            command(.seats([seats[1], seats[2]]), buyers[1], event, harness),
            command(.generalAdmission(sectionID: ga, quantity: 2), buyers[2], event, harness),
            command(.generalAdmission(sectionID: ga, quantity: 2), buyers[3], event, harness),
            command(.seats([seats[2], seats[3]]), buyers[3], event, harness),
        ])
        #expect((try? results[0].get()) != nil)
        #expect(throws: BookingError.seatsUnavailable([seats[1]])) { try results[1].get() }
        #expect((try? results[2].get()) != nil)
        #expect(throws: BookingError.insufficientInventory(available: 1)) { try results[3].get() }
        #expect((try? results[4].get()) != nil, "seat 2 was freed when the second hold rolled back alone")
        let record = try #require(try await harness.system.store.inventory(eventID: event.id))
        #expect(Set(record.seats.filter { $0.status == .held }.map(\.seat.id)) == Set([seats[0], seats[1], seats[2], seats[3]]))
        #expect(record.gaHolds.map(\.quantity) == [2])
    }

    /// A batch of GA holds only (PostgreSQL decides these set-wise) gives every outcome a
    /// hold can have, each as the one-at-a-time rules would: a replay, a reused key, the
    /// per-buyer limit counting the buyer's earlier hold in the batch, room that is only
    /// there once lapsed holds are left out, a sell-out, an unknown section.
    func created(_ result: Result<HoldOutcome, BookingError>) -> Reservation? {
        if case let .success(.created(reservation)) = result { reservation } else { nil }
    }

    @Test(arguments: Engine.available) func aBatchOfGAHoldsDecidesEachInOrder(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let now = harness.clock.now()
        let (event, seats) = try EventDraft(
            title: "GA batch", artist: "B", category: "c", venue: Venue(name: "v", city: "c"),
            startsAt: now.addingTimeInterval(86_400), maxTicketsPerUser: 2,
            sections: [SectionDraft(name: "GA", kind: .generalAdmission, priceCents: 50, capacity: 4)])
            .validated(organizerID: organizer.id, now: now)
        let store = harness.system.store
        try await store.createEvent(event, seats: seats)
        var buyers: [UUID] = []
        for _ in 0..<4 { buyers.append(try await harness.account().id) }
        let floor = event.sections[0].id
        func ga(_ buyer: Int, _ quantity: Int = 1, section: UUID? = nil, key: String? = nil, hash: String? = nil,
                heldUntil: Date? = nil) -> HoldCommand {
            HoldCommand(userID: buyers[buyer], event: event, selection: .generalAdmission(sectionID: section ?? floor, quantity: quantity),
                        heldUntil: heldUntil ?? now.addingTimeInterval(600), now: now, idempotencyKey: key, requestHash: hash)
        }
        // Held 3 of 4, of which one has lapsed: `held` says 1 left, the live holds say 2.
        let earlier = try await store.holdBatch([ga(0, key: "k1", hash: "h1"), ga(2, key: "k3", hash: "h3"),
                                                  ga(3, heldUntil: now.addingTimeInterval(-1))])
        let first = try #require(created(earlier[0]))
        #expect(earlier.allSatisfy { created($0) != nil })

        let results = try await store.holdBatch([
            ga(0, key: "k1", hash: "h1"),            // the same request again
            ga(2, key: "k3", hash: "other"),         // the same key for another request
            ga(1),                                   // the last place `held` leaves
            ga(1, 2),                                // 1 + 2 > 2 per buyer
            ga(2),                                   // room only once the lapsed hold is left out
            ga(3),                                   // nothing left
            ga(1, section: UUID.random()),           // no such section
        ])
        guard case let .replayed(replayed)? = try? results[0].get() else { Issue.record("\(results[0])"); return }
        #expect(replayed.id == first.id)
        #expect(throws: BookingError.idempotencyKeyReused) { try results[1].get() }
        #expect(created(results[2])?.quantity == 1)
        #expect(throws: BookingError.ticketLimitExceeded(limit: 2, remaining: 1)) { try results[3].get() }
        #expect(created(results[4])?.totalPriceCents == 50)
        #expect(throws: BookingError.insufficientInventory(available: 0)) { try results[5].get() }
        #expect(throws: BookingError.sectionNotFound) { try results[6].get() }

        let record = try #require(try await store.inventory(eventID: event.id))
        let live = record.gaHolds.filter { ($0.heldUntil ?? .distantFuture) > now }
        #expect(live.map(\.quantity).reduce(0, +) == 4, "two earlier holds and two new ones")
        #expect(try await store.holdBatch([ga(3)]).first.map { (try? $0.get()) == nil } == true, "still sold out")
    }

    /// PostgreSQL receives a batch as JSON written by hand; any key, hash or presale name
    /// must arrive as it was sent.
    @Test func aBatchArgumentIsTheCommandAsJSON() throws {
        let now = Date(timeIntervalSince1970: 1_900_000_000)
        let (event, seats) = try EventDraft(
            title: "JSON", artist: "B", category: "c", venue: Venue(name: "v", city: "c"), startsAt: now.addingTimeInterval(86_400),
            sections: [SectionDraft(name: "S", kind: .seated, priceCents: 100, rows: [RowPlan(label: "A", seats: 2)]),
                       SectionDraft(name: "GA", kind: .generalAdmission, priceCents: 50, capacity: 7)])
            .validated(organizerID: UUID.random(), now: now)
        let awkward = "k\"e\\y\n\t\u{1}é😀 /"
        let seated = HoldCommand(userID: UUID.random(), event: event, selection: .seats(seats.map(\.id)),
                                 heldUntil: now.addingTimeInterval(600), now: now, idempotencyKey: awkward, requestHash: "h\u{7f}",
                                 presale: PresaleClaim(window: "Fan \"club\"", limit: 2))
        let placed = HoldCommand(userID: UUID.random(), event: event, selection: .generalAdmission(sectionID: event.sections[1].id, quantity: 3),
                                 heldUntil: now.addingTimeInterval(600), now: now, idempotencyKey: nil, requestHash: nil)
        func object(_ command: HoldCommand) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(PostgresStore.batchArgument(command).utf8)) as? [String: Any])
        }
        let first = try object(seated)
        #expect(first["key"] as? String == awkward)
        #expect(first["hash"] as? String == "h\u{7f}")
        #expect(first["presale"] as? String == "Fan \"club\"")
        #expect(first["presale_limit"] as? Int == 2)
        #expect(first["seats"] as? [String] == seats.map(\.id.text))
        #expect(first["user"] as? String == seated.userID.text)
        #expect(first["held_until"] as? Int64 == seated.heldUntil.epochMilliseconds)
        #expect(first["quantity"] as? Int == 2)
        let second = try object(placed)
        #expect(second["section"] as? String == event.sections[1].id.text)
        #expect(second["capacity"] as? Int == 7 && second["price"] as? Int == 50 && second["quantity"] as? Int == 3)
        #expect(second["key"] == nil && second["presale"] == nil && second["seats"] == nil)
        #expect(second["limit"] as? Int == event.maxTicketsPerUser)
    }

    @Test(arguments: Engine.available) func aFailedCommitReportsNoHoldAsMade(_ engine: Engine) async throws {
        let (harness, event, seats, buyers) = try await fixture(engine)
        let store = harness.system.store
        harness.hooks.failNextHoldBatchForTesting()
        await #expect(throws: SimulatedCommitFailure.self) {
            _ = try await store.holdBatch([command(.seats([seats[0]]), buyers[0], event, harness),
                                           command(.seats([seats[1]]), buyers[1], event, harness)])
        }
        let record = try #require(try await harness.system.store.inventory(eventID: event.id))
        #expect(record.seats.allSatisfy { $0.status == .available })
        #expect((try await harness.system.store.hold(command(.seats([seats[0]]), buyers[0], event, harness))) != nil)
    }

    @Test(arguments: Engine.available) func concurrentHoldsThroughTheDeskAllFailWhenTheirBatchFails(_ engine: Engine) async throws {
        let (harness, event, seats, buyers) = try await fixture(engine)
        let store = harness.system.store
        let booking = harness.system.booking
        _ = try await booking.seatMap(eventID: event.id)
        harness.hooks.failNextHoldBatchForTesting()
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<4 {
                group.addTask {
                    let request = HoldRequest(eventID: event.id, selection: .seats([seats[index]]))
                    return (try? await booking.hold(request, for: Viewer(userID: buyers[index], role: .customer), idempotencyKey: nil)) != nil
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let record = try #require(try await store.inventory(eventID: event.id))
        let held = record.seats.filter { $0.status == .held }.count
        #expect(outcomes.filter { $0 }.count == held, "every reported success is in the database, and only those")
        let map = try await booking.seatMap(eventID: event.id)
        #expect(map.seats.filter { $0.status == .held }.count == held, "the seat map agrees")
    }
}
