@testable import BoxOfficeCore
import Foundation
import Testing

/// The change notices nodes send each other, and a map fed by them converging on what
/// was committed whatever order its own writes were applied in.
@Suite struct InventoryNoticeTests {
    let now = Date(timeIntervalSince1970: 1_900_000_000)

    @Test func everyKindOfChangeReadsBackAsItWasWritten() {
        let event = UUID(), seats = [UUID(), UUID()], section = UUID()
        let changes: [InventoryChange] = [
            .held(reservation: UUID(), heldUntil: Date(epochMilliseconds: now.epochMilliseconds + 600_000), seats: seats, generalAdmission: nil),
            .held(reservation: UUID(), heldUntil: now, seats: [], generalAdmission: .init(sectionID: section, quantity: 3)),
            .paying(reservation: UUID(), seats: seats, generalAdmission: nil),
            .confirmed(reservation: UUID(), seats: seats, generalAdmission: nil),
            .released(reservation: UUID(), seats: [], generalAdmission: .init(sectionID: section, quantity: 2)),
            .refunded(refund: UUID(), reservation: UUID(), seats: [seats[1]], generalAdmission: nil),
        ]
        let payloads = InventoryNotice.payloads(node: "node-1", eventID: event, entries: changes.map(InventoryNotice.entry))
        #expect(payloads.count == 1)
        let (node, content) = InventoryNotice.parse(payloads[0])
        #expect(node == "node-1")
        #expect(content == .changes(eventID: event, changes))
    }

    @Test func aGASoldCountAnOversizedEntryAnOldNodeAndGarbageAreReloads() {
        let event = UUID()
        let gaConfirm = InventoryNotice.entry(.confirmed(reservation: UUID(), seats: [], generalAdmission: .init(sectionID: UUID(), quantity: 1)))
        #expect(InventoryNotice.parse(InventoryNotice.payloads(node: "n", eventID: event, entries: [gaConfirm])[0]).content
            == .reload(eventID: event), "a GA sold count cannot be applied twice safely: read again")
        let huge = InventoryNotice.entry(.held(reservation: UUID(), heldUntil: now, seats: (0..<300).map { _ in UUID() }, generalAdmission: nil))
        let payloads = InventoryNotice.payloads(node: "n", eventID: event, entries: [huge])
        #expect(payloads.allSatisfy { $0.utf8.count <= 8_000 })
        #expect(InventoryNotice.parse(payloads[0]).content == .reload(eventID: event))
        #expect(InventoryNotice.parse("3f2c:\(event.text)") == ("3f2c", .reload(eventID: event)), "an older node's notice")
        #expect(InventoryNotice.parse("nonsense").content == .reloadAll)
        #expect(InventoryNotice.parse("v2|n|\(event.text)|H,not-a-uuid,1,,0,").content == .reload(eventID: event))
    }

    @Test func manyEntriesAreSplitIntoNoticesUnderTheLimitInOrder() {
        let event = UUID()
        let changes = (0..<400).map { _ in InventoryChange.held(reservation: UUID(), heldUntil: now, seats: [UUID(), UUID()], generalAdmission: nil) }
        let payloads = InventoryNotice.payloads(node: "n", eventID: event, entries: changes.map(InventoryNotice.entry))
        #expect(payloads.count > 1)
        #expect(payloads.allSatisfy { $0.utf8.count <= InventoryNotice.maxBytes })
        let read = payloads.flatMap { payload -> [InventoryChange] in
            guard case let .changes(_, changes) = InventoryNotice.parse(payload).content else { return [] }
            return changes
        }
        #expect(read == changes)
    }

    func map(seats count: Int) -> (SeatMapSnapshot, [Seat]) {
        let eventID = UUID()
        let seated = Section(eventID: eventID, name: "S", kind: .seated, priceCents: 100, capacity: count, position: 0)
        let seats = (1...count).map { Seat(id: UUID(), sectionID: seated.id, row: "A", number: $0, priceCents: 100) }
        let event = Event(id: eventID, organizerID: UUID(), title: "T", artist: "A", category: "c", venue: Venue(name: "v", city: "c"),
                          startsAt: now.addingTimeInterval(86_400), saleStartsAt: nil, holdDurationMinutes: 10, maxTicketsPerUser: 8,
                          createdAt: now, sections: [seated])
        let record = InventoryRecord(event: event, seats: seats.map { SeatState(seat: $0, status: .available, reservationID: nil, heldUntil: nil) },
                                     gaSold: [:], gaHolds: [])
        return (SeatMapSnapshot(record, loadedAt: now), seats)
    }

    func held(_ seat: Seat, by id: UUID = UUID()) -> Reservation {
        Reservation(id: id, userID: UUID(), eventID: UUID(), seats: [ReservedSeat(seat)], gaSectionID: nil, quantity: 1,
                    status: .held, totalPriceCents: 100, heldUntil: now.addingTimeInterval(600), createdAt: now)
    }

    /// This node releases R0's hold on a seat and, a moment later, another node's hold of
    /// that seat by R1 commits. The stream brings both in that order, but this node's own
    /// map update for its release runs after the stream's: it must end with R1 holding it.
    @Test func ownWritesAppliedLateStillEndWhereTheStreamSays() throws {
        var (map, seats) = map(seats: 1)
        let r0 = held(seats[0]), r1 = held(seats[0])
        map.applyHeld(r0, at: now)
        let stream: [InventoryChange] = [.held(r0), .released(r0), .held(r1)]

        var withOwn = map
        for change in stream { withOwn.apply(change, at: now) }
        withOwn.applyReleased(r0, at: now)   // the late local update
        #expect(withOwn.seats[0].status == .held && withOwn.seats[0].reservationID == r1.id)

        // Control: a node that skipped its own notices (as before) ends with the seat shown free.
        var ownSkipped = map
        ownSkipped.apply(.held(r1), at: now)
        ownSkipped.applyReleased(r0, at: now)
        #expect(ownSkipped.seats[0].status == .available, "without its own notices the map diverges from what was committed")
    }

    /// Another node's hold notice arriving after this node confirmed the same reservation
    /// (the buyer held on one node and paid on the other) leaves the seat sold.
    @Test func aStaleNoticeNeverTakesASeatBack() {
        var (map, seats) = map(seats: 2)
        let r = held(seats[0])
        map.applyHeld(r, at: now)
        var paid = r
        paid.status = .confirmed
        map.applyConfirmed(paid, at: now)
        let version = map.version
        let staleChanged = map.apply(.held(r), at: now)
        #expect(!staleChanged, "nothing to change")
        #expect(map.seats[0].status == .sold)
        #expect(map.version == version, "and no new version for it")
        let freshChanged = map.apply(.held(held(seats[1])), at: now)
        #expect(freshChanged, "a new hold elsewhere applies")
        #expect(map.seats[1].status == .held && map.version == version + 1)
    }
}
