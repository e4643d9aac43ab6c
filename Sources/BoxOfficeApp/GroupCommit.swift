import Foundation
import Synchronization

/// Gathers the requests that arrive while one batch is being written and writes them
/// together in the next, answering each caller with its own result. One batch runs at a
/// time; a batch that fails fails each of its callers with that error.
final class GroupCommit<Item: Sendable, Output: Sendable>: Sendable {
    private typealias Waiting = (item: Item, reply: CheckedContinuation<Result<Output, any Error>, Never>)
    private let state = Mutex<(waiting: [Waiting], running: Bool)>(([], false))
    private let maxBatch: Int
    private let write: @Sendable ([Item]) async throws -> [Output]

    /// `write` takes the items in arrival order and returns one output per item, in order.
    init(maxBatch: Int, write: @escaping @Sendable ([Item]) async throws -> [Output]) {
        self.maxBatch = maxBatch
        self.write = write
    }

    func submit(_ item: Item) async throws -> Output {
        let result = await withCheckedContinuation { reply in
            let start = state.withLock { state in
                state.waiting.append((item, reply))
                guard !state.running else { return false }
                state.running = true
                return true
            }
            if start { Task { await self.drain() } }
        }
        return try result.get()
    }

    private func drain() async {
        while true {
            let batch: [Waiting] = state.withLock { state in
                let batch = Array(state.waiting.prefix(maxBatch))
                state.waiting.removeFirst(batch.count)
                if batch.isEmpty { state.running = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                let outputs = try await write(batch.map(\.item))
                precondition(outputs.count == batch.count, "a group commit answers each item")
                for (waiting, output) in zip(batch, outputs) { waiting.reply.resume(returning: .success(output)) }
            } catch {
                for waiting in batch { waiting.reply.resume(returning: .failure(error)) }
            }
        }
    }
}
