import BoxOfficeCore

/// Operating a node: whether it can serve bookings (readiness).
package struct OperationsService: Sendable {
    let store: any OperationsStore

    package init(store: any OperationsStore) {
        self.store = store
    }

    /// Throws if the database does not answer.
    package func checkReady() async throws {
        try await store.ping()
    }
}
