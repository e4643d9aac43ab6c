import Foundation

/// Outcomes shared by all buyers: what was bought (for the audit) and how buyers fared.
actor Tally {
    struct Purchase: Sendable {
        let reservationID: String
        let seatIDs: [String]
        let quantity: Int
        let tickets: [(ticketID: String, seatID: String?, qrCode: String)]
    }

    private(set) var purchases: [Purchase] = []
    private var served = 0
    private var abandoned = 0
    private var gaveUp = 0
    private var finished = 0

    func bought(_ purchase: Purchase) {
        purchases.append(purchase)
        served += 1
        finished += 1
    }

    func abandon() { abandoned += 1; finished += 1 }
    func giveUp() { gaveUp += 1; finished += 1 }

    func totals() -> (served: Int, abandoned: Int, gaveUp: Int, finished: Int, placesBought: Int, tickets: Int) {
        (served, abandoned, gaveUp, finished, purchases.reduce(0) { $0 + $1.quantity }, purchases.reduce(0) { $0 + $1.tickets.count })
    }
}

/// A small deterministic random source, so a run with the same seed makes the same choices.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One buyer: looks at the map, picks seats (at random, or the best adjacent ones),
/// holds, retries on conflict, then pays or walks away.
struct Buyer: Sendable {
    let index: Int
    let token: String
    let event: SaleEvent
    let client: LoadClient
    let configuration: FlashSaleConfiguration
    let tally: Tally

    func shop() async {
        var random = SplitMix64(state: configuration.seed &+ UInt64(index) &* 7_919)
        let gaShare = Double(configuration.ga) / Double(max(1, configuration.ga + configuration.seats))
        let wantsGA = event.gaSection != nil && (event.seatedSection == nil || Double.random(in: 0..<1, using: &random) < gaShare)
        var quantity = [1, 2, 2, 2, 3, 4, 4].randomElement(using: &random)!
        do {
            var admission: String?
            if configuration.queueAdmitPerMinute != nil {
                admission = try await waitInQueue()
                guard admission != nil else { return await tally.giveUp() }
            }
            for _ in 0..<configuration.attempts {
                let held: LoadResponse?
                if wantsGA {
                    held = try await holdPlaces(quantity, admission: admission)
                } else {
                    guard let seats = try await pickSeats(quantity, random: &random) else { return await tally.giveUp() }
                    quantity = seats.count
                    held = try await holdSeats(seats, admission: admission)
                }
                guard let held, let reservationID = held.string("reservation_id") else { continue }
                if Double.random(in: 0..<1, using: &random) < configuration.abandon { return await tally.abandon() }
                return try await pay(reservationID, quantity: held.int("quantity") ?? quantity)
            }
            await tally.giveUp()
        } catch {
            await tally.giveUp()
        }
    }

    /// Joins the event's queue and polls its status (as a buyer's page would, every half
    /// second) until admitted; returns the admission token, or nil if the sale ended first.
    private func waitInQueue() async throws -> String? {
        let joined = try await client.send("queue_join", .POST, "/api/v1/events/\(event.id)/queue", token: token)
        guard var queueToken = joined.string("queue_token") else { return nil }
        if let admission = joined.string("admission_token") { return admission }
        let deadline = ContinuousClock.now + .seconds(3_600)
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(500))
            let status = try await client.send("queue_status", .GET, "/api/v1/events/\(event.id)/queue/status", token: token,
                                               headers: ["X-Queue-Token": queueToken])
            if let admission = status.string("admission_token") { return admission }
            if status.string("state") == "expired" { return try await waitInQueue() }
            queueToken = status.string("queue_token") ?? queueToken
        }
        return nil
    }

    private func headers(admission: String?) -> [String: String] {
        var headers = ["X-Idempotency-Key": UUID().uuidString]
        if let admission { headers["X-Queue-Token"] = admission }
        return headers
    }

    private func holdPlaces(_ quantity: Int, admission: String?) async throws -> LoadResponse? {
        let response = try await client.send("hold", .POST, "/api/v1/reservations", token: token,
                                             body: ["event_id": event.id, "section_id": event.gaSection!, "quantity": quantity],
                                             headers: headers(admission: admission), expected: [201, 409])
        if response.status == 409 { await client.stats.recordConflict() }
        return response.status == 201 ? response : nil
    }

    private func holdSeats(_ seats: [String], admission: String?) async throws -> LoadResponse? {
        let response = try await client.send("hold", .POST, "/api/v1/reservations", token: token,
                                             body: ["event_id": event.id, "seat_ids": seats],
                                             headers: headers(admission: admission), expected: [201, 409])
        if response.status == 409 { await client.stats.recordConflict() }
        return response.status == 201 ? response : nil
    }

    /// Nil when nothing is left.
    private func pickSeats(_ quantity: Int, random: inout SplitMix64) async throws -> [String]? {
        guard let section = event.seatedSection else { return nil }
        let map = try await client.send("seat_map", .GET, "/api/v1/events/\(event.id)/seats?section=\(section)&status=AVAILABLE")
        let seats = map.array("sections").first?["seats"] as? [[String: Any]] ?? []
        guard !seats.isEmpty else { return nil }
        let wanted = min(quantity, seats.count)
        if index % 2 == 0 {
            return Array(seats.shuffled(using: &random).prefix(wanted)).compactMap { $0["seat_id"] as? String }
        }
        return bestAvailable(wanted, in: seats)
    }

    /// The first run of `count` adjacent seats in one row, front rows first; else the first seats listed.
    private func bestAvailable(_ count: Int, in seats: [[String: Any]]) -> [String] {
        var run: [[String: Any]] = []
        for seat in seats {
            if let last = run.last, last["row"] as? String == seat["row"] as? String,
               (last["number"] as? Int).map({ $0 + 1 }) == seat["number"] as? Int {
                run.append(seat)
            } else {
                run = [seat]
            }
            if run.count == count { return run.compactMap { $0["seat_id"] as? String } }
        }
        return seats.prefix(count).compactMap { $0["seat_id"] as? String }
    }

    private func pay(_ reservationID: String, quantity: Int) async throws {
        let paid = try await client.send("confirm", .POST, "/api/v1/reservations/\(reservationID)/confirm", token: token,
                                         body: ["payment_method_id": "pm_card_visa"])
        guard paid.status == 200 else { return await tally.giveUp() }
        let tickets = paid.array("tickets").map {
            (ticketID: $0["ticket_id"] as? String ?? "", seatID: $0["seat_id"] as? String, qrCode: $0["qr_code"] as? String ?? "")
        }
        await tally.bought(.init(reservationID: reservationID, seatIDs: tickets.compactMap(\.seatID), quantity: quantity, tickets: tickets))
    }
}

/// A live progress line on standard error.
actor Progress {
    let total: Int
    let offered: Int

    init(total: Int, offered: Int) {
        self.total = total
        self.offered = offered
    }

    func run(tally: Tally, stats: StatsBook) async {
        let started = ContinuousClock.now
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(500))
            let totals = await tally.totals()
            let requests = await stats.totalRequests()
            let seconds = max(0.001, Double((ContinuousClock.now - started).microseconds) / 1_000_000)
            let filled = Int(30 * Double(totals.finished) / Double(max(1, total)))
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
            let line = "\r[\(bar)] buyers \(totals.finished)/\(total)  sold \(totals.placesBought)/\(offered)  \(Int(Double(requests) / seconds)) req/s "
            FileHandle.standardError.write(Data(line.utf8))
        }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
