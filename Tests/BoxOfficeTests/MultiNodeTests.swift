import BoxOfficeCore
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
}
