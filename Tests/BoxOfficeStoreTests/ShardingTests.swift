import BoxOfficeCore
import BoxOfficeHTTP
import BoxOfficeServer
import BoxOfficeStore
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Testing

/// Events spread over two PostgreSQL databases. The test uses two databases on one
/// cluster, which exercises the same code as two clusters: nothing is shared but the URLs.
@Suite struct ShardingTests {
    static let postgres = Engine.available.contains(.postgres)

    func shardedHarness() async throws -> TestHarness {
        var configuration = TestHarness.configuration(path: TestHarness.temporaryDatabasePath(), clock: ManualClock())
        configuration.postgresURLs = [try await TestHarness.freshPostgresDatabase(), try await TestHarness.freshPostgresDatabase()]
        configuration.ticketKeyPath = configuration.databasePath + ".ticket-key"
        return try await TestHarness.open(configuration, engine: .postgres)
    }

    @Test(.enabled(if: postgres, "needs PostgreSQL (BOXOFFICE_TEST_POSTGRES_URL)"))
    func eventsSpreadOverShardsAreBookedAndBrowsedAsOne() async throws {
        let harness = try await shardedHarness()
        let store = try #require(harness.system.store as? ShardedStore)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account(name: "Sam")
        try await harness.withClient { client in
            // An event's shard follows from its random id: eight events all land on one
            // shard once in 128 runs, so more are made until both shards have some.
            var events: [String] = []
            var perShard = [0, 0]
            while events.count < 8 || perShard.contains(0) {
                let day = events.count + 1
                try #require(day <= 28, "events keep landing on one shard: \(perShard)")
                let event = try await client.createEvent(token: organizer.token, seatedRows: [("A", 4)], gaCapacity: 5,
                                                         startsAt: "2030-08-\(day < 10 ? "0" : "")\(day)T20:00:00Z", title: "Show \(day)")
                let id = try #require(event.string("event_id"))
                events.append(id)
                perShard[try #require(try await store.shardIndex(of: UUID(uuidString: id)!))] += 1
            }
            for (index, shard) in store.shards.enumerated() {
                #expect(try await shard.eventCount() == perShard[index], "an event's rows live on its shard only")
            }

            var titles: [String] = []
            var cursor: String?
            repeat {
                let page = try await client.call(.get, "/api/v1/events?page_size=3" + (cursor.map { "&cursor=\($0)" } ?? ""))
                titles += page.array("events").compactMap { $0["title"] as? String }
                cursor = page.string("next_cursor")
            } while cursor != nil
            #expect(titles == (1...events.count).map { "Show \($0)" }, "browsing merges the shards in order, page by page")

            var tickets = 0
            for id in events {
                let seats = try await client.seatIDs(event: id)
                let held = try await client.hold([seats[0]], event: id, token: buyer.token)
                let reservationID = try #require(held.string("reservation_id"))
                let paid = try await client.confirm(reservationID, token: buyer.token)
                #expect(paid.status == .ok)
                tickets += paid.array("tickets").count
                #expect(try await client.call(.get, "/api/v1/reservations/\(reservationID)", token: buyer.token).string("status") == "CONFIRMED")
                #expect(try await client.hold([seats[0]], event: id, token: organizer.token).status == .conflict)
                let audit = try #require(try await store.auditRecord(eventID: UUID(uuidString: id)!))
                #expect(InventoryAudit.violations(of: audit, publicKeys: [harness.system.signer.keyID: harness.system.signer.publicKey],
                                                  now: harness.clock.now()) == [])
            }
            let mine = try await client.call(.get, "/api/v1/me/tickets", token: buyer.token).array("tickets")
            #expect(mine.count == tickets, "a buyer's tickets are gathered from every shard")
            let one = try #require(mine.first?["ticket_id"] as? String)
            #expect(try await client.call(.get, "/api/v1/tickets/\(one)", token: buyer.token).status == .ok)
        }
    }

    @Test func placementIsAStableFunctionOfTheEventID() {
        let id = UUID(uuidString: "3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10")!
        #expect(ShardedStore.placement(of: id, shards: 2) == ShardedStore.placement(of: id, shards: 2))
        let spread = Set((0..<64).map { _ in ShardedStore.placement(of: UUID(), shards: 4) })
        #expect(spread == [0, 1, 2, 3])
    }
}

/// The waiting room and presales on sharded PostgreSQL: each event's queue lives on its shard.
@Suite struct ShardedQueueTests {
    @Test(.enabled(if: ShardingTests.postgres, "needs PostgreSQL (BOXOFFICE_TEST_POSTGRES_URL)"))
    func queuesAndPresalesWorkOnEveryShard() async throws {
        let harness = try await ShardingTests().shardedHarness()
        let store = try #require(harness.system.store as? ShardedStore)
        let organizer = try await harness.account(.organizer)
        let buyers = try await harness.buyers(3)
        let now = harness.clock.now()
        try await harness.withClient { client in
            var shardsSeen = Set<Int>()
            // At least six events, and on until both shards hold one (six random ids all
            // land on one shard about one run in thirty).
            for day in 1...28 where day <= 6 || shardsSeen.count < 2 {
                let event = try await client.createEvent(
                    token: organizer.token, startsAt: "2030-08-\(day < 10 ? "0" : "")\(day)T20:00:00Z",
                    saleStartsAt: now.addingTimeInterval(3_600).formatted(.iso8601),
                    extra: ["queue": ["enabled": true, "admit_per_minute": 600, "opens_at": now.formatted(.iso8601)],
                            "presales": [["name": "Fans", "kind": "code", "codes": ["F\(day)"], "single_use": true,
                                          "starts_at": now.formatted(.iso8601), "ends_at": now.addingTimeInterval(3_600).formatted(.iso8601)]]])
                let id = try #require(event.string("event_id"))
                shardsSeen.insert(try #require(try await store.shardIndex(of: UUID(uuidString: id)!)))
                var positions: [Int] = []
                for buyer in buyers {
                    let joined = try await client.call(.post, "/api/v1/events/\(id)/queue", token: buyer.token)
                    #expect(joined.string("state") == "admitted", "the presale is a sale: the queue admits from its start")
                    positions.append(try #require(joined.int("position")))
                    let seats = try await client.seatIDs(event: id)
                    let held = try await client.call(.post, "/api/v1/reservations", token: buyer.token,
                                                     body: ["event_id": id, "seat_ids": [seats[0 + positions.count]], "presale_code": "f\(day)"],
                                                     headers: ["X-Queue-Token": try #require(joined.string("admission_token"))])
                    #expect(held.status == (positions.count == 1 ? .created : .forbidden), "a single-use code: \(held.text)")
                }
                #expect(positions == [1, 2, 3])
            }
            #expect(shardsSeen.count == 2, "events land on both shards")
        }
    }
}
