@testable import BoxOfficeCore
import Foundation
import Testing

@Suite struct SeatMapSnapshotTests {
    let now = Date(timeIntervalSince1970: 1_900_000_000)

    func snapshot(seats count: Int = 4, gaCapacity: Int = 10) -> (SeatMapSnapshot, [Seat], Section, Section) {
        let eventID = UUID()
        let seated = Section(eventID: eventID, name: "S", kind: .seated, priceCents: 100, capacity: count, position: 0)
        let ga = Section(eventID: eventID, name: "GA", kind: .generalAdmission, priceCents: 50, capacity: gaCapacity, position: 1)
        let seats = (1...count).map { Seat(id: UUID(), sectionID: seated.id, row: "A", number: $0, priceCents: 100) }
        let event = Event(id: eventID, organizerID: UUID(), title: "T", artist: "A", category: "c", venue: Venue(name: "v", city: "c"),
                          startsAt: now.addingTimeInterval(86_400), saleStartsAt: nil, holdDurationMinutes: 10, maxTicketsPerUser: 8,
                          createdAt: now, sections: [seated, ga])
        let record = InventoryRecord(event: event, seats: seats.map { SeatState(seat: $0, status: .available, reservationID: nil, heldUntil: nil) },
                                     gaSold: [ga.id: 0], gaHolds: [])
        return (SeatMapSnapshot(record, loadedAt: now), seats, seated, ga)
    }

    func reservation(_ seats: [Seat], until: Date) -> Reservation {
        Reservation(userID: UUID(), eventID: UUID(), seats: seats.map(ReservedSeat.init), gaSectionID: nil, quantity: seats.count,
                    status: .held, totalPriceCents: 0, heldUntil: until, createdAt: now)
    }

    @Test func heldSeatsLapseAtTheirDeadlineWithoutAWrite() {
        var (map, seats, seated, _) = snapshot()
        map.applyHeld(reservation(Array(seats.prefix(2)), until: now.addingTimeInterval(600)), at: now)
        #expect(map.available(in: seated, at: now) == 2)
        #expect(map.available(in: seated, at: now.addingTimeInterval(599)) == 2)
        #expect(map.available(in: seated, at: now.addingTimeInterval(600)) == 4)
        let later = now.addingTimeInterval(600)
        #expect(map.etag(nextLapse: map.nextLapse(after: now)) != map.etag(nextLapse: map.nextLapse(after: later)))
    }

    @Test func paymentInProgressNeverLapsesAndConfirmSells() {
        var (map, seats, seated, _) = snapshot()
        var held = reservation([seats[0]], until: now.addingTimeInterval(60))
        map.applyHeld(held, at: now)
        held.status = .paymentPending
        map.applyPaymentStarted(held, at: now)
        #expect(map.available(in: seated, at: now.addingTimeInterval(3_600)) == 3)
        map.applyConfirmed(held, at: now)
        #expect(map.sold(in: seated) == 1)
        #expect(SeatMapSnapshot.visibleStatus(map.seats[0], at: now.addingTimeInterval(99_999)) == .sold)
    }

    @Test func releasingAnOldHoldDoesNotFreeASeatSomeoneElseNowHolds() {
        var (map, seats, seated, _) = snapshot()
        let first = reservation([seats[0]], until: now.addingTimeInterval(60))
        map.applyHeld(first, at: now)
        let second = reservation([seats[0]], until: now.addingTimeInterval(720))
        map.applyHeld(second, at: now.addingTimeInterval(120))
        map.applyReleased(first, at: now.addingTimeInterval(130))
        #expect(map.available(in: seated, at: now.addingTimeInterval(130)) == 3)
    }

    @Test func generalAdmissionCountsLiveHoldsAndSales() {
        var (map, _, _, ga) = snapshot(gaCapacity: 10)
        var hold = Reservation(userID: UUID(), eventID: UUID(), seats: [], gaSectionID: ga.id, quantity: 4, status: .held,
                               totalPriceCents: 0, heldUntil: now.addingTimeInterval(60), createdAt: now)
        map.applyHeld(hold, at: now)
        #expect(map.available(in: ga, at: now) == 6)
        #expect(map.available(in: ga, at: now.addingTimeInterval(61)) == 10)
        hold.status = .paymentPending
        map.applyPaymentStarted(hold, at: now)
        #expect(map.available(in: ga, at: now.addingTimeInterval(61)) == 6)
        map.applyConfirmed(hold, at: now)
        #expect(map.available(in: ga, at: now.addingTimeInterval(61)) == 6)
        #expect(map.sold(in: ga) == 4)
    }
}
