// swift-tools-version: 6.1
import Foundation
import PackageDescription

let package = Package(
    name: "BoxOffice",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "boxoffice", targets: ["boxoffice"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .target(
            name: "BoxOfficeCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "BoxOfficeStore",
            dependencies: [
                "BoxOfficeCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "BoxOfficeApp",
            dependencies: [
                "BoxOfficeCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        .target(
            name: "BoxOfficeDocuments",
            dependencies: ["BoxOfficeCore", "CQRencode", "CCairo", "CZlib"]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "BoxOfficeHTTP",
            dependencies: [
                "BoxOfficeCore",
                "BoxOfficeApp",
                "BoxOfficeDocuments",
                "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/Public"), .copy("Resources/Templates"), .copy("Resources/openapi.json")]
        ),
        .target(
            name: "BoxOfficePayments",
            dependencies: [
                "BoxOfficeCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "BoxOfficeDelivery",
            dependencies: [
                "BoxOfficeCore",
                "BoxOfficeDocuments",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "BoxOfficeServer",
            dependencies: [
                "BoxOfficeCore",
                "BoxOfficeApp",
                "BoxOfficeStore",
                "BoxOfficeHTTP",
                "BoxOfficePayments",
                "BoxOfficeDelivery",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "BoxOfficeLoad",
            dependencies: [
                "BoxOfficeCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "boxoffice",
            dependencies: [
                "BoxOfficeCore",
                "BoxOfficeApp",
                "BoxOfficeStore",
                "BoxOfficeHTTP",
                "BoxOfficeServer",
                "BoxOfficePayments",
                "BoxOfficeDelivery",
                "BoxOfficeLoad",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "BoxOfficeCoreTests",
            dependencies: ["BoxOfficeCore"]
        ),
        .target(
            name: "BoxOfficeTestSupport",
            dependencies: [
                "BoxOfficeCore",
                "BoxOfficeApp",
                "BoxOfficeStore",
                "BoxOfficeHTTP",
                "BoxOfficeServer",
                "BoxOfficePayments",
                "BoxOfficeDelivery",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            path: "Tests/BoxOfficeTestSupport"
        ),
        .testTarget(
            name: "BoxOfficeStoreTests",
            dependencies: ["BoxOfficeTestSupport", "BoxOfficeCore", "BoxOfficeApp", "BoxOfficeStore", "BoxOfficeServer", "BoxOfficeLoad",
                           .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
        .testTarget(
            name: "BoxOfficeAppTests",
            dependencies: ["BoxOfficeTestSupport", "BoxOfficeCore", "BoxOfficeApp", "BoxOfficeStore", "BoxOfficeServer", "BoxOfficePayments",
                           .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
        .testTarget(
            name: "BoxOfficeHTTPTests",
            dependencies: ["BoxOfficeTestSupport", "BoxOfficeCore", "BoxOfficeApp", "BoxOfficeStore", "BoxOfficeHTTP",
                           "BoxOfficeServer", "BoxOfficePayments", "BoxOfficeDelivery", .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "HummingbirdWSClient", package: "hummingbird-websocket")]
        ),
        .testTarget(
            name: "BoxOfficeProcessTests",
            dependencies: ["BoxOfficeTestSupport", "BoxOfficeCore", "BoxOfficeApp", "BoxOfficeStore", "BoxOfficeServer", "BoxOfficePayments",
                           "BoxOfficeLoad", .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
    ]
)

// Micro-benchmarks (package-benchmark) build only when asked, so the normal build and
// test run never fetch or compile them: BOXOFFICE_BENCHMARKS=1 swift package benchmark
if ProcessInfo.processInfo.environment["BOXOFFICE_BENCHMARKS"] != nil {
    package.dependencies.append(.package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]))
    package.targets.append(.executableTarget(
        name: "BoxOfficeBenchmarks",
        dependencies: [
            "BoxOfficeCore", "BoxOfficeApp", "BoxOfficeStore", "BoxOfficeHTTP", "BoxOfficeServer",
            .product(name: "Benchmark", package: "benchmark"),
            .product(name: "Logging", package: "swift-log"),
        ],
        path: "Benchmarks/BoxOfficeBenchmarks",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ))
}
