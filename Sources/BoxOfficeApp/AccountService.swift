import BoxOfficeCore
import Foundation

/// Hashes and checks passwords (bcrypt in production; a cheap cost in tests).
package protocol PasswordHasher: Sendable {
    /// A salted hash of `password`.
    func hash(_ password: String) async throws -> String
    /// Whether `password` matches `hash`.
    func verify(_ password: String, against hash: String) async throws -> Bool
}

/// Registering, logging in and creating staff accounts.
package struct AccountService: Sendable {
    let store: any AccountStore
    let clock: any BookingClock
    let hasher: any PasswordHasher

    package init(store: any AccountStore, clock: any BookingClock, hasher: any PasswordHasher) {
        self.store = store
        self.clock = clock
        self.hasher = hasher
    }

    /// Creates an account; customers register themselves, staff roles come from the CLI
    /// or, for door staff, from `createScanner`.
    package func register(email: String, password: String, name: String, role: Role = .customer,
                          organizerID: UUID? = nil) async throws -> User {
        let email = email.trimmed.lowercased()
        guard Self.looksLikeEmail(email) else { throw BookingError.invalid(field: "email", reason: "must be an email address") }
        guard (8...72).contains(password.utf8.count) else {
            throw BookingError.invalid(field: "password", reason: "must be 8 to 72 bytes long")
        }
        let name = name.trimmed
        guard (1...100).contains(name.count) else { throw BookingError.invalid(field: "name", reason: "must be 1 to 100 characters") }
        let user = User(email: email, name: name, passwordHash: try await hasher.hash(password), role: role, createdAt: clock.now(),
                        organizerID: organizerID)
        try await store.createUser(user)
        return user
    }

    // MARK: Door staff

    /// Organizers manage their own door staff, admins anyone's; nobody else.
    package func authorizeManagingStaff(by viewer: Viewer) throws {
        guard viewer.role == .organizer || viewer.role == .admin else { throw BookingError.forbidden }
    }

    /// A scanner account for the organizer's doors: an organizer makes them for their own
    /// events; an admin for an organizer (`organizerID`) or, without one, house staff who
    /// scan at any event.
    package func createScanner(email: String, password: String, name: String, organizerID: UUID?,
                               by viewer: Viewer) async throws -> User {
        try authorizeManagingStaff(by: viewer)
        let employer: UUID?
        switch viewer.role {
        case .organizer:
            guard organizerID == nil || organizerID == viewer.userID else { throw BookingError.forbidden }
            employer = viewer.userID
        case .admin:
            if let organizerID {
                guard let organizer = try await store.user(id: organizerID), organizer.role == .organizer else {
                    throw BookingError.invalid(field: "organizer_id", reason: "is not an organizer's account")
                }
            }
            employer = organizerID
        case .customer, .scanner: throw BookingError.forbidden
        }
        return try await register(email: email, password: password, name: name, role: .scanner, organizerID: employer)
    }

    /// The organizer's door staff; every scanner for an admin.
    package func scanners(for viewer: Viewer) async throws -> [User] {
        switch viewer.role {
        case .organizer: try await store.scanners(of: viewer.userID)
        case .admin: try await store.scanners(of: nil)
        case .customer, .scanner: throw BookingError.forbidden
        }
    }

    /// Switches a scanner account off: it can no longer sign in or check in, even with a
    /// token issued before. An organizer may switch off only their own staff (others are
    /// not found); an admin any scanner.
    package func disableScanner(id: UUID, by viewer: Viewer) async throws -> User {
        try authorizeManagingStaff(by: viewer)
        guard var user = try await store.user(id: id), user.role == .scanner,
              viewer.role == .admin || user.organizerID == viewer.userID else { throw BookingError.userNotFound }
        let now = clock.now()
        _ = try await store.disableUser(id: id, at: now)
        user.disabledAt = user.disabledAt ?? now
        return user
    }

    /// The account whose email and password match; `invalidCredentials` otherwise.
    package func login(email: String, password: String) async throws -> User {
        guard let user = try await store.user(email: email.trimmed.lowercased()),
              try await hasher.verify(password, against: user.passwordHash), user.disabledAt == nil
        else { throw BookingError.invalidCredentials }
        return user
    }

    /// The account behind a verified token, if it still exists.
    package func user(id: UUID) async throws -> User? { try await store.user(id: id) }

    /// Whether the account has been switched off (its tokens no longer count).
    package func isSwitchedOff(_ id: UUID) async throws -> Bool {
        try await store.user(id: id)?.disabledAt != nil
    }

    /// The account with this email, if there is one.
    package func account(email: String) async throws -> User? {
        try await store.user(email: email.trimmed.lowercased())
    }

    /// The organizer's account with this email, for staff made from the command line.
    package func organizer(email: String) async throws -> User? {
        guard let user = try await account(email: email), user.role == .organizer else { return nil }
        return user
    }

    private static func looksLikeEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return email.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !email.contains(where: \.isWhitespace)
    }
}
