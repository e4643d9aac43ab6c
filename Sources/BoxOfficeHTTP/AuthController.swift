import BoxOfficeApp
import BoxOfficeCore
import Hummingbird

/// `POST /api/v1/auth/register` and `/login`.
struct AuthController {
    struct Credentials: RequestBody {
        var email: String
        var password: String
        var name: String?

        enum CodingKeys: CodingKey, CaseIterable { case email, password, name }
    }

    struct Session: Encodable {
        var userId: String
        var token: String
        var role: String
        var name: String
    }

    let accounts: AccountService
    let tokens: SessionTokens

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("register") { request, context in
            let body = try await JSONRequest.decode(Credentials.self, from: request, context: context)
            guard let name = body.name else { throw BookingError.invalid(field: "name", reason: "is required") }
            let user = try await accounts.register(email: body.email, password: body.password, name: name)
            return try await session(for: user, status: .created)
        }
        group.post("login") { request, context in
            let body = try await JSONRequest.decode(Credentials.self, from: request, context: context)
            return try await session(for: accounts.login(email: body.email, password: body.password), status: .ok)
        }
    }

    private func session(for user: User, status: HTTPResponse.Status) async throws -> Response {
        let token = try await tokens.issue(for: user)
        return JSONResponse.make(Session(userId: user.id.text, token: token, role: user.role.rawValue, name: user.name), status: status)
    }
}
