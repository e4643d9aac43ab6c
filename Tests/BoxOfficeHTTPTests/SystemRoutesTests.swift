import BoxOfficeCore
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Testing

@Suite struct SystemRoutesTests {
    @Test func openAPIDocumentDescribesEveryRouteWithItsErrors() async throws {
        let harness = try await TestHarness.make()
        let document = try await harness.withClient { try await $0.call(.get, "/openapi.json") }
        #expect(document.status == .ok)
        #expect(document.string("openapi") == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        // Which routes exist is checked against the router (APIDescriptionTests); here, that each has its answers.
        for (path, operations) in paths {
            for (method, operation) in operations where ["get", "post", "patch", "put", "delete"].contains(method) {
                let responses = (operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                #expect(!responses.isEmpty, "\(method.uppercased()) \(path) has no responses")
            }
        }
        let hold = paths["/api/v1/reservations"]?["post"] as? [String: Any]
        let holdResponses = hold?["responses"] as? [String: Any] ?? [:]
        for status in ["201", "401", "404", "409", "422"] {
            #expect(holdResponses[status] != nil, "hold documents \(status)")
        }
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        #expect(schemas["Error"] != nil)
    }

    @Test func healthAndPublicKeys() async throws {
        let harness = try await TestHarness.make()
        try await harness.withClient { client in
            #expect(try await client.call(.get, "/healthz").string("status") == "ok")
            let keys = try await client.call(.get, "/api/v1/keys/tickets").array("keys")
            #expect(keys.first?["key_id"] as? String == harness.system.signer.keyID)
            #expect(keys.first?["algorithm"] as? String == "Ed25519")
            let raw = try #require(Data(base64Encoded: keys.first?["public_key"] as? String ?? ""))
            #expect(raw == harness.system.signer.publicKey.rawRepresentation)
        }
    }

    @Test func buyerPageAndCheckoutLinks() async throws {
        let harness = try await TestHarness.make()
        try await harness.withClient { client in
            let page = try await client.call(.get, "/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("<script type=\"module\" src=\"/js/main.js\">"))
            // The page's code, now in its modules, talks to the same API.
            let apiClient = try await client.call(.get, "/js/api.js")
            let checkoutCode = try await client.call(.get, "/js/checkout.js")
            #expect(apiClient.text.contains("/api/v1") && checkoutCode.text.contains("/reservations"))
            let id = UUID().text
            let checkout = try await client.call(.get, "/checkout/\(id)")
            #expect(checkout.status == .found)
            #expect(checkout.headers[.location] == "/#/checkout/\(id)")
        }
    }

    @Test func readinessReportsTheDatabase() async throws {
        let harness = try await TestHarness.make()
        let ready = try await harness.withClient { try await $0.call(.get, "/readyz") }
        #expect(ready.status == .ok)
        #expect(ready.string("status") == "ready")
    }

    @Test func metricsMoveAfterAHoldAConfirmAndAConflict() async throws {
        let harness = try await TestHarness.make()
        let organizer = try await harness.account(.organizer)
        let buyer = try await harness.account()
        let rival = try await harness.account()
        try await harness.withClient { client in
            let (eventID, seats, reservationID) = try await client.heldSeats(2, organizer: organizer.token, buyer: buyer.token)
            #expect(try await client.hold(seats, event: eventID, token: rival.token).status == .conflict)
            #expect(try await client.confirm(reservationID, token: buyer.token).status == .ok)

            let metrics = try await client.call(.get, "/metrics")
            #expect(metrics.status == .ok)
            let lines = metrics.text.split(separator: "\n").map(String.init)
            func value(_ prefix: String) -> Double? {
                lines.first { $0.hasPrefix(prefix + " ") || $0.hasPrefix(prefix + "{") }
                    .flatMap { $0.split(separator: " ").last.flatMap { Double($0) } }
            }
            #expect(value("boxoffice_reservation_attempts_total") == 2)
            #expect(value("boxoffice_reservation_success_total") == 1)
            #expect(value("boxoffice_reservation_conflicts_total") == 1)
            #expect(value("boxoffice_payment_success_total") == 1)
            #expect(value("boxoffice_tickets_issued_total") == 2)
            #expect(value("boxoffice_reservation_duration_seconds_count") == 2)
            #expect(value("boxoffice_payment_duration_seconds_count") == 1)
            #expect(value("boxoffice_active_holds") == 0)
            #expect(lines.contains { $0.hasPrefix("boxoffice_seats_available{event_id=\"\(eventID)\"} 18") })
            #expect(lines.contains { $0.hasPrefix("boxoffice_http_requests_total{") && $0.contains("route=\"/api/v1/reservations\"") && $0.contains("status=\"409\"") })
            #expect(lines.contains { $0.hasPrefix("boxoffice_http_request_duration_seconds_count{") })
        }
    }
}
