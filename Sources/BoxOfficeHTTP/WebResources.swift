import Foundation
import Hummingbird
import Logging

/// The files the server serves as they are: the buyer's web page (`Resources/Public`, the
/// web root) and the API description (`Resources/openapi.json`), both edited as files.
package enum WebResources {
    /// The web root: `index.html`, `css/`, `js/` (ES modules, no build step). A developer
    /// working on the pages points `BOXOFFICE_WEB_ROOT` at `Sources/BoxOfficeHTTP/Resources/Public`
    /// to see an edit on reload, without rebuilding (the bundle holds a copy made at build time).
    package static var webRoot: String {
        if let override = ProcessInfo.processInfo.environment["BOXOFFICE_WEB_ROOT"], !override.isEmpty { return override }
        guard let url = Bundle.module.url(forResource: "Public", withExtension: nil) else {
            fatalError("the web root (Resources/Public) is missing from BoxOfficeHTTP's resource bundle")
        }
        return url.path
    }

    /// The OpenAPI 3.1 description, as served at `GET /openapi.json`.
    package static let openAPIDocument: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else {
            fatalError("the API description (Resources/openapi.json) is missing from BoxOfficeHTTP's resource bundle")
        }
        return Array(data)
    }()

    /// Serves the web root for requests no route answers. Every file is revalidated on
    /// each load (`no-cache` with an ETag from its size and modification time, and
    /// `Last-Modified`), so a browser never runs a stale script against a newer API,
    /// while an unchanged file costs a 304.
    static func fileMiddleware<Context: RequestContext>(logger: Logger) -> FileMiddleware<Context, LocalFileSystem> {
        FileMiddleware(webRoot, cacheControl: CacheControl([(MediaType(type: .any), [.noCache])]), searchForIndexHtml: true,
                       logger: logger)
    }
}
