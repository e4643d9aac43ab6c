import HTTPTypes
import Hummingbird

extension Router where Context == AppRequestContext {
    /// The methods a path that does not take them answers 405 to. HEAD is not among them:
    /// it answers as before (404).
    static var refusedMethods: [HTTPRequest.Method] { [.get, .post, .put, .patch, .delete, .options] }

    /// Makes a known path answer a method it does not take with 405 METHOD_NOT_ALLOWED and
    /// an `Allow` header naming the methods it takes (by itself the router answers 404, as
    /// for a path that does not exist). The 405s are routes of their own, so the router's
    /// own matching tells a known path from an unknown one. Call it after adding every route.
    func refuseOtherMethodsOfKnownPaths() {
        var methodsOfPath: [String: (path: RouterPath, methods: [HTTPRequest.Method])] = [:]
        for route in routes {
            methodsOfPath[route.path.description, default: (route.path, [])].methods.append(route.method)
        }
        for (path, methods) in methodsOfPath.values {
            let allow = methods.map(\.rawValue).sorted().joined(separator: ", ")
            for method in Self.refusedMethods where !methods.contains(method) {
                on(path, method: method) { _, _ -> Response in
                    var error = APIError(.methodNotAllowed, "METHOD_NOT_ALLOWED", "\(path) does not take \(method.rawValue); it takes \(allow)")
                    error.headers[.allow] = allow
                    throw error
                }
            }
        }
    }
}
