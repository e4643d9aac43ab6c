import BoxOfficeApp
import BoxOfficeCore
import Foundation
import JWTKit
import Synchronization

/// Signs and verifies the bearer tokens (HS256 JWTs) that carry a signed-in account.
struct SessionTokens: Sendable {
    struct Claims: JWTPayload {
        var sub: SubjectClaim
        var exp: ExpirationClaim
        var iat: IssuedAtClaim
        var role: String

        /// Expiry is checked against the injected clock in `verify(_:)`, not here.
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    enum Failure: Error { case invalid, expired }

    let keys: JWTKeyCollection
    let clock: any BookingClock
    let lifetime: TimeInterval
    /// Tokens already verified, with what they say: a client sends the same token on
    /// every request, so the signature and JSON are checked once, not per request.
    private let verified = VerifiedTokenCache()

    init(secret: String, clock: any BookingClock, lifetime: TimeInterval) async {
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.clock = clock
        self.lifetime = lifetime
    }

    func issue(for user: User) async throws -> String {
        let now = clock.now()
        return try await keys.sign(Claims(
            sub: .init(value: user.id.text), exp: .init(value: now.addingTimeInterval(lifetime)), iat: .init(value: now),
            role: user.role.rawValue))
    }

    func verify(_ token: String) async throws(Failure) -> Viewer {
        if let (viewer, expiry) = verified.lookup(token) {
            guard expiry > clock.now() else { throw .expired }
            return viewer
        }
        guard let claims = try? await keys.verify(token, as: Claims.self),
              let userID = UUID(text: claims.sub.value), let role = Role(rawValue: claims.role)
        else { throw .invalid }
        guard claims.exp.value > clock.now() else { throw .expired }
        let viewer = Viewer(userID: userID, role: role)
        verified.store(token, viewer: viewer, expiry: claims.exp.value)
        return viewer
    }
}

/// A bounded map from verified token to its viewer and expiry; cleared when full.
final class VerifiedTokenCache: Sendable {
    private let capacity = 50_000
    private let entries = Mutex<[String: (Viewer, Date)]>([:])

    func lookup(_ token: String) -> (Viewer, Date)? {
        entries.withLock { $0[token] }
    }

    func store(_ token: String, viewer: Viewer, expiry: Date) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = (viewer, expiry)
        }
    }
}
