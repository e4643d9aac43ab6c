import BoxOfficeCore
import Foundation

/// Who is asking: the authenticated account behind a request.
package struct Viewer: Sendable, Equatable {
    package var userID: UUID
    package var role: Role

    package init(userID: UUID, role: Role) {
        self.userID = userID
        self.role = role
    }
}
