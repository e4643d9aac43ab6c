import Benchmark
import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeStore
import Foundation
import Logging
import Synchronization

/// Where a fixture keeps its data: a fresh SQLite file, or a fresh database on the
/// PostgreSQL server `BOXOFFICE_BENCH_POSTGRES_URL` names (a role that may create
/// databases; fsync and synchronous_commit as that server has them).
enum BenchEngine: Sendable {
    case sqlite
    case postgres(serverURL: String)

    static let postgresURL = ProcessInfo.processInfo.environment["BOXOFFICE_BENCH_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// A fresh database, its clients running for as long as the returned handle lives.
    func openStore() async throws -> (store: any Store, clients: RunningClients) {
        let location: DatabaseLocation
        switch self {
        case .sqlite:
            location = .sqlite(path: FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().text).sqlite").path)
        case let .postgres(serverURL):
            let name = "bench_" + UUID().text.replacingOccurrences(of: "-", with: "").prefix(16)
            try await PostgresStore.createDatabaseForTesting(adminURL: serverURL, name: name)
            guard var url = URLComponents(string: serverURL) else { throw BenchSetupError.badURL(serverURL) }
            url.path = "/" + name
            location = .postgres(urls: [url.string!])
        }
        let engine = try await DatabaseEngine.open(location, migrate: true, logger: Logger(label: "bench"))
        let clients = engine.startClients()
        try await engine.prepare()
        return (engine.store, clients)
    }
}

enum BenchSetupError: Error { case badURL(String) }

/// A booking service on a fresh database with one big event and many buyers, made
/// once per benchmark (in `setup`), handing out a new seat and buyer to each iteration.
final class BookingFixture: Sendable {
    let booking: BookingService
    let event: Event
    let seats: [Seat]
    let buyers: [Viewer]
    private let clients: RunningClients
    private let counter = Mutex(0)

    init(booking: BookingService, event: Event, seats: [Seat], buyers: [Viewer], clients: RunningClients) {
        self.booking = booking
        self.clients = clients
        self.event = event
        self.seats = seats
        self.buyers = buyers
    }

    /// A fresh iteration number.
    func next() -> Int { counter.withLock { $0 += 1; return $0 } }

    static func make(seatCount: Int, buyers buyerCount: Int, engine: BenchEngine = .sqlite) async throws -> BookingFixture {
        let (store, clients) = try await engine.openStore()
        let clock = SystemClock()
        var buyers: [Viewer] = []
        for index in 0..<buyerCount {
            let user = User(email: "bench-\(index)@example.test", name: "Bench \(index)", passwordHash: "-", role: .customer, createdAt: Date())
            try await store.createUser(user)
            buyers.append(Viewer(userID: user.id, role: .customer))
        }
        let rows = (0..<(seatCount / 100)).map { RowPlan(label: "R\($0)", seats: 100) }
        let draft = EventDraft(
            title: "Bench", artist: "Bench", category: "bench", venue: Venue(name: "Hall", city: "Town"),
            startsAt: Date().addingTimeInterval(86_400 * 365), maxTicketsPerUser: 100,
            sections: [SectionDraft(name: "Bowl", kind: .seated, priceCents: 1_000, rows: rows),
                       SectionDraft(name: "Floor", kind: .generalAdmission, priceCents: 500, capacity: 1_000_000)])
        let (event, seats) = try draft.validated(organizerID: buyers[0].userID, now: Date())
        try await store.createEvent(event, seats: seats)
        let booking = BookingService(bookings: store, tickets: store, accounts: store, desks: EventDesks(store: store, clock: clock),
                                     clock: clock, payments: TestPaymentGateway(), signer: .generate(), logger: Logger(label: "bench"),
                                     queueTokens: QueueTokenSigner(secret: Data(UUID().text.utf8)))
        return BookingFixture(booking: booking, event: event, seats: seats, buyers: buyers, clients: clients)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(5))

    var engines: [(name: String, engine: BenchEngine)] = [("SQLite", .sqlite)]
    if let url = BenchEngine.postgresURL { engines.append(("PostgreSQL", .postgres(serverURL: url))) }
    for (name, engine) in engines {
        Benchmark("hold+confirm seat (\(name))", configuration: .init(maxIterations: 20_000)) { benchmark, fixture in
            for _ in benchmark.scaledIterations {
                let iteration = fixture.next()
                let buyer = fixture.buyers[iteration % fixture.buyers.count]
                let request = HoldRequest(eventID: fixture.event.id, selection: .seats([fixture.seats[iteration % fixture.seats.count].id]))
                guard case let .created(reservation) = try! await fixture.booking.hold(request, for: buyer, idempotencyKey: nil) else { continue }
                blackHole(try! await fixture.booking.confirm(reservation.id, for: buyer, paymentMethodID: "pm_card_visa"))
            }
        } setup: {
            try await BookingFixture.make(seatCount: 100_000, buyers: 2_000, engine: engine)
        }

        Benchmark("hold GA place (\(name))", configuration: .init(maxIterations: 20_000)) { benchmark, fixture in
            let floor = fixture.event.sections[1].id
            for _ in benchmark.scaledIterations {
                let request = HoldRequest(eventID: fixture.event.id, selection: .generalAdmission(sectionID: floor, quantity: 1))
                blackHole(try! await fixture.booking.hold(request, for: fixture.buyers[fixture.next() % fixture.buyers.count], idempotencyKey: nil))
            }
        } setup: {
            try await BookingFixture.make(seatCount: 100, buyers: 2_000, engine: engine)
        }
    }

    Benchmark("seat map JSON, 20,000 seats") { benchmark, map in
        for _ in benchmark.scaledIterations {
            blackHole(SeatMapResponder.render(map, sections: map.event.sections, status: nil, now: Date()))
        }
    } setup: {
        let fixture = try await BookingFixture.make(seatCount: 20_000, buyers: 1)
        return try await fixture.booking.seatMap(eventID: fixture.event.id)
    }

    let signer = TicketSigner.generate()
    let payload = TicketPayload(ticketID: UUID(), eventID: UUID(), sectionID: UUID(), seatID: UUID(), seat: "A1",
                                holderName: "Bench Buyer", issuedAt: Date())
    Benchmark("ticket sign (Ed25519)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try signer.sign(payload)) }
    }
    let code = try! signer.sign(payload)
    Benchmark("ticket verify (Ed25519)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try signer.verify(code)) }
    }
}
