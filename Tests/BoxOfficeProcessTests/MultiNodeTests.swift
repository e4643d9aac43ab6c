import BoxOfficeCore
import BoxOfficeStore
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Two server instances on one PostgreSQL database, buyers racing through both.
@Suite struct MultiNodeTests {
    static let postgres = Engine.available.contains(.postgres)

    @Test(.enabled(if: postgres, "needs PostgreSQL (BOXOFFICE_TEST_POSTGRES_URL)"))
    func buyersRacingThroughTwoNodesNeverDoubleSellAndBothMapsConverge() async throws {
        let nodeA = try await TestHarness.make(engine: .postgres)
        let nodeB = try await nodeA.restarted()
        let organizer = try await nodeA.account(.organizer)
        var tokens: [String] = []
        for _ in 0..<300 { tokens.append(try await nodeA.account().token) }
        let buyers = tokens

        try await nodeA.withClient { a in
            try await nodeB.withClient { b in
                let event = try await a.createEvent(token: organizer.token, seatedRows: (0..<10).map { ("R\($0)", 10) }, gaCapacity: 50)
                let eventID = try #require(event.string("event_id"))
                let floor = try #require(sectionID(event, kind: "general_admission"))
                let seats = try await a.seatIDs(event: eventID)
                #expect(try await b.seatIDs(event: eventID).count == 100, "node B reads the event node A created")

                let responses = try await withThrowingTaskGroup(of: APIResponse.self) { group in
                    for (index, token) in buyers.enumerated() {
                        let node = index % 2 == 0 ? a : b
                        group.addTask {
                            index % 3 == 0
                                ? try await node.holdGA(1, section: floor, event: eventID, token: token)
                                : try await node.hold([seats[index % 100]], event: eventID, token: token)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let held = responses.filter { $0.status == .created }
                let seated = held.flatMap { $0.array("seats").compactMap { $0["seat_id"] as? String } }
                #expect(Set(seated).count == seated.count, "no seat held twice across nodes")
                #expect(responses.allSatisfy { $0.status == .created || $0.status == .conflict })
                #expect(held.count - seated.count <= 50, "GA never oversold across nodes")

                let record = try #require(try await nodeA.system.store.inventory(eventID: UUID(uuidString: eventID)!))
                let truth = record.seats.filter { $0.status == .held }.count
                #expect(truth == seated.count)
                for node in [a, b] {
                    var converged = false
                    for _ in 0..<20 where !converged {
                        let held = try await node.seatIDs(event: eventID, status: "HELD").count
                        converged = held == truth
                        if !converged { try await Task.sleep(for: .milliseconds(100)) }
                    }
                    #expect(converged, "a node's seat map converges to the database within two seconds")
                }
                let detailA = try await a.call(.get, "/api/v1/events/\(eventID)")
                let detailB = try await b.call(.get, "/api/v1/events/\(eventID)")
                #expect(detailA.int("total_available") == detailB.int("total_available"))
                #expect(detailA.int("total_available") == 150 - held.count)
            }
        }
    }

    /// Batches of GA holds from two nodes run side by side in the database: each inserts
    /// the holds it expects to make before locking the section, and the locked decision
    /// deletes the ones that lose the race. Whatever interleaving happens, exactly the
    /// places there are get held, every made hold is stored and no refused one is.
    @Test(.enabled(if: postgres, "needs PostgreSQL (BOXOFFICE_TEST_POSTGRES_URL)"))
    func gaBatchesFromTwoNodesRaceForTheLastPlacesWithoutOverselling() async throws {
        let nodeA = try await TestHarness.make(engine: .postgres)
        let nodeB = try await nodeA.restarted()
        let organizer = try await nodeA.account(.organizer)
        let now = nodeA.clock.now()
        let (event, seats) = try EventDraft(
            title: "Race", artist: "B", category: "c", venue: Venue(name: "v", city: "c"),
            startsAt: now.addingTimeInterval(86_400), maxTicketsPerUser: 2,
            sections: [SectionDraft(name: "GA", kind: .generalAdmission, priceCents: 50, capacity: 40)])
            .validated(organizerID: organizer.id, now: now)
        try await nodeA.system.store.createEvent(event, seats: seats)
        var buyers: [UUID] = []
        for _ in 0..<120 { buyers.append(try await nodeA.account().id) }
        let floor = event.sections[0].id
        let allBuyers = buyers

        // Four writers per node, each 6 batches of 5 holds of 1 place: 240 asks for 40
        // places (each buyer asks twice, within the limit of 2).
        let outcomes = try await withThrowingTaskGroup(of: [(UUID, Bool)].self) { group in
            for writer in 0..<8 {
                let store = writer % 2 == 0 ? nodeA.system.store : nodeB.system.store
                group.addTask {
                    var made: [(UUID, Bool)] = []
                    for round in 0..<6 {
                        let commands = (0..<5).map { index in
                            HoldCommand(userID: allBuyers[(writer * 30 + round * 5 + index) % 120], event: event,
                                        selection: .generalAdmission(sectionID: floor, quantity: 1),
                                        heldUntil: now.addingTimeInterval(600), now: now, idempotencyKey: nil, requestHash: nil)
                        }
                        let results = try await store.holdBatch(commands)
                        for (command, result) in zip(commands, results) {
                            if case .failure(let error) = result { #expect(error == .insufficientInventory(available: 0)) }
                            made.append((command.reservationID, (try? result.get()) != nil))
                        }
                    }
                    return made
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(outcomes.count == 240)
        #expect(outcomes.filter(\.1).count == 40, "exactly the places there are were held")
        for (reservationID, made) in outcomes {
            let stored = try await nodeA.system.store.reservation(id: reservationID)
            #expect((stored != nil) == made, "a made hold is stored, a refused one is not")
        }
        let record = try #require(try await nodeA.system.store.inventory(eventID: event.id))
        #expect(record.gaHolds.map(\.quantity).reduce(0, +) == 40)
        let audit = try #require(try await nodeB.system.store.auditRecord(eventID: event.id))
        #expect(InventoryAudit.violations(of: audit, publicKeys: [nodeA.system.signer.keyID: nodeA.system.signer.publicKey],
                                          now: now) == [])
    }
}

/// The waiting room across two nodes on one PostgreSQL database.
@Suite struct MultiNodeQueueTests {
    @Test(.enabled(if: MultiNodeTests.postgres, "needs PostgreSQL (BOXOFFICE_TEST_POSTGRES_URL)"))
    func bothNodesHandOutDistinctPlacesAndAdmitTheSameWatermark() async throws {
        let nodeA = try await TestHarness.make(engine: .postgres)
        let nodeB = try await nodeA.restarted()
        let organizer = try await nodeA.account(.organizer)
        let buyers = try await nodeA.buyers(60)

        try await nodeA.withClient { a in
            try await nodeB.withClient { b in
                let id = try #require(try await a.createEvent(token: organizer.token, extra: Engine.twoPerBatchQueue).string("event_id"))
                let joined = try await withThrowingTaskGroup(of: (Int, APIResponse).self) { group in
                    for (index, buyer) in buyers.enumerated() {
                        group.addTask { (index, try await (index % 2 == 0 ? a : b).call(.post, "/api/v1/events/\(id)/queue", token: buyer.token)) }
                    }
                    return try await group.reduce(into: [Int: APIResponse]()) { $0[$1.0] = $1.1 }
                }
                let positions = buyers.indices.compactMap { joined[$0]?.int("position") }
                #expect(positions.sorted() == Array(1...60), "one place each, from the database, whichever node they joined")

                func standings(_ node: any TestClientProtocol) async throws -> [String] {
                    var states: [String] = []
                    for index in buyers.indices {
                        let token = try #require(joined[index]?.string("queue_token"))
                        let status = try await node.call(.get, "/api/v1/events/\(id)/queue/status", headers: ["X-Queue-Token": token])
                        states.append("\(status.string("state") ?? "?")/\(status.int("position") ?? 0)/\(status.int("ahead") ?? -1)")
                    }
                    return states
                }
                #expect(try await standings(a) == standings(b), "a token from either node verifies on both, with one answer")
                nodeA.clock.advance(by: 10)
                let afterOneBatch = try await standings(a)
                #expect(afterOneBatch == (try await standings(b)))
                #expect(afterOneBatch.filter { $0.hasPrefix("admitted") }.count == 4)

                let patched = try await a.call(.patch, "/api/v1/events/\(id)", token: organizer.token,
                                               body: ["queue": ["enabled": true, "admit_per_minute": 60]])
                #expect(patched.status == .ok)
                nodeA.clock.advance(by: 10)
                let afterChange = try await standings(b)
                #expect(afterChange == (try await standings(a)), "node B follows node A's change within a second")
                #expect(afterChange.filter { $0.hasPrefix("admitted") }.count == 14, "the new rate applies from the next batch")

                let first = try #require(buyers.indices.first { joined[$0]?.int("position") == 1 })
                let admission = try #require(try await a.call(.get, "/api/v1/events/\(id)/queue/status",
                                                              headers: ["X-Queue-Token": joined[first]!.string("queue_token")!])
                                                .string("admission_token"))
                let seats = try await b.seatIDs(event: id)
                let held = try await b.call(.post, "/api/v1/reservations", token: buyers[first].token,
                                            body: ["event_id": id, "seat_ids": [seats[0]]], headers: ["X-Queue-Token": admission])
                #expect(held.status == .created, "an admission from node A is honoured by node B")
            }
        }
    }
}
