import BoxOfficeHTTP
import BoxOfficeServer
import BoxOfficeTestSupport
import Foundation
import Testing

/// The API description (`Resources/openapi.json`) and the router agree, both ways, and
/// every answer an HTTP test receives is checked against the description (see `call`).
@Suite struct APIDescriptionTests {
    /// Paths answered by the web root's files rather than a route.
    static let servedAsFiles: Set<String> = ["GET /"]

    @Test func everyRouteIsDescribedAndEveryDescribedOperationIsARoute() async throws {
        let harness = try await TestHarness.make()
        let routes = Set(routeList(harness.system.http, settings: harness.system.httpSettings))
        let described = Set(APIContract.description.operations.map { "\($0.method.uppercased()) \($0.path)" })
        #expect(routes.subtracting(described).sorted() == [], "routes the description lacks")
        #expect(described.subtracting(routes).subtracting(Self.servedAsFiles).sorted() == [], "described operations no route serves")
    }

    @Test func theDescriptionsOwnExamplesConformToItsSchemas() {
        let (checked, violations) = APIContract.description.exampleViolations()
        #expect(checked > 100)
        #expect(violations == [])
        #expect(APIContract.description.unsupportedKeywords == [], "schema keywords the validator would not check")
    }

    @Test func theServedDescriptionIsTheFile() async throws {
        let harness = try await TestHarness.make()
        let served = try await harness.withClient { try await $0.call(.get, "/openapi.json") }
        #expect(served.status == .ok)
        #expect(Array(served.text.utf8) == WebResources.openAPIDocument)
    }
}
