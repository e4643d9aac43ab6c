import BoxOfficeCore
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Testing

/// Token buckets per account and per address, on the injected clock.
@Suite struct RateLimitTests {
    @Test func accountsAndAddressesAreLimitedOnWritesOnly() async throws {
        var configuration = TestHarness.configuration(path: TestHarness.temporaryDatabasePath(), clock: ManualClock())
        configuration.accountRateLimit = TokenBucketLimit(rate: 1, capacity: 3)
        configuration.addressRateLimit = TokenBucketLimit(rate: 2, capacity: 5)
        let harness = try await TestHarness.open(configuration, engine: .sqlite)
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let other = try await harness.account()
        try await harness.withClient { client in
            let eventID = try #require(try await client.createEvent(token: organizer.token).string("event_id"))
            let seats = try await client.seatIDs(event: eventID)
            for index in 0..<3 { #expect(try await client.hold([seats[index]], event: eventID, token: buyer.token).status == .created) }
            let limited = try await client.hold([seats[3]], event: eventID, token: buyer.token)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.error == "RATE_LIMITED")
            #expect(limited.headers[.retryAfter] == "1")
            #expect(try await client.call(.get, "/api/v1/me/tickets", token: buyer.token).status == .ok, "reads are not limited")
            #expect(try await client.call(.get, "/api/v1/events/\(eventID)/seats").status == .ok)
            #expect(try await client.call(.get, "/healthz").status == .ok)
            #expect(try await client.seatIDs(event: eventID, status: "HELD").count == 3, "a limited request changes nothing")

            #expect(try await client.hold([seats[4]], event: eventID, token: other.token).status == .created, "each account has its own bucket")
            harness.clock.advance(by: 1)
            #expect(try await client.hold([seats[5]], event: eventID, token: buyer.token).status == .created, "the bucket refills")
            // The address bucket is shared by every account from one address: 5 at first, four
            // taken (three holds and the other account's), two back after a second, one taken.
            let third = try await harness.account()
            var statuses: [HTTPResponse.Status] = []
            for seat in seats[6...8] { statuses.append(try await client.hold([seat], event: eventID, token: third.token).status) }
            #expect(statuses == [.created, .created, .tooManyRequests])
        }
    }

    @Test func bucketsRefillAtTheirRateUpToTheirCapacity() {
        var buckets = TokenBuckets(limit: TokenBucketLimit(rate: 2, capacity: 4))
        let start = Date(timeIntervalSince1970: 0)
        for _ in 0..<4 { #expect(buckets.take("a", at: start) == nil) }
        #expect(buckets.take("a", at: start) == 0.5)
        #expect(buckets.take("a", at: start.addingTimeInterval(0.5)) == nil)
        #expect(buckets.take("a", at: start.addingTimeInterval(100)) == nil)
        for _ in 0..<3 { #expect(buckets.take("a", at: start.addingTimeInterval(100)) == nil) }
        #expect(buckets.take("a", at: start.addingTimeInterval(100)) != nil, "capacity caps the refill")
        #expect(buckets.take("b", at: start) == nil)
    }
}
