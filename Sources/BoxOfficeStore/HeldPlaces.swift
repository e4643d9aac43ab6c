import BoxOfficeCore
import Foundation
import Synchronization

/// The embedded engine's live holds (reservations in status HELD) per buyer and event, in
/// memory, for the per-buyer limit check.
///
/// The check counts what a buyer holds, is paying for and has bought. Paid and paying
/// reservations are few and stay on disk behind a partial index; holds are the hot
/// path, and an index of them by buyer cost every hold one more page picked at random
/// to write to the WAL and later to the file (in a benchmark of the hold's SQL alone, 26
/// against 14 µs of CPU per hold with and without that index). One process owns an
/// SQLite file (its seat maps already rely on it), so this process sees every hold: the
/// map is filled from the table when the store opens and follows each committed write
/// on the writer's queue (a hold adds its entry; a payment start, cancel or expiry takes
/// it away). A held entry counts only until it lapses, as the table's rows do.
final class HeldPlaces: Sendable {
    struct Key: Hashable, Sendable {
        let user: UUID
        let event: UUID
    }

    struct Entry: Sendable {
        var quantity: Int
        var heldUntil: Int64
        var presale: String?
    }

    private let holds = Mutex<[Key: [UUID: Entry]]>([:])

    func add(_ id: UUID, user: UUID, event: UUID, _ entry: Entry) {
        holds.withLock { $0[Key(user: user, event: event), default: [:]][id] = entry }
    }

    /// A new hold, under the presale window it was made in.
    func add(_ hold: Reservation, presale: String?) {
        add(hold.id, user: hold.userID, event: hold.eventID,
            Entry(quantity: hold.quantity, heldUntil: hold.heldUntil.epochMilliseconds, presale: presale))
    }

    /// Takes in every entry of `other` (a batch's holds, once it committed).
    func add(contentsOf other: HeldPlaces) {
        let more = other.holds.withLock { $0 }
        holds.withLock { holds in
            for (key, entries) in more { holds[key, default: [:]].merge(entries) { _, new in new } }
        }
    }

    /// Forgets a reservation that is no longer held (a no-op if it was not).
    func remove(_ id: UUID, user: UUID, event: UUID) {
        holds.withLock { holds in
            let key = Key(user: user, event: event)
            guard holds[key]?.removeValue(forKey: id) != nil else { return }
            if holds[key]?.isEmpty == true { holds[key] = nil }
        }
    }

    /// Places the buyer holds at the event that have not lapsed at `now`, in all and under
    /// the presale window `window`.
    func held(user: UUID, event: UUID, now: Int64, window: String?) -> (total: Int, inWindow: Int) {
        holds.withLock { holds in
            var total = 0
            var inWindow = 0
            for entry in holds[Key(user: user, event: event)]?.values ?? [:].values where entry.heldUntil > now {
                total += entry.quantity
                if let window, entry.presale == window { inWindow += entry.quantity }
            }
            return (total, inWindow)
        }
    }
}
