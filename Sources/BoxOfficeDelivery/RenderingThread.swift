import Foundation
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// One thread, at a lower scheduling priority (nice 10), that writes emails: their PDFs,
/// QR images and MIME. Rendering a confirmation takes milliseconds of CPU; on Swift's
/// cooperative pool it would take a thread from the holds and confirms of a flash sale,
/// and at the same priority the kernel would share the cores with it equally. Here the
/// hot path always goes first and mail waits (its lag grows, nothing is lost).
package enum RenderingThread {
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    /// Runs `body` on the rendering thread.
    package static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive {
            lowerPriority()
            return try body()
        }
    }

    /// Linux keeps a nice value per thread, and `who = 0` is the calling thread: this
    /// one's is raised once (a thread may not lower it back).
    private static func lowerPriority() {
        #if os(Linux)
        if getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) < 10 {
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        }
        #endif
    }
}
