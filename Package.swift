// swift-tools-version:6.1
import PackageDescription

// Every dependency must earn its build time; README § Dependencies says why each is here.
let package = Package(
    name: "Postdesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "postdesk", targets: ["postdesk"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    ],
    targets: [
        // MARK: Pure core
        .target(name: "PostdeskCore"),
        // The parser reads every byte from outside: optimised even in debug builds, so a hostile mail is as
        // harmless to a `deploy/run-dev` server (and to the test suite) as to a release build.
        .target(
            name: "PostdeskMail", dependencies: ["PostdeskCrypto"],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // PostdeskRules searches with ICU's C API (Foundation's own copy, `_FoundationICU`): see ICURegex.swift.
        .target(
            name: "PostdeskRules", dependencies: ["PostdeskCore"], linkerSettings: [.linkedLibrary("_FoundationICU")]),
        .target(name: "PostdeskWorkflow", dependencies: ["PostdeskCore", "PostdeskRules"]),

        // MARK: I/O at the rim
        // OpenSSL's libcrypto (SHA-256, HMAC, HKDF): the library libcurl already links for TLS.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "PostdeskCrypto", dependencies: ["CCrypto"]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CCurlShims", dependencies: ["CCurl"]),
        .target(
            name: "PostdeskCurl",
            dependencies: ["PostdeskCore", "CCurl", "CCurlShims", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "PostdeskStore",
            dependencies: ["PostdeskCore", "PostdeskCrypto", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "PostdeskGateway",
            dependencies: [
                "PostdeskCore", "PostdeskCrypto", "PostdeskMail", "PostdeskRules", "PostdeskWorkflow",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "PostdeskWeb",
            dependencies: [
                "PostdeskCrypto",
                "PostdeskCore", "PostdeskWorkflow",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Templates")]
        ),
        .target(
            name: "PostdeskApp",
            dependencies: [
                "PostdeskCore", "PostdeskCrypto", "PostdeskMail", "PostdeskRules", "PostdeskWorkflow", "PostdeskCurl",
                "PostdeskStore", "PostdeskGateway", "PostdeskWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "postdesk",
            dependencies: ["PostdeskApp", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: Benchmarks
        // The portal benchmark's store harness (Benchmarks/portal/run).
        .executableTarget(
            name: "PortalBench", dependencies: ["PostdeskCore", "PostdeskStore"], path: "Benchmarks/portal/Harness"),

        // MARK: Tests mirror the targets
        .testTarget(name: "PostdeskCoreTests", dependencies: ["PostdeskCore"]),
        .testTarget(name: "PostdeskCryptoTests", dependencies: ["PostdeskCrypto"]),
        .testTarget(
            name: "PostdeskMailTests", dependencies: ["PostdeskMail", "PostdeskCrypto"], resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "PostdeskRulesTests", dependencies: ["PostdeskRules", "PostdeskWorkflow"]),
        .testTarget(name: "PostdeskWorkflowTests", dependencies: ["PostdeskWorkflow", "PostdeskStore"]),
        .testTarget(name: "PostdeskCurlTests", dependencies: ["PostdeskCurl"]),
        .testTarget(
            name: "PostdeskStoreTests",
            dependencies: ["PostdeskStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "PostdeskGatewayTests", dependencies: ["PostdeskGateway", "PostdeskStore", "PostdeskCrypto"]),
        .testTarget(
            name: "PostdeskWebTests",
            dependencies: [
                "PostdeskWeb", "PostdeskStore", "PostdeskWorkflow", "PostdeskApp",
                // The reference the page renderer is compared with (PageTemplateTests).
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Browser"]  // walk.py: the Playwright script BrowserWalkTests runs, read by path
        ),
        .testTarget(
            name: "PostdeskAppTests",
            dependencies: [
                "PostdeskApp", "PostdeskCore", "PostdeskCrypto", "PostdeskMail", "PostdeskCurl", "PostdeskStore",
                "PostdeskGateway", "PostdeskWeb", .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
