import BoxOfficeCore
import Foundation
import Testing

/// The admission schedule, the tokens and the presale rule, without any I/O.
@Suite struct QueueScheduleTests {
    let start = Date(timeIntervalSince1970: 1_900_000_000)

    func settings(perMinute: Int = 12, interval: Int = 10, session: Int = 10) -> QueueSettings {
        QueueSettings(enabled: true, opensAt: start.addingTimeInterval(-1_800), admitPerMinute: perMinute, sessionMinutes: session,
                      admitIntervalSeconds: interval).scheduled(saleStart: start, now: start.addingTimeInterval(-60))
    }

    @Test func theWatermarkRisesOneBatchPerIntervalFromTheSaleStart() {
        let queue = settings()
        #expect(queue.watermark(at: start.addingTimeInterval(10)) - queue.watermark(at: start) == 2, "12 a minute: two a batch")
        #expect(settings(perMinute: 1).watermark(at: start) == 1, "one a minute admits one at the start")
        #expect(settings(perMinute: 1).watermark(at: start.addingTimeInterval(59)) == 1)
        #expect(settings(perMinute: 1).watermark(at: start.addingTimeInterval(60)) == 2, "and the next a minute later")
        #expect(settings(perMinute: 100).watermark(at: start.addingTimeInterval(3_599)) == 6_000, "100 a minute for an hour")
        #expect(queue.watermark(at: start.addingTimeInterval(-1)) == 0)
        #expect(queue.watermark(at: start) == 2)
        #expect(queue.watermark(at: start.addingTimeInterval(9.999)) == 2)
        #expect(queue.watermark(at: start.addingTimeInterval(10)) == 4)
        #expect(queue.watermark(at: start.addingTimeInterval(95)) == 20)
    }

    @Test func everyPositionIsAdmittedAtTheFirstInstantTheWatermarkReachesIt() {
        var queue = settings()
        let changeAt = start.addingTimeInterval(35)
        queue.admitPerMinute = 60
        queue.admitIntervalSeconds = 5
        queue = queue.scheduled(saleStart: start, now: changeAt)
        #expect(queue.segments.count == 2)
        #expect(queue.segments[1].startsAt == start.addingTimeInterval(40), "the new rate starts at the next batch")
        #expect(queue.watermark(at: changeAt) == 8, "batches already admitted stay admitted")
        for position in 1...60 {
            for rate in [1, 7, 100, 2_000] {
                let other = settings(perMinute: rate)
                let time = try! #require(other.admissionTime(of: position))
                #expect(other.watermark(at: time) >= position && other.watermark(at: time.addingTimeInterval(-0.001)) < position,
                        "rate \(rate), position \(position)")
            }
            let admitted = try! #require(queue.admissionTime(of: position))
            #expect(queue.watermark(at: admitted) >= position)
            #expect(queue.watermark(at: admitted.addingTimeInterval(-0.001)) < position)
        }
    }

    @Test func standingsTellWaitingAdmittedAndExpired() {
        let queue = settings()
        let waiting = queue.standing(position: 7, admitAt: nil, now: start.addingTimeInterval(5))
        #expect(waiting.state == .waiting)
        #expect(waiting.ahead == 4)
        #expect(waiting.estimatedWaitSeconds == 25)
        let admitted = queue.standing(position: 7, admitAt: nil, now: start.addingTimeInterval(31))
        #expect(admitted.state == .admitted)
        #expect(admitted.sessionEndsAt == start.addingTimeInterval(30 + 600))
        #expect(queue.standing(position: 7, admitAt: nil, now: start.addingTimeInterval(630)).state == .expired)
        #expect(queue.expiredThrough(at: start.addingTimeInterval(630)) == 8)
    }

    /// The schedule passed position 7 at 30 s; a buyer who takes it at 700 s (nobody
    /// queued meanwhile) is admitted at their own earliest admission, and has a whole
    /// session from then.
    @Test func aPlaceTakenAfterTheScheduleReachedItIsAdmittedForAWholeSessionFromItsOwnAdmission() {
        let queue = settings()
        let joined = start.addingTimeInterval(700)
        let standing = queue.standing(position: 7, admitAt: joined, now: joined)
        #expect(standing.state == .admitted)
        #expect(standing.admittedAt == joined)
        #expect(standing.sessionEndsAt == joined.addingTimeInterval(600))
        #expect(queue.standing(position: 7, admitAt: joined, now: joined.addingTimeInterval(599)).state == .admitted)
        #expect(queue.standing(position: 7, admitAt: joined, now: joined.addingTimeInterval(600)).state == .expired)
        #expect(queue.standing(position: 7, admitAt: nil, now: joined).state == .expired,
                "read by the schedule alone, the place's session ended long ago")
        let later = queue.standing(position: 7, admitAt: joined.addingTimeInterval(3), now: joined)
        #expect(later.state == .waiting, "behind others who came just before")
        #expect(later.estimatedWaitSeconds == 3)
        #expect(later.ahead == 1, "the rate (12 a minute) admits one in 3 seconds")

        func join(at now: Date) -> QueueJoin {
            QueueJoin(eventID: UUID(), userID: UUID(), now: now, drawBoundary: start, draw: 0,
                      expiredThrough: queue.expiredThrough(at: now), expiredIfAdmittedBefore: now.addingTimeInterval(-queue.sessionLength),
                      spacing: 5, burst: 10)
        }
        let place = QueueEntry(userID: UUID(), position: 7, draw: nil, joinedAt: joined, admitAt: joined)
        #expect(!join(at: joined.addingTimeInterval(300)).hasEnded(place), "joining again mid-session keeps the place")
        #expect(join(at: joined.addingTimeInterval(600)).hasEnded(place), "after the session, back of the queue")
        let early = QueueEntry(userID: UUID(), position: 7, draw: nil, joinedAt: start, admitAt: nil)
        #expect(join(at: start.addingTimeInterval(630)).hasEnded(early))
        #expect(!join(at: start.addingTimeInterval(629)).hasEnded(early))

        var crowd = join(at: joined)
        crowd.admittedThrough = 10
        #expect(crowd.admission(position: 8, after: nil)! == (joined, joined), "the schedule passed it: the clock paces it")
        #expect(crowd.admission(position: 8, after: joined.addingTimeInterval(-60))! == (joined, joined), "the clock has long caught up")
        #expect(crowd.admission(position: 8, after: joined.addingTimeInterval(2))! == (joined.addingTimeInterval(7), joined),
                "within the burst: in at once")
        #expect(crowd.admission(position: 8, after: joined.addingTimeInterval(12))! == (joined.addingTimeInterval(17), joined.addingTimeInterval(7)),
                "past the burst: at the rate")
        #expect(crowd.admission(position: 11, after: joined.addingTimeInterval(12))! == (joined.addingTimeInterval(17), joined.addingTimeInterval(7)),
                "past the schedule, but behind a crowd the clock still paces: the clock too")
        #expect(crowd.admission(position: 11, after: joined.addingTimeInterval(2)) == nil, "otherwise the schedule paces it")
        #expect(crowd.admission(position: 11, after: nil) == nil)
    }

    @Test func tokensVerifyOnlyUnalteredAndCarryTheirPlace() throws {
        let signer = QueueTokenSigner(secret: Data("a shared secret of enough length!".utf8))
        let pass = QueuePass(kind: .place, eventID: UUID(), userID: UUID(), position: nil, draw: 12_345, provisionalPosition: 3)
        let token = signer.sign(pass)
        #expect(signer.verify(token) == pass)
        #expect(QueueTokenSigner(secret: Data("another secret of enough length!!".utf8)).verify(token) == nil)
        for index in token.indices where token[index] != "." {
            var altered = token
            altered.replaceSubrange(index...index, with: token[index] == "A" ? "B" : "A")
            #expect(signer.verify(altered) == nil, "altered at \(token.distance(from: token.startIndex, to: index))")
        }
    }

    @Test func earlyDrawsAreDistinctAndProvisionalPlacesStayInRange() {
        let draws = (1...1_000).map { QueueJoin.storedDraw(random: 42, sequence: $0) }
        #expect(Set(draws).count == 1_000, "equal random parts are still told apart")
        for _ in 0..<100 {
            let place = QueueEntry.provisionalPosition(draw: QueueJoin.storedDraw(random: QueueJoin.randomDraw(), sequence: 1),
                                                       earlyCount: 50)
            #expect((1...50).contains(place))
        }
    }

    @Test func presaleAccessFollowsTheOpenWindows() throws {
        let fans = PresaleWindow(name: "Fans", startsAt: start, endsAt: start.addingTimeInterval(3_600), kind: .code, codes: ["Fan1"])
        let list = PresaleWindow(name: "List", startsAt: start, endsAt: start.addingTimeInterval(3_600), kind: .list,
                                 emails: ["a@b.test"])
        let access = SaleAccess(saleStartsAt: start.addingTimeInterval(7_200), presales: [fans, list])
        let during = start.addingTimeInterval(60)
        #expect(throws: BookingError.saleNotStarted(start)) { try access.window(at: start.addingTimeInterval(-1), email: nil, code: nil) }
        #expect(throws: BookingError.presaleRequired(["Fans", "List"])) { try access.window(at: during, email: "x@y.test", code: nil) }
        #expect(throws: BookingError.presaleCodeInvalid) { try access.window(at: during, email: nil, code: "nope") }
        #expect(try access.window(at: during, email: nil, code: "FAN1")?.name == "Fans")
        #expect(try access.window(at: during, email: "a@b.test", code: nil)?.name == "List")
        #expect(throws: BookingError.saleNotStarted(start.addingTimeInterval(7_200)), "a window ends at its ends_at") {
            try access.window(at: start.addingTimeInterval(3_600), email: nil, code: "FAN1")
        }
        #expect(try access.window(at: start.addingTimeInterval(7_200), email: nil, code: nil) == nil, "general on-sale")
    }
}
