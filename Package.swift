// swift-tools-version: 6.0
import PackageDescription

// Modules follow the data flow (see README "Architecture"): a module imports only
// modules to its left: Wire ← Capture ← Decode ← SIP ← Timeline ← Reports ← sipladder.
let package = Package(
    name: "sipladder",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sipladder", targets: ["sipladder"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CPcap",
            pkgConfig: "libpcap",
            providers: [.apt(["libpcap-dev"])]
        ),
        .target(name: "Wire"),
        .target(name: "Capture", dependencies: ["Wire", "CPcap"]),
        .target(name: "Decode", dependencies: ["Wire", "Capture"]),
        .target(name: "SIP", dependencies: ["Wire"]),
        .target(name: "Timeline", dependencies: ["Wire", "Capture", "Decode", "SIP"]),
        .target(name: "Reports", dependencies: ["Wire", "Decode", "SIP", "Timeline"]),
        .executableTarget(
            name: "sipladder",
            dependencies: [
                "Capture", "Timeline", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "WireTests", dependencies: ["Wire"]),
        .testTarget(name: "CaptureTests", dependencies: ["Capture", "TestSupport"]),
        .testTarget(name: "DecodeTests", dependencies: ["Decode", "TestSupport"]),
        .testTarget(name: "SIPTests", dependencies: ["SIP", "TestSupport"]),
        .testTarget(name: "TimelineTests", dependencies: ["Timeline", "Capture", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Reports", "Timeline", "TestSupport"]),
    ]
)
