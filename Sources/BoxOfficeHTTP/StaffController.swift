import BoxOfficeApp
import BoxOfficeCore
import Foundation
import Hummingbird

/// Door staff: an organizer (or an admin) makes, lists and switches off scanner accounts.
/// A scanner made by an organizer checks in only at that organizer's events.
struct StaffController {
    struct NewScanner: RequestBody {
        var email: String
        var password: String
        var name: String
        var organizerId: String?

        enum CodingKeys: CodingKey, CaseIterable { case email, password, name, organizerId }
    }

    struct StaffView: Encodable {
        var userId: String
        var email: String
        var name: String
        var role: String
        var organizerId: String?
        var createdAt: Date
        var disabledAt: Date?

        init(_ user: User) {
            userId = user.id.text
            email = user.email
            name = user.name
            role = user.role.rawValue
            organizerId = user.organizerID?.text
            createdAt = user.createdAt
            disabledAt = user.disabledAt
        }

        enum CodingKeys: String, CodingKey { case userId, email, name, role, organizerId, createdAt, disabledAt }

        /// `organizer_id` and `disabled_at` are always present (null when unset).
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(userId, forKey: .userId)
            try container.encode(email, forKey: .email)
            try container.encode(name, forKey: .name)
            try container.encode(role, forKey: .role)
            try container.encode(organizerId, forKey: .organizerId)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(disabledAt, forKey: .disabledAt)
        }
    }

    struct StaffList: Encodable {
        var staff: [StaffView]
    }

    let accounts: AccountService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post { request, context in
            let viewer = try context.requireViewer()
            // Refused before the body is read: a buyer hears 403, whatever they sent.
            try accounts.authorizeManagingStaff(by: viewer)
            let body = try await JSONRequest.decode(NewScanner.self, from: request, context: context)
            var organizerID: UUID?
            if let text = body.organizerId {
                guard let id = UUID(text: text) else { throw BookingError.invalid(field: "organizer_id", reason: "is not an account id") }
                organizerID = id
            }
            let user = try await accounts.createScanner(email: body.email, password: body.password, name: body.name,
                                                        organizerID: organizerID, by: viewer)
            return JSONResponse.make(StaffView(user), status: .created)
        }
        group.get { _, context in
            let viewer = try context.requireViewer()
            return JSONResponse.make(StaffList(staff: try await accounts.scanners(for: viewer).map(StaffView.init)))
        }
        group.delete(":user_id") { _, context in
            let viewer = try context.requireViewer()
            try accounts.authorizeManagingStaff(by: viewer)
            guard let id = UUID(apiText: context.parameters.get("user_id")) else { throw BookingError.userNotFound }
            return JSONResponse.make(StaffView(try await accounts.disableScanner(id: id, by: viewer)))
        }
    }
}
