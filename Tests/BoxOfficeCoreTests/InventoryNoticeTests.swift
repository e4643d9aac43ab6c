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
            .confirmed(reservation: UUID(), seats: [], generalAdmission: .init(sectionID: section, quantity: 4, soldAfter: 17)),
            .refunded(refund: UUID(), reservation: UUID(), seats: [], generalAdmission: .init(sectionID: section, quantity: 1, soldAfter: 16)),
        ]
        let payloads = InventoryNotice.payloads(node: "node-1", eventID: event, entries: changes.map(InventoryNotice.entry))
        #expect(payloads.count == 1)
        let (node, content) = InventoryNotice.parse(payloads[0])
        #expect(node == "node-1")
        #expect(content == .changes(eventID: event, changes))
    }

    @Test func aGASoldCountWithoutItsFigureAnOversizedEntryAnOldNodeAndGarbageAreReloads() {
        let event = UUID(), section = UUID()
        let gaConfirm = InventoryNotice.entry(.confirmed(reservation: UUID(), seats: [], generalAdmission: .init(sectionID: section, quantity: 1)))
        #expect(InventoryNotice.parse(InventoryNotice.payloads(node: "n", eventID: event, entries: [gaConfirm])[0]).content
            == .reload(eventID: event), "a GA sold count cannot be added twice safely: without the new figure, read again")
        let reservation = UUID().text
        #expect(InventoryNotice.parse("v2|n|\(event.text)|C,\(reservation),,\(section.text),1,").content == .reload(eventID: event),
                "a GA confirm from a node that did not send the count")
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
    func gaMap(capacity: Int) -> (SeatMapSnapshot, Section) {
        let eventID = UUID()
        let floor = Section(eventID: eventID, name: "Floor", kind: .generalAdmission, priceCents: 100, capacity: capacity, position: 0)
        let event = Event(id: eventID, organizerID: UUID(), title: "T", artist: "A", category: "c", venue: Venue(name: "v", city: "c"),
                          startsAt: now.addingTimeInterval(86_400), saleStartsAt: nil, holdDurationMinutes: 10, maxTicketsPerUser: 8,
                          createdAt: now, sections: [floor])
        return (SeatMapSnapshot(InventoryRecord(event: event, seats: [], gaSold: [:], gaHolds: []), loadedAt: now), floor)
    }

    func gaHold(_ section: Section, quantity: Int) -> Reservation {
        Reservation(id: UUID(), userID: UUID(), eventID: section.eventID, seats: [], gaSectionID: section.id, quantity: quantity,
                    status: .held, totalPriceCents: 100 * quantity, heldUntil: now.addingTimeInterval(600), createdAt: now)
    }

    /// A GA confirm's notice carries the section's sold count once it committed, which a
    /// map sets: the node that made the sale (it applied its own writes ahead of the
    /// stream), another node, and a node that read its map again after the sale but
    /// before the sale's notices arrived all end with the committed count.
    @Test func aGASoldCountIsSetNotAddedSoEveryNodeEndsWithTheCommittedCount() {
        let (empty, floor) = gaMap(capacity: 100)
        let r = gaHold(floor, quantity: 3)
        var paid = r
        paid.status = .confirmed
        let stream: [InventoryChange] = [.held(r), .paying(r), .confirmed(paid, soldAfter: 3)]

        var seller = empty
        seller.applyHeld(r, at: now)
        seller.applyPaymentStarted(r, at: now)
        seller.applyConfirmed(paid, at: now)
        for change in stream { seller.apply(change, at: now) }

        // The desk runs writes side by side, so the stream may bring the sale before the
        // seller's own write is applied.
        var streamFirst = empty
        streamFirst.applyHeld(r, at: now)
        streamFirst.applyPaymentStarted(r, at: now)
        for change in stream { streamFirst.apply(change, at: now) }
        streamFirst.applyConfirmed(paid, at: now)

        var other = empty
        for change in stream { other.apply(change, at: now) }

        // Read again after the sale: the store's record counts it sold and holds nothing.
        let event = empty.event
        var reloaded = SeatMapSnapshot(InventoryRecord(event: event, seats: [], gaSold: [floor.id: 3], gaHolds: []), loadedAt: now)
        for change in stream { reloaded.apply(change, at: now) }

        for map in [seller, streamFirst, other, reloaded] {
            #expect(map.sold(in: floor) == 3)
            #expect(map.held(in: floor, at: now) == 0)
            #expect(map.available(in: floor, at: now) == 97)
        }

        // Control: a confirm without the figure (an older node's, which is why it is sent as
        // a reload) leaves another node's map never counting the sale.
        var withoutFigure = empty
        for change in stream.dropLast() { withoutFigure.apply(change, at: now) }
        withoutFigure.apply(.confirmed(paid), at: now)
        #expect(withoutFigure.sold(in: floor) == 0 && withoutFigure.available(in: floor, at: now) == 100,
                "without the count the map shows the places free again")

        // A refund's notice sets the count it left too.
        var refunded = other
        let refundID = UUID()
        let refund = InventoryChange.refunded(refund: refundID, reservation: r.id, seats: [],
                                              generalAdmission: .init(sectionID: floor.id, quantity: 1, soldAfter: 2))
        let first = refunded.apply(refund, at: now)
        let again = refunded.apply(refund, at: now)
        #expect(first)
        #expect(!again, "applied twice, nothing more changes")
        refunded.applyRefunded(refundID, seats: [], generalAdmission: (floor.id, 1), at: now)
        #expect(refunded.sold(in: floor) == 2 && refunded.available(in: floor, at: now) == 98,
                "the refunding node's own write, applied after the stream's, does not count it again")
        var refundedHere = other
        refundedHere.applyRefunded(refundID, seats: [], generalAdmission: (floor.id, 1), at: now)
        refundedHere.apply(refund, at: now)
        #expect(refundedHere.sold(in: floor) == 2, "nor does the stream after it")
    }
}
