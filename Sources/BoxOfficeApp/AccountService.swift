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
    let store: any Store
    let clock: any BookingClock
    let hasher: any PasswordHasher

    package init(store: any Store, clock: any BookingClock, hasher: any PasswordHasher) {
        self.store = store
        self.clock = clock
        self.hasher = hasher
    }

    /// Creates an account; customers register themselves, staff roles come from the CLI.
    package func register(email: String, password: String, name: String, role: Role = .customer) async throws -> User {
        let email = email.trimmed.lowercased()
        guard Self.looksLikeEmail(email) else { throw BookingError.invalid(field: "email", reason: "must be an email address") }
        guard (8...72).contains(password.utf8.count) else {
            throw BookingError.invalid(field: "password", reason: "must be 8 to 72 bytes long")
        }
        let name = name.trimmed
        guard (1...100).contains(name.count) else { throw BookingError.invalid(field: "name", reason: "must be 1 to 100 characters") }
        let user = User(email: email, name: name, passwordHash: try await hasher.hash(password), role: role, createdAt: clock.now())
        try await store.createUser(user)
        return user
    }

    /// The account whose email and password match; `invalidCredentials` otherwise.
    package func login(email: String, password: String) async throws -> User {
        guard let user = try await store.user(email: email.trimmed.lowercased()),
              try await hasher.verify(password, against: user.passwordHash)
        else { throw BookingError.invalidCredentials }
        return user
    }

    /// The account behind a verified token, if it still exists.
    package func user(id: UUID) async throws -> User? { try await store.user(id: id) }

    private static func looksLikeEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return email.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !email.contains(where: \.isWhitespace)
    }
}
