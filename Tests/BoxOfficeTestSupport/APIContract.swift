import BoxOfficeHTTP
import Foundation
import Testing

/// The parsed API description the tests check answers against.
package enum APIContract {
    package static let description: OpenAPIDescription = {
        do {
            return try OpenAPIDescription(data: Data(WebResources.openAPIDocument))
        } catch {
            fatalError("Resources/openapi.json does not parse: \(error)")
        }
    }()

    /// Records a test issue when an answer disagrees with the description. Paths the
    /// description does not list (a test asking for an unknown route) are not checked here:
    /// the router test above keeps the two lists equal.
    package static func check(method: String, uri: String, status: Int, contentType: String?, contentEncoding: String?, body: Data) {
        // A compressed body is checked by the test that asked for it (it decompresses it).
        guard contentEncoding == nil || contentEncoding == "identity" else { return }
        let path = String(uri.prefix { $0 != "?" })
        guard description.operations.contains(where: { $0.method.uppercased() == method.uppercased() && matches(path, $0.path) }) else {
            return
        }
        let violations = description.violations(method: method, path: path, status: status, contentType: contentType, body: body)
        if !violations.isEmpty {
            Issue.record("\(method) \(path) answered \(status) against its description: \(violations.joined(separator: "; "))")
        }
    }

    private static func matches(_ path: String, _ template: String) -> Bool {
        let concrete = path.split(separator: "/", omittingEmptySubsequences: false)
        let pattern = template.split(separator: "/", omittingEmptySubsequences: false)
        guard concrete.count == pattern.count else { return false }
        return zip(concrete, pattern).allSatisfy { part, expected in
            if let open = expected.firstIndex(of: "{"), let close = expected.firstIndex(of: "}") {
                return part.hasPrefix(expected[..<open]) && part.hasSuffix(expected[expected.index(after: close)...])
                    && part.count > expected[..<open].count + expected[expected.index(after: close)...].count
            }
            return part == expected
        }
    }
}
