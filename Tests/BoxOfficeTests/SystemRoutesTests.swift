import BoxOfficeCore
import Foundation
import HTTPTypes
import Testing

@Suite struct SystemRoutesTests {
    static let documentedRoutes: [(String, String)] = [
        ("get", "/healthz"), ("get", "/openapi.json"), ("get", "/api/v1/keys/tickets"),
        ("post", "/api/v1/auth/register"), ("post", "/api/v1/auth/login"),
        ("get", "/api/v1/events"), ("post", "/api/v1/events"), ("get", "/api/v1/events/{event_id}"),
        ("get", "/api/v1/events/{event_id}/seats"),
        ("post", "/api/v1/reservations"), ("get", "/api/v1/reservations/{reservation_id}"),
        ("delete", "/api/v1/reservations/{reservation_id}"), ("get", "/api/v1/reservations/{reservation_id}/tickets"),
        ("post", "/api/v1/reservations/{reservation_id}/confirm"),
        ("get", "/api/v1/me/tickets"), ("get", "/api/v1/tickets/{ticket_id}"),
    ]

    @Test func openAPIDocumentDescribesEveryRouteWithItsErrors() async throws {
        let harness = try await TestHarness.make()
        let document = try await harness.withClient { try await $0.call(.get, "/openapi.json") }
        #expect(document.status == .ok)
        #expect(document.string("openapi") == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        for (method, path) in Self.documentedRoutes {
            let operation = paths[path]?[method] as? [String: Any]
            #expect(operation != nil, "\(method.uppercased()) \(path) is not documented")
            let responses = operation?["responses"] as? [String: Any] ?? [:]
            #expect(!responses.isEmpty, "\(method.uppercased()) \(path) has no responses")
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
}
