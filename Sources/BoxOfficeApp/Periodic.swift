import ServiceLifecycle

/// Runs `body` now and then every `interval` until the task is cancelled or the service
/// group shuts down gracefully: the loop of the node's background parts.
func repeatUntilShutdown(every interval: Duration, _ body: () async -> Void) async {
    while !Task.isCancelled && !Task.isShuttingDownGracefully {
        await body()
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
    }
}
