@testable import BoxOfficeCore
import Foundation
import Testing

@Suite struct EventDraftTests {
    func draft(sections: [SectionDraft], hold: Int? = nil, limit: Int? = nil) -> EventDraft {
        EventDraft(title: "Show", artist: "Band", category: "concert", venue: Venue(name: "Hall", city: "Town"),
                   startsAt: Date(timeIntervalSince1970: 2_000_000_000), holdDurationMinutes: hold, maxTicketsPerUser: limit,
                   sections: sections)
    }

    @Test func seatedRowsBecomeNumberedSeatsAndGAKeepsACapacity() throws {
        let (event, seats) = try draft(sections: [
            SectionDraft(name: "Stalls", kind: .seated, priceCents: 5_000, rows: [RowPlan(label: "A", seats: 3), RowPlan(label: "B", seats: 2)]),
            SectionDraft(name: "Floor", kind: .generalAdmission, priceCents: 2_000, capacity: 500),
        ]).validated(organizerID: UUID(), now: Date())
        #expect(seats.map(\.label) == ["A1", "A2", "A3", "B1", "B2"])
        #expect(event.sections.map(\.capacity) == [5, 500])
        #expect(event.holdDurationMinutes == 10)
        #expect(event.maxTicketsPerUser == 8)
        #expect(Set(seats.map(\.id)).count == 5)
    }

    @Test(arguments: [
        ("hold too long", 16, nil as Int?),
        ("hold zero", 0, nil),
        ("limit zero", nil, 0),
    ] as [(String, Int?, Int?)])
    func outOfRangeSettingsAreRefused(_ label: String, hold: Int?, limit: Int?) {
        let sections = [SectionDraft(name: "GA", kind: .generalAdmission, priceCents: 100, capacity: 10)]
        #expect(throws: BookingError.self, "\(label)") {
            try draft(sections: sections, hold: hold, limit: limit).validated(organizerID: UUID(), now: Date())
        }
    }

    @Test func badSectionsAreRefused() {
        let cases: [[SectionDraft]] = [
            [],
            [SectionDraft(name: "GA", kind: .generalAdmission, priceCents: 100, capacity: 0)],
            [SectionDraft(name: "GA", kind: .generalAdmission, priceCents: -1, capacity: 10)],
            [SectionDraft(name: "S", kind: .seated, priceCents: 100, rows: [])],
            [SectionDraft(name: "S", kind: .seated, priceCents: 100, rows: [RowPlan(label: "A", seats: 0)])],
            [SectionDraft(name: "S", kind: .seated, priceCents: 100, rows: [RowPlan(label: "A", seats: 2), RowPlan(label: "A", seats: 2)])],
            [SectionDraft(name: "X", kind: .generalAdmission, priceCents: 1, capacity: 1), SectionDraft(name: "x", kind: .generalAdmission, priceCents: 1, capacity: 1)],
            [SectionDraft(name: " ", kind: .generalAdmission, priceCents: 1, capacity: 1)],
        ]
        for sections in cases {
            #expect(throws: BookingError.self) { try draft(sections: sections).validated(organizerID: UUID(), now: Date()) }
        }
    }

    @Test func anEventThatHasStartedCannotBeCreated() throws {
        let sections = [SectionDraft(name: "GA", kind: .generalAdmission, priceCents: 100, capacity: 10)]
        let startsAt = Date(timeIntervalSince1970: 2_000_000_000)
        for now in [startsAt, startsAt.addingTimeInterval(86_400)] {
            #expect(throws: BookingError.invalid(field: "starts_at", reason: "must be in the future")) {
                try draft(sections: sections).validated(organizerID: UUID(), now: now)
            }
        }
        _ = try draft(sections: sections).validated(organizerID: UUID(), now: startsAt.addingTimeInterval(-1))
    }

    @Test func aHundredThousandSeatVenueIsAllowed() throws {
        let rows = (0..<100).map { RowPlan(label: "R\($0)", seats: 1_000) }
        let (_, seats) = try draft(sections: [SectionDraft(name: "Bowl", kind: .seated, priceCents: 100, rows: rows)])
            .validated(organizerID: UUID(), now: Date())
        #expect(seats.count == 100_000)
    }
}
