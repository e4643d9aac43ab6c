import BoxOfficeApp
import BoxOfficeCore
import BoxOfficeHTTP
import BoxOfficeServer
import BoxOfficeStore
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Testing

/// The virtual waiting room over HTTP: places, the draw, admission in batches on the
/// injected clock, and reservations that need an admission token.
@Suite struct QueueTests {
    /// 12 a minute in 10-second batches: 2 positions a batch, the first at creation.
    static var twoPerBatch: [String: Any] { Engine.twoPerBatchQueue }

    @Test(arguments: Engine.available)
    func lateJoinersAreAdmittedInExactlyTheirJoinOrder(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyers = try await harness.buyers(7)
        try await harness.withClient { client in
            let event = try await client.createEvent(token: organizer.token, extra: Self.twoPerBatch)
            #expect(event.status == .created)
            let id = try #require(event.string("event_id"))
            #expect((event["queue"] as? [String: Any])?["admit_per_minute"] as? Int == 12)
            var tokens: [String] = []
            for (index, buyer) in buyers.enumerated() {
                let joined = try await client.call(.post, "/api/v1/events/\(id)/queue", token: buyer.token)
                #expect(joined.status == .ok)
                #expect(joined.int("position") == index + 1)
                tokens.append(try #require(joined.string("queue_token")))
            }
            let again = try await client.call(.post, "/api/v1/events/\(id)/queue", token: buyers[4].token)
            #expect(again.int("position") == 5, "joining again keeps the place")

            let fifth = try await client.call(.get, "/api/v1/events/\(id)/queue/status", token: buyers[4].token,
                                              headers: ["X-Queue-Token": tokens[4]])
            #expect(fifth.string("state") == "waiting")
            #expect(fifth.int("ahead") == 2, "positions 3 and 4 are ahead and not yet admitted")
            #expect(fifth.int("estimated_wait_seconds") == 20, "position 5 is in the third batch")
            #expect(fifth.string("admission_token") == nil)

            var admitted: [Int] = []
            for batch in 1...4 {
                for index in buyers.indices where !admitted.contains(index) {
                    let status = try await client.call(.get, "/api/v1/events/\(id)/queue/status", token: buyers[index].token,
                                                       headers: ["X-Queue-Token": tokens[index]])
                    if status.string("state") == "admitted" {
                        #expect(status.string("admission_token") != nil)
                        admitted.append(index)
                    } else {
                        #expect(status.string("state") == "waiting")
                    }
                }
                #expect(admitted.count == min(7, 2 * batch), "batch \(batch) admits two more")
                harness.clock.advance(by: 10)
            }
            #expect(admitted == Array(0..<7), "admitted exactly in join order, each once")
        }
    }

    @Test(arguments: Engine.available)
    func earlyJoinersAreDrawnIntoAPermutationAndLateJoinersFollowThem(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyers = try await harness.buyers(9)
        let saleStart = harness.clock.now().addingTimeInterval(3_600)
        try await harness.withClient { client in
            let event = try await client.createEvent(
                token: organizer.token, saleStartsAt: saleStart.formatted(.iso8601),
                extra: ["queue": ["enabled": true, "admit_per_minute": 600]])
            let id = try #require(event.string("event_id"))
            let early = try await client.call(.post, "/api/v1/events/\(id)/queue", token: buyers[0].token)
            #expect(early.status == .forbidden)
            #expect(early.error == "QUEUE_NOT_OPEN", "the room opens 30 minutes before the sale by default")

            harness.clock.advance(by: 40 * 60)
            var tokens: [String] = []
            for buyer in buyers.prefix(8) {
                let joined = try await client.call(.post, "/api/v1/events/\(id)/queue", token: buyer.token)
                #expect(joined.status == .ok)
                #expect(joined.string("state") == "waiting")
                #expect(joined["position_final"] as? Bool == false)
                tokens.append(try #require(joined.string("queue_token")))
                harness.clock.advance(by: 60)
            }
            harness.clock.set(saleStart.addingTimeInterval(1))
            let late = try await client.call(.post, "/api/v1/events/\(id)/queue", token: buyers[8].token)
            #expect(late.int("position") == 9, "the first late joiner comes after all early ones")

            var positions: [Int] = []
            for (index, token) in tokens.enumerated() {
                let status = try await client.call(.get, "/api/v1/events/\(id)/queue/status", token: buyers[index].token,
                                                   headers: ["X-Queue-Token": token])
                #expect(status["position_final"] as? Bool == true)
                positions.append(try #require(status.int("position")))
                let refreshed = try #require(status.string("queue_token"))
                let again = try await client.call(.get, "/api/v1/events/\(id)/queue/status", headers: ["X-Queue-Token": refreshed])
                #expect(again.int("position") == status.int("position"), "the refreshed token carries the drawn position")
            }
            #expect(positions.sorted() == Array(1...8), "the early joiners' positions are a permutation")
        }
    }

    @Test(arguments: Engine.available)
    func reservationsNeedAnAdmissionTokenOfThisBuyerAndEvent(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let first = try await harness.account()
        let second = try await harness.account()
        try await harness.withClient { client in
            let oneAtATime: [String: Any] = ["queue": ["enabled": true, "admit_per_minute": 6, "admit_interval_seconds": 10]]
            let id = try #require(try await client.createEvent(token: organizer.token, extra: oneAtATime).string("event_id"))
            let otherID = try #require(try await client.createEvent(token: organizer.token, extra: oneAtATime).string("event_id"))
            let seats = try await client.seatIDs(event: id)
            #expect(seats.count == 20, "seat maps stay open to everyone")

            let joined = try await client.call(.post, "/api/v1/events/\(id)/queue", token: first.token)
            let admission = try #require(joined.string("admission_token"), "position 1 is in the first batch")
            let waiting = try await client.call(.post, "/api/v1/events/\(id)/queue", token: second.token)
            #expect(waiting.string("state") == "waiting")
            let elsewhere = try await client.call(.post, "/api/v1/events/\(otherID)/queue", token: first.token)
            let otherAdmission = try #require(elsewhere.string("admission_token"))

            func hold(_ seat: Int, token: String, queueToken: String?) async throws -> APIResponse {
                try await client.call(.post, "/api/v1/reservations", token: token, body: ["event_id": id, "seat_ids": [seats[seat]]],
                                      headers: queueToken.map { ["X-Queue-Token": $0] } ?? [:])
            }
            #expect(try await hold(0, token: first.token, queueToken: nil).error == "QUEUE_REQUIRED")
            #expect(try await hold(0, token: first.token, queueToken: "not-a-token").error == "QUEUE_TOKEN_INVALID")
            var altered = Array(admission)
            let index = altered.index(altered.startIndex, offsetBy: 10)
            altered[index] = altered[index] == "A" ? "B" : "A"
            #expect(try await hold(0, token: first.token, queueToken: String(altered)).error == "QUEUE_TOKEN_INVALID")
            #expect(try await hold(0, token: first.token, queueToken: otherAdmission).error == "QUEUE_TOKEN_INVALID",
                    "another event's admission")
            #expect(try await hold(0, token: second.token, queueToken: admission).error == "QUEUE_TOKEN_INVALID",
                    "another buyer's admission")
            let notYet = try await hold(0, token: second.token, queueToken: waiting.string("queue_token"))
            #expect(notYet.status == .forbidden)
            #expect(notYet.error == "QUEUE_TOKEN_INVALID", "a place not yet admitted")
            #expect(try await client.seatIDs(event: id, status: "HELD").isEmpty, "refusals change nothing")

            let held = try await hold(0, token: first.token, queueToken: admission)
            #expect(held.status == .created)

            harness.clock.advance(by: 10 * 60)
            let expired = try await hold(1, token: first.token, queueToken: admission)
            #expect(expired.status == .forbidden)
            #expect(expired.error == "QUEUE_TOKEN_EXPIRED")
            let status = try await client.call(.get, "/api/v1/events/\(id)/queue/status", token: first.token,
                                               headers: ["X-Queue-Token": try #require(joined.string("queue_token"))])
            #expect(status.string("state") == "expired")
            let rejoined = try await client.call(.post, "/api/v1/events/\(id)/queue", token: first.token)
            #expect(rejoined.int("position") == 3, "an expired buyer rejoins at the back")
        }
    }

    /// Two nodes change one event from stale copies: the second change is applied to what
    /// the first stored, so neither is lost (the store compares before it writes).
    @Test(arguments: Engine.available)
    func changesFromTwoNodesToOneEventAreBothKept(_ engine: Engine) async throws {
        let nodeA = try await TestHarness.make(engine: engine)
        let nodeB = try await nodeA.restarted()
        let organizer = try await nodeA.account(.organizer)
        let id = try await nodeA.withClient { client in
            let id = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            _ = try await client.call(.get, "/api/v1/events/\(id)")
            return id
        }
        try await nodeB.withClient { client in
            let read = try await client.call(.get, "/api/v1/events/\(id)")
            #expect(read.status == .ok, "node B reads the event before A changes it")
        }
        try await nodeA.withClient { client in
            let window: [String: Any] = ["name": "Fan club", "kind": "code", "codes": ["FANS"],
                                         "starts_at": "2029-01-01T10:00:00Z", "ends_at": "2029-01-02T10:00:00Z"]
            let patched = try await client.call(.patch, "/api/v1/events/\(id)", token: organizer.token, body: ["presales": [window], "sale_starts_at": "2029-01-03T10:00:00Z"])
            #expect(patched.status == .ok, "\(patched.json)")
        }
        try await nodeB.withClient { client in
            let patched = try await client.call(.patch, "/api/v1/events/\(id)", token: organizer.token,
                                                body: ["queue": ["enabled": true, "admit_per_minute": 120]])
            #expect(patched.status == .ok, "\(patched.json)")
            #expect((patched["presales"] as? [[String: Any]])?.first?["name"] as? String == "Fan club",
                    "node B's change kept node A's windows")
        }
        let nodeC = try await nodeA.restarted()
        try await nodeC.withClient { client in
            let stored = try await client.call(.get, "/api/v1/events/\(id)")
            #expect((stored["queue"] as? [String: Any])?["admit_per_minute"] as? Int == 120)
            #expect((stored["presales"] as? [[String: Any]])?.count == 1)
        }
        for node in [nodeB, nodeC] { node.system.close() }
    }

    /// The schedule admits positions as time passes whether or not anyone holds them: a
    /// buyer who joins long after the room opened, when nobody is waiting, is admitted on
    /// joining and has a whole session from then (not a session that ended before they came).
    @Test(arguments: Engine.available)
    func aBuyerWhoJoinsWhenNobodyWaitsIsAdmittedForAWholeSession(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyers = try await harness.buyers(2)
        try await harness.withClient { client in
            let id = try #require(try await client.createEvent(token: organizer.token, extra: Self.twoPerBatch).string("event_id"))
            let seats = try await client.seatIDs(event: id)
            let first = try await client.call(.post, "/api/v1/events/\(id)/queue", token: buyers[0].token)
            #expect(first.string("state") == "admitted")

            harness.clock.advance(by: 15 * 60)
            let joinedAt = harness.clock.now()
            let late = try await client.call(.post, "/api/v1/events/\(id)/queue", token: buyers[1].token)
            #expect(late.status == .ok)
            #expect(late.int("position") == 2)
            #expect(late.string("state") == "admitted", "nobody is ahead: admitted on joining")
            let admission = try #require(late.string("admission_token"))
            let queueToken = try #require(late.string("queue_token"))
            let expires = try #require(late.string("admission_expires_at").flatMap { try? Date($0, strategy: .iso8601) })
            #expect(abs(expires.timeIntervalSince(joinedAt.addingTimeInterval(10 * 60))) < 1, "a whole session from the join")

            func hold(_ seat: Int, with token: String) async throws -> APIResponse {
                try await client.call(.post, "/api/v1/reservations", token: buyers[1].token,
                                      body: ["event_id": id, "seat_ids": [seats[seat]]], headers: ["X-Queue-Token": token])
            }
            #expect(try await hold(0, with: admission).status == .created)
            harness.clock.advance(by: 5 * 60)
            #expect(try await hold(1, with: queueToken).status == .created, "the place token admits within the session too")
            let again = try await client.call(.post, "/api/v1/events/\(id)/queue", token: buyers[1].token)
            #expect(again.int("position") == 2, "joining again mid-session keeps the place")
            #expect(again.string("state") == "admitted")

            harness.clock.advance(by: 5 * 60)
            let ended = try await client.call(.get, "/api/v1/events/\(id)/queue/status", token: buyers[1].token,
                                              headers: ["X-Queue-Token": queueToken])
            #expect(ended.string("state") == "expired")
            #expect(try await hold(2, with: admission).error == "QUEUE_TOKEN_EXPIRED")
            #expect(try await hold(2, with: queueToken).error == "QUEUE_TOKEN_EXPIRED")
            let back = try await client.call(.post, "/api/v1/events/\(id)/queue", token: buyers[1].token)
            #expect(back.int("position") == 3, "after the session, the back of the queue")
        }
    }

    /// The schedule rises while nobody waits; a crowd that then comes at once is let in
    /// at the rate after a batch's worth, not all together, in the order they came.
    @Test(arguments: Engine.available)
    func aCrowdAfterAQuietSpellIsAdmittedAtTheRate(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyers = try await harness.buyers(5)
        try await harness.withClient { client in
            // 12 a minute in 10-second batches: one place every 5 s, two at a time.
            let id = try #require(try await client.createEvent(token: organizer.token, extra: Self.twoPerBatch).string("event_id"))
            harness.clock.advance(by: 60 * 60)
            var tokens: [String] = []
            var states: [String] = []
            for buyer in buyers {
                let joined = try await client.call(.post, "/api/v1/events/\(id)/queue", token: buyer.token)
                tokens.append(try #require(joined.string("queue_token")))
                states.append(joined.string("state") ?? "")
            }
            #expect(states == ["admitted", "admitted", "admitted", "waiting", "waiting"],
                    "an hour of unused places admits a batch's worth at once, not the whole crowd")
            func state(_ index: Int) async throws -> APIResponse {
                try await client.call(.get, "/api/v1/events/\(id)/queue/status", token: buyers[index].token,
                                      headers: ["X-Queue-Token": tokens[index]])
            }
            let fourth = try await state(3)
            #expect(fourth.int("estimated_wait_seconds") == 5)
            #expect(fourth.int("ahead") == 1)
            harness.clock.advance(by: 5)
            #expect(try await state(3).string("state") == "admitted")
            #expect(try await state(4).string("state") == "waiting")
            harness.clock.advance(by: 5)
            let fifth = try await state(4)
            #expect(fifth.string("state") == "admitted")
            #expect(fifth.string("admission_token") != nil)
        }
    }

    /// Rate 0 pauses admission from the next batch: waiting buyers keep their places and
    /// are told it is paused, nobody more may hold, and raising the rate resumes in order.
    @Test(arguments: Engine.available)
    func anOrganizerPausesAdmissionAndResumesItInOrder(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyers = try await harness.buyers(4)
        try await harness.withClient { client in
            let oneAtATime: [String: Any] = ["queue": ["enabled": true, "admit_per_minute": 6, "admit_interval_seconds": 10]]
            let id = try #require(try await client.createEvent(token: organizer.token, extra: oneAtATime).string("event_id"))
            let path = "/api/v1/events/\(id)"
            var tokens: [String] = []
            for buyer in buyers.prefix(3) {
                let joined = try await client.call(.post, "\(path)/queue", token: buyer.token)
                tokens.append(try #require(joined.string("queue_token")))
                #expect(joined["admission_paused"] as? Bool == false)
            }
            func status(_ index: Int) async throws -> APIResponse {
                try await client.call(.get, "\(path)/queue/status", token: buyers[index].token, headers: ["X-Queue-Token": tokens[index]])
            }
            #expect(try await status(0).string("state") == "admitted")

            let paused = try await client.call(.patch, path, token: organizer.token, body: ["queue": ["enabled": true, "admit_per_minute": 0]])
            #expect(paused.status == .ok)
            #expect((paused["queue"] as? [String: Any])?["admit_per_minute"] as? Int == 0)
            harness.clock.advance(by: 70)
            let second = try await status(1)
            #expect(second.string("state") == "waiting")
            #expect(second["admission_paused"] as? Bool == true)
            #expect(second.int("position") == 2)
            #expect(second.int("ahead") == 0)
            #expect(try await status(0).string("state") == "admitted", "an admitted buyer keeps the session")
            let seats = try await client.seatIDs(event: id)
            let refused = try await client.call(.post, "/api/v1/reservations", token: buyers[1].token,
                                                body: ["event_id": id, "seat_ids": [seats[0]]], headers: ["X-Queue-Token": tokens[1]])
            #expect(refused.error == "QUEUE_TOKEN_INVALID")
            let late = try await client.call(.post, "\(path)/queue", token: buyers[3].token)
            #expect(late.int("position") == 4)
            #expect(late["admission_paused"] as? Bool == true)

            #expect(try await client.call(.patch, path, token: organizer.token,
                                          body: ["queue": ["enabled": true, "admit_per_minute": 6]]).status == .ok)
            harness.clock.advance(by: 10)
            let resumed = try await status(1)
            #expect(resumed.string("state") == "admitted")
            let admission = try #require(resumed.string("admission_token"))
            #expect(try await client.call(.post, "/api/v1/reservations", token: buyers[1].token,
                                          body: ["event_id": id, "seat_ids": [seats[0]]], headers: ["X-Queue-Token": admission]).status == .created)
            let third = try await status(2)
            #expect(third.string("state") == "waiting")
            #expect(third["admission_paused"] as? Bool == false)
            #expect(third.int("estimated_wait_seconds") ?? 0 > 0)
        }
    }

    @Test(arguments: Engine.available)
    func queueTokensAreCheckedOnTheStatusRouteToo(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let other = try await harness.account()
        try await harness.withClient { client in
            let id = try #require(try await client.createEvent(token: organizer.token, extra: Self.twoPerBatch).string("event_id"))
            let plain = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let token = try #require(try await client.call(.post, "/api/v1/events/\(id)/queue", token: buyer.token).string("queue_token"))
            let status = "/api/v1/events/\(id)/queue/status"
            #expect(try await client.call(.get, status, token: buyer.token).error == "QUEUE_REQUIRED")
            #expect(try await client.call(.get, status, token: other.token, headers: ["X-Queue-Token": token]).error == "QUEUE_TOKEN_INVALID")
            #expect(try await client.call(.get, status, headers: ["X-Queue-Token": token + "x"]).error == "QUEUE_TOKEN_INVALID")
            #expect(try await client.call(.get, "/api/v1/events/\(plain)/queue/status", headers: ["X-Queue-Token": token]).error
                    == "QUEUE_TOKEN_INVALID")
            let disabled = try await client.call(.post, "/api/v1/events/\(plain)/queue", token: buyer.token)
            #expect(disabled.status == .conflict)
            #expect(disabled.error == "QUEUE_DISABLED")
            #expect(try await client.call(.post, "/api/v1/events/\(id)/queue").status == .unauthorized)
            let unknown = try await client.call(.post, "/api/v1/events/\(UUID().text)/queue", token: buyer.token)
            #expect(unknown.error == "EVENT_NOT_FOUND")
            #expect(try await client.call(.get, status, headers: ["queue_token": token]).status == .forbidden)
            #expect(try await client.call(.get, status + "?queue_token=\(token)").string("state") == "admitted")
        }
    }

    @Test(arguments: Engine.available)
    func theStreamSaysTheMomentABuyerIsAdmitted(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let buyers = [try await harness.account(), try await harness.account(), try await harness.account()]
        try await harness.withClient { client in
            let id = try #require(try await client.createEvent(token: organizer.token, extra: Self.twoPerBatch).string("event_id"))
            var third = ""
            for buyer in buyers {
                third = try #require(try await client.call(.post, "/api/v1/events/\(id)/queue", token: buyer.token).string("queue_token"))
            }
            let clock = harness.clock
            let advance = Task {
                try await Task.sleep(for: .milliseconds(1_500))
                clock.advance(by: 10)
            }
            let stream = try await client.call(.get, "/api/v1/events/\(id)/queue/stream", headers: ["X-Queue-Token": third])
            try await advance.value
            #expect(stream.headers[.contentType] == "text/event-stream")
            let events = stream.text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            #expect(events.count == 2)
            #expect(events.first?.hasPrefix("event: status\ndata: {") == true)
            #expect(events.last?.hasPrefix("event: admitted\ndata: {") == true)
            #expect(events.last?.contains("\"admission_token\":\"Q1.") == true)
        }
    }

    @Test func queueRoutesAreRateLimitedPerAccount() async throws {
        var configuration = TestHarness.configuration(path: TestHarness.temporaryDatabasePath(), clock: ManualClock())
        configuration.accountRateLimit = TokenBucketLimit(rate: 1, capacity: 3)
        let harness = try await TestHarness.open(configuration, engine: .sqlite)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let id = try #require(try await client.createEvent(token: organizer.token, extra: Self.twoPerBatch).string("event_id"))
            let token = try #require(try await client.call(.post, "/api/v1/events/\(id)/queue", token: buyer.token).string("queue_token"))
            for _ in 0..<2 {
                #expect(try await client.call(.get, "/api/v1/events/\(id)/queue/status", token: buyer.token,
                                              headers: ["X-Queue-Token": token]).status == .ok)
            }
            let limited = try await client.call(.get, "/api/v1/events/\(id)/queue/status", token: buyer.token,
                                                headers: ["X-Queue-Token": token])
            #expect(limited.status == .tooManyRequests)
            #expect(limited.error == "RATE_LIMITED")
            #expect(limited.headers[.retryAfter] != nil)
            #expect(try await client.call(.get, "/api/v1/events/\(id)/seats").status == .ok, "seat maps are not limited")
        }
    }

    @Test(arguments: Engine.available)
    func organizersChangeTheQueueByPatchAndOthersMayNot(_ engine: Engine) async throws {
        let harness = try await TestHarness.make(engine: engine)
        let organizer = try await harness.account(.organizer)
        let rival = try await harness.account(.organizer)
        let admin = try await harness.account(.admin)
        let buyer = try await harness.account()
        try await harness.withClient { client in
            let id = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let path = "/api/v1/events/\(id)"
            let body: [String: Any] = ["queue": ["enabled": true, "admit_per_minute": 120]]
            #expect(try await client.call(.patch, path, token: buyer.token, body: body).status == .forbidden)
            #expect(try await client.call(.patch, path, token: rival.token, body: body).status == .forbidden)
            #expect(try await client.call(.patch, path, body: body).status == .unauthorized)
            let invalid = try await client.call(.patch, path, token: organizer.token, body: ["queue": ["enabled": true, "admit_per_minute": -1]])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.error == "VALIDATION_ERROR")
            #expect(try await client.call(.get, path)["queue"] == nil, "a refused change changes nothing")

            let patched = try await client.call(.patch, path, token: organizer.token, body: body)
            #expect(patched.status == .ok)
            let queue = try #require(patched["queue"] as? [String: Any])
            #expect(queue["enabled"] as? Bool == true)
            #expect(queue["session_minutes"] as? Int == 10, "the session defaults to 10 minutes")
            let seats = try await client.seatIDs(event: id)
            #expect(try await client.hold([seats[0]], event: id, token: buyer.token).error == "QUEUE_REQUIRED")

            let off = try await client.call(.patch, path, token: admin.token, body: ["queue": ["enabled": false]])
            #expect(off.status == .ok, "an admin may change any event")
            #expect(try await client.hold([seats[0]], event: id, token: buyer.token).status == .created)
        }
    }
}
