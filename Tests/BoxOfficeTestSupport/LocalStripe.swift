import BoxOfficePayments
import BoxOfficeServer
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The fake Stripe the payment tests talk to: `localstripe`, which
/// `scripts/with-localstripe.sh` (part of `scripts/test.sh`) starts on a loopback port
/// and names in `BOXOFFICE_TEST_STRIPE_API_BASE`. Like the PostgreSQL tests, the Stripe
/// tests skip, saying so, when it is not there, and fail when it is required
/// (`BOXOFFICE_REQUIRE_STRIPE=1`).
package enum LocalStripe {
    package static let apiBase: String? = {
        guard let base = ProcessInfo.processInfo.environment["BOXOFFICE_TEST_STRIPE_API_BASE"], !base.isEmpty,
              let host = URLComponents(string: base)?.host, ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) else { return nil }
        return base
    }()

    package static var isAvailable: Bool { apiBase != nil }
    package static let skipNote: Comment = "Stripe tests SKIPPED: BOXOFFICE_TEST_STRIPE_API_BASE is not set. Run scripts/test.sh to start localstripe."

    /// Every test run gets its own key; localstripe accepts any `sk_` key.
    package static let secretKey = "sk_test_boxoffice_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16))"

    package static func provider(timeout: Duration = .seconds(10), apiBase: String? = nil) -> PaymentProvider {
        .stripe(StripeGateway.Configuration(secretKey: secretKey, apiBase: apiBase ?? Self.apiBase ?? "http://127.0.0.1:9", timeout: timeout))
    }

    /// The intents localstripe holds for a reservation, found by our metadata.
    package static func intents(ofReservation reservationID: String) async throws -> [[String: Any]] {
        let all = try await get("/v1/payment_intents?limit=10000")["data"] as? [[String: Any]] ?? []
        return all.filter { ($0["metadata"] as? [String: Any])?["reservation_id"] as? String == reservationID }
    }

    /// The charges localstripe made for an intent.
    package static func charges(ofIntent intentID: String) async throws -> [[String: Any]] {
        let all = try await get("/v1/charges?limit=10000")["data"] as? [[String: Any]] ?? []
        return all.filter { $0["payment_intent"] as? String == intentID }
    }

    /// GETs an object from localstripe's API (to see what the provider recorded).
    package static func get(_ path: String) async throws -> [String: Any] {
        var request = URLRequest(url: URL(string: try #require(apiBase) + path)!)
        request.setValue("Bearer \(secretKey)", forHTTPHeaderField: "Authorization")
        let (data, _) = try await URLSession.shared.data(for: request)
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
