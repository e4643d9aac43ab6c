import Foundation
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// One thread, at the lowest scheduling priority (Linux's SCHED_IDLE, else nice 19), that
/// writes emails: their PDFs, QR images and MIME. Rendering a confirmation takes
/// milliseconds of CPU; on Swift's cooperative pool it would take a thread from the holds
/// and confirms of a flash sale, and even at nice 10 the kernel gave it a share that cost
/// a 50,000-buyer sale on two cores a tenth of its pace. Here the hot path always goes
/// first and mail waits for idle CPU (its lag grows during a sale, nothing is lost).
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

    /// Linux schedules each thread on its own, and pid 0 is the calling thread: this one
    /// is moved to SCHED_IDLE once (or, where that is refused, to nice 19).
    private static func lowerPriority() {
        #if os(Linux)
        let idle: Int32 = 5  // SCHED_IDLE, which Glibc's headers show only to _GNU_SOURCE
        guard sched_getscheduler(0) != idle else { return }
        var parameters = sched_param(sched_priority: 0)
        if sched_setscheduler(0, idle, &parameters) != 0 {
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        }
        #endif
    }
}
