import BoxOfficeCore
import Foundation

/// Demo accounts and events for `boxoffice serve --demo`, seeded into an empty database.
package enum DemoData {
    /// The demo accounts' credentials (printed at start-up).
    package static let accounts: [(email: String, password: String, name: String, role: Role)] = [
        ("organizer@boxoffice.test", "organizer-demo-pass", "Demo Organizer", .organizer),
        ("buyer@boxoffice.test", "buyer-demo-pass", "Demo Buyer", .customer),
        ("scanner@boxoffice.test", "scanner-demo-pass", "Demo Door Scanner", .scanner),
    ]

    /// The code of the demo presale ("Paper Moons" sells to fan-club members first).
    package static let presaleCode = "PAPERMOONS"

    /// Seeds the demo accounts and events unless the database already has events.
    /// Returns whether it seeded anything.
    @discardableResult
    package static func seedIfEmpty(accounts: AccountService, catalog: CatalogService, clock: any BookingClock) async throws -> Bool {
        guard try await catalog.isEmpty() else { return false }
        var organizer: User?
        for account in Self.accounts {
            let user: User
            if let existing = try await accounts.account(email: account.email) {
                user = existing
            } else {
                user = try await accounts.register(email: account.email, password: account.password, name: account.name, role: account.role)
            }
            if account.role == .organizer { organizer = user }
        }
        guard let organizer else { return false }
        let viewer = Viewer(userID: organizer.id, role: organizer.role)
        for draft in events(now: clock.now()) {
            _ = try await catalog.create(draft, by: viewer)
        }
        return true
    }

    static func rows(_ count: Int, seats: Int, from first: Int = 0) -> [RowPlan] {
        (first..<(first + count)).map { RowPlan(label: rowLabel($0), seats: seats) }
    }

    /// A, B, ... Z, AA, AB, ...
    static func rowLabel(_ index: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return index < 26 ? String(letters[index]) : String(letters[index / 26 - 1]) + String(letters[index % 26])
    }

    static func events(now: Date) -> [EventDraft] {
        func day(_ days: Double, hour: Double = 20) -> Date {
            let midnight = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
            return midnight.addingTimeInterval(days * 86_400 + hour * 3_600)
        }
        return [
            EventDraft(
                title: "Aurora Lights — Stadium Tour", artist: "Aurora Lights", category: "concert",
                venue: Venue(name: "Lakeside Stadium", city: "Chicago"), startsAt: day(30), sections: [
                    SectionDraft(name: "Floor VIP", kind: .seated, priceCents: 45_000, rows: rows(10, seats: 50)),
                    SectionDraft(name: "Club Level", kind: .seated, priceCents: 25_000, rows: rows(20, seats: 100)),
                    SectionDraft(name: "Lower Bowl", kind: .seated, priceCents: 12_500, rows: rows(40, seats: 200)),
                    SectionDraft(name: "Upper Bowl", kind: .seated, priceCents: 6_500, rows: rows(50, seats: 200)),
                ]),
            EventDraft(
                title: "Warehouse Sessions", artist: "DJ Nightshift", category: "electronic",
                venue: Venue(name: "Kraftwerk Hall", city: "Berlin"), startsAt: day(12, hour: 22), sections: [
                    SectionDraft(name: "General Admission", kind: .generalAdmission, priceCents: 4_500, capacity: 1_500),
                ]),
            EventDraft(
                title: "Indie Night: The Paper Kites", artist: "The Paper Kites", category: "concert",
                venue: Venue(name: "Moody Theater", city: "Austin"), startsAt: day(9), maxTicketsPerUser: 6, sections: [
                    SectionDraft(name: "GA Floor", kind: .generalAdmission, priceCents: 5_500, capacity: 800),
                    SectionDraft(name: "Balcony", kind: .seated, priceCents: 7_500, rows: rows(10, seats: 30)),
                ]),
            EventDraft(
                title: "Hamlet", artist: "Royal Players", category: "theater",
                venue: Venue(name: "Globe Theatre", city: "London"), startsAt: day(21, hour: 19), holdDurationMinutes: 15, sections: [
                    SectionDraft(name: "Orchestra", kind: .seated, priceCents: 9_500, rows: rows(20, seats: 30)),
                    SectionDraft(name: "Mezzanine", kind: .seated, priceCents: 6_000, rows: rows(10, seats: 25)),
                ]),
            EventDraft(
                title: "City FC vs United", artist: "City FC", category: "sports",
                venue: Venue(name: "Etihad Park", city: "Manchester"), startsAt: day(5, hour: 15), maxTicketsPerUser: 4, sections: [
                    SectionDraft(name: "North Stand", kind: .seated, priceCents: 5_500, rows: rows(25, seats: 80)),
                    SectionDraft(name: "South Stand", kind: .seated, priceCents: 5_500, rows: rows(25, seats: 80)),
                    SectionDraft(name: "Directors Box", kind: .seated, priceCents: 30_000, rows: rows(3, seats: 20)),
                ]),
            EventDraft(
                title: "Late Laughs", artist: "Maya Chen", category: "comedy",
                venue: Venue(name: "Cellar Club", city: "New York"), startsAt: day(3, hour: 21), sections: [
                    SectionDraft(name: "Tables", kind: .seated, priceCents: 4_000, rows: rows(8, seats: 12)),
                    SectionDraft(name: "Standing", kind: .generalAdmission, priceCents: 2_500, capacity: 60),
                ]),
            // A flash sale behind the waiting room: buyers join, are admitted 600 a minute, then choose.
            EventDraft(
                title: "Stellar Drift — Reunion Night", artist: "Stellar Drift", category: "concert",
                venue: Venue(name: "Harbour Arena", city: "Sydney"), startsAt: day(45), maxTicketsPerUser: 4, sections: [
                    SectionDraft(name: "Floor", kind: .generalAdmission, priceCents: 9_900, capacity: 3_000),
                    SectionDraft(name: "Tier 1", kind: .seated, priceCents: 14_900, rows: rows(20, seats: 60)),
                ],
                queue: QueueDraft(enabled: true, admitPerMinute: 600)),
            // A presale: fan-club code holders now, everyone from the general on-sale two days out.
            EventDraft(
                title: "Paper Moons — Fan Club First", artist: "Paper Moons", category: "concert",
                venue: Venue(name: "Old Town Hall", city: "Dublin"), startsAt: day(40), saleStartsAt: day(2, hour: 10),
                maxTicketsPerUser: 6, sections: [
                    SectionDraft(name: "Standing", kind: .generalAdmission, priceCents: 4_000, capacity: 600),
                    SectionDraft(name: "Gallery", kind: .seated, priceCents: 6_000, rows: rows(6, seats: 20)),
                ],
                presales: [PresaleWindow(name: "Fan club presale", startsAt: now.addingTimeInterval(-3_600), endsAt: day(2, hour: 10),
                                         kind: .code, codes: [presaleCode], maxTicketsPerUser: 4)]),
        ]
    }
}
