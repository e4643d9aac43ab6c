import BoxOfficeHTTP
import BoxOfficeTestSupport
import Foundation
import HTTPTypes
import Testing

/// The buyer page is served from its files with revalidation, and every script parses.
@Suite struct WebPageFilesTests {
    static var webRoot: URL { URL(fileURLWithPath: WebResources.webRoot) }

    static var scripts: [URL] {
        let folder = webRoot.appendingPathComponent("js")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".js") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test func filesAreServedWithValidatorsAndRevalidatedOnEveryLoad() async throws {
        let harness = try await TestHarness.make()
        try await harness.withClient { client in
            for path in ["/", "/css/app.css", "/js/main.js", "/scanner/", "/organizer/", "/js/ticketcode.js"] {
                let first = try await client.call(.get, path)
                #expect(first.status == .ok, "\(path)")
                #expect(first.headers[.cacheControl] == "no-cache", "\(path) must be revalidated, never run stale")
                #expect(first.headers[.lastModified] != nil, "\(path)")
                let etag = try #require(first.headers[.eTag], "\(path) has an ETag")
                let again = try await client.call(.get, path, headers: ["If-None-Match": etag])
                #expect(again.status == .notModified, "\(path) unchanged answers 304")
            }
            #expect(try await client.call(.get, "/js/main.js").headers[.contentType]?.hasPrefix("text/javascript") == true)
            #expect(try await client.call(.get, "/js/no-such-module.js").status == .notFound)
            // The door scanner's and the organizer's pages live at short addresses.
            for page in ["/scanner", "/organizer"] {
                let redirect = try await client.call(.get, page)
                #expect([301, 308].contains(redirect.status.code) && redirect.headers[.location] == page + "/", "\(page): \(redirect.status)")
                #expect(try await client.call(.get, page + "/").text.contains("<script type=\"module\""), "\(page)/")
            }
        }
    }

    @Test func pagesRunOnlyTheServersOwnScriptsAndTalkOnlyToIt() async throws {
        let harness = try await TestHarness.make()
        try await harness.withClient { client in
            for path in ["/", "/js/main.js", "/favicon.svg", "/scanner/", "/organizer/"] {
                let response = try await client.call(.get, path)
                #expect(response.status == .ok, "\(path)")
                let policy = try #require(response.headers[.contentSecurityPolicy], "\(path) has a Content-Security-Policy")
                let directives = Dictionary(uniqueKeysWithValues: policy.split(separator: ";").map { directive in
                    let words = directive.split(separator: " ").map(String.init)
                    return (words[0], Set(words.dropFirst()))
                })
                #expect(directives["script-src"] == ["'self'"], "scripts only from this server, none inline")
                #expect(directives["connect-src"] == ["'self'"], "the API and the live socket only")
                #expect(directives["frame-ancestors"] == ["'none'"])
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
            #expect(try await client.call(.get, "/favicon.svg").headers[.contentType]?.hasPrefix("image/svg+xml") == true)
        }
    }

    @Test func everyScriptIsAnESModuleThatParses() throws {
        let scripts = Self.scripts
        #expect(scripts.count >= 8, "the page is split into modules by concern")
        let node = ["/usr/bin/node", "/usr/local/bin/node"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let nodePath = try #require(node, "node is needed to parse the page's scripts (it is installed with the toolchain image)")
        for script in scripts {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: nodePath)
            process.arguments = ["--experimental-default-type=module", "--check", script.path]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(script.lastPathComponent): \(message)")
        }
    }

    @Test func thePageRunsNoInlineScriptAndPutsNoAPITextIntoHTML() throws {
        for page in ["index.html", "scanner/index.html", "organizer/index.html"] {
            let html = try String(contentsOf: Self.webRoot.appendingPathComponent(page), encoding: .utf8)
            #expect(!html.contains("<script>") && !html.contains(" onclick=") && !html.contains(" style="), "\(page)")
        }
        for script in Self.scripts {
            let code = try String(contentsOf: script, encoding: .utf8)
            #expect(!code.contains("innerHTML") && !code.contains("outerHTML") && !code.contains("eval("), "\(script.lastPathComponent)")
        }
    }
}
