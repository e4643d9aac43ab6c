import Crypto
import Foundation

/// What a queue or admission token says. The server signs it, so it can trust the
/// position it carries without reading the database.
package struct QueuePass: Sendable, Equatable {
    package enum Kind: String, Sendable {
        /// A place in the queue (`queue_token`).
        case place = "q"
        /// Admission to buy for one session (`admission_token`).
        case admission = "a"
    }

    package var kind: Kind
    package var eventID: UUID
    package var userID: UUID
    /// The final position; nil for an early joiner before the random draw.
    package var position: Int?
    /// An early joiner's random draw (orders the early joiners among themselves).
    package var draw: Int64?
    /// The estimate shown before the draw: the place the draw would give among those waiting then.
    package var provisionalPosition: Int?
    /// When an admission ends; nil for a place.
    package var expiresAt: Date?
    /// The place's own earliest admission (`QueueEntry.admitAt`): one taken after the
    /// schedule passed its position is admitted then, for a whole session. Nil for early
    /// joiners and in tokens issued before it was carried (read by the schedule alone).
    package var admitAt: Date?

    package init(kind: Kind, eventID: UUID, userID: UUID, position: Int?, draw: Int64? = nil,
                 provisionalPosition: Int? = nil, expiresAt: Date? = nil, admitAt: Date? = nil) {
        self.kind = kind
        self.eventID = eventID
        self.userID = userID
        self.position = position
        self.draw = draw
        self.provisionalPosition = provisionalPosition
        self.expiresAt = expiresAt
        self.admitAt = admitAt
    }
}

/// Signs and verifies queue and admission tokens with HMAC-SHA256 under a key every
/// node shares: `Q1.<base64url payload>.<base64url mac>`.
package struct QueueTokenSigner: Sendable {
    private let key: SymmetricKey

    package init(secret: Data) {
        key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: secret), info: Data("boxoffice queue tokens".utf8),
                                     outputByteCount: 32)
    }

    package func sign(_ pass: QueuePass) -> String {
        let number = { (value: Int64?) -> String in value.map { String($0) } ?? "" }
        let fields: [String] = [
            pass.kind.rawValue, pass.eventID.text, pass.userID.text, number(pass.position.map(Int64.init)),
            number(pass.draw), number(pass.provisionalPosition.map(Int64.init)),
            number(pass.expiresAt?.epochMilliseconds), number(pass.admitAt?.epochMilliseconds),
        ]
        let payload = Data(fields.joined(separator: "|").utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: payload, using: key)
        return "Q1.\(payload.base64URLEncoded).\(Data(mac).base64URLEncoded)"
    }

    /// The pass a token carries, or nil if it is not one this server signed unaltered.
    package func verify(_ token: String) -> QueuePass? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "Q1",
              let payload = Data(base64URLEncoded: String(parts[1])), let mac = Data(base64URLEncoded: String(parts[2])),
              payload.base64URLEncoded == parts[1], mac.base64URLEncoded == parts[2],
              HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: key)
        else { return nil }
        let fields = String(decoding: payload, as: UTF8.self).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 7 || fields.count == 8, let kind = QueuePass.Kind(rawValue: fields[0]),
              let eventID = UUID(text: fields[1]), let userID = UUID(text: fields[2])
        else { return nil }
        return QueuePass(kind: kind, eventID: eventID, userID: userID, position: Int(fields[3]), draw: Int64(fields[4]),
                         provisionalPosition: Int(fields[5]), expiresAt: Int64(fields[6]).map(Date.init(epochMilliseconds:)),
                         admitAt: fields.count == 8 ? Int64(fields[7]).map(Date.init(epochMilliseconds:)) : nil)
    }
}

extension QueueTokenSigner {
    /// Checks that `token` admits `userID` to reserve for `event` at `now` while its
    /// waiting room is on. Accepts an admission token within its session, or a queue
    /// token whose position the schedule has admitted and whose session has not ended.
    package func checkAdmission(_ token: String?, event: Event, userID: UUID, now: Date) throws(BookingError) {
        guard let queue = event.activeQueue else { return }
        guard let token, !token.isEmpty else { throw .queueRequired }
        guard let pass = verify(token) else { throw .queueTokenInvalid("the queue token is not one this server issued") }
        guard pass.eventID == event.id else { throw .queueTokenInvalid("the queue token is for another event") }
        guard pass.userID == userID else { throw .queueTokenInvalid("the queue token belongs to another account") }
        switch pass.kind {
        case .admission:
            guard let expiry = pass.expiresAt else { throw .queueTokenInvalid("the admission token has no expiry") }
            guard now < expiry else { throw .queueTokenExpired }
        case .place:
            guard let position = pass.position else {
                throw .queueTokenInvalid("not admitted yet: poll the queue status for an admission token")
            }
            switch queue.standing(position: position, admitAt: pass.admitAt, now: now).state {
            case .admitted: return
            case .expired: throw .queueTokenExpired
            case .waiting: throw .queueTokenInvalid("not admitted yet: poll the queue status for an admission token")
            }
        }
    }
}
