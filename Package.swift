// swift-tools-version: 6.0
import PackageDescription

// Modules follow the data flow (see README "Architecture"): a module imports only
// modules to its left: Wire ← Capture ← Decode ← {SIP ← Payloads, Web} ← Timeline ← Scenarios ← Reports ← Checks ← sipladder.
// SafeXML is a leaf beside Wire: every XML body goes through it. SIP and Web never import each other.
let package = Package(
    name: "sipladder",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sipladder", targets: ["sipladder"]),
        // For the libFuzzer package in Fuzz/, which builds these with sanitizers.
        .library(name: "FuzzHarnesses", targets: ["FuzzHarnesses"]),
        // For the micro-benchmarks in Benchmarks/HotPaths/.
        .library(name: "SipladderCore", targets: ["Wire", "Decode", "SIP", "SafeXML", "Payloads"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CPcap",
            pkgConfig: "libpcap",
            providers: [.apt(["libpcap-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "Wire"),
        .target(name: "SafeXML", dependencies: ["CLibXML2"]),
        .target(name: "Capture", dependencies: ["Wire", "CPcap"]),
        .target(name: "Decode", dependencies: ["Wire", "Capture"]),
        .target(name: "SIP", dependencies: ["Wire", "Decode"]),
        .target(name: "Payloads", dependencies: ["Wire", "SIP", "SafeXML"]),
        .target(name: "Web", dependencies: [
            "Wire", "Decode", "SafeXML",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "X509", package: "swift-certificates"),
        ]),
        .target(name: "Timeline", dependencies: ["Wire", "SafeXML", "Capture", "Decode", "SIP", "Payloads", "Web"]),
        .target(name: "Scenarios", dependencies: ["Wire", "Decode", "SIP", "Payloads", "Web", "Timeline"]),
        .target(name: "Reports", dependencies: ["Wire", "Capture", "Decode", "SIP", "Payloads", "Web", "Timeline", "Scenarios"]),
        .target(name: "Checks", dependencies: ["Reports", "Scenarios", .product(name: "Yams", package: "Yams")]),
        .executableTarget(
            name: "sipladder",
            dependencies: [
                "Capture", "Timeline", "Scenarios", "Reports", "Checks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // mimalloc serves every allocation: with glibc's malloc, a fifth of the time went
            // to the allocator's own bookkeeping (README, "Performance").
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        .target(name: "FuzzHarnesses", dependencies: ["Wire", "Capture", "Decode", "SIP", "Payloads", "Web", "Reports"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "WireTests", dependencies: ["Wire"]),
        .testTarget(name: "CaptureTests", dependencies: ["Capture", "TestSupport"]),
        .testTarget(name: "DecodeTests", dependencies: ["Decode", "TestSupport"]),
        .testTarget(name: "SIPTests", dependencies: ["SIP", "TestSupport"]),
        .testTarget(name: "SafeXMLTests", dependencies: ["SafeXML"]),
        .testTarget(name: "PayloadsTests", dependencies: ["Payloads", "SIP", "SafeXML"]),
        .testTarget(name: "WebTests", dependencies: ["Web", "Decode", "TestSupport"]),
        .testTarget(name: "TimelineTests", dependencies: ["Timeline", "Capture", "TestSupport"]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios"]),
        .testTarget(name: "ChecksTests", dependencies: ["Checks", "TestSupport"]),
        .testTarget(name: "FuzzHarnessesTests", dependencies: ["FuzzHarnesses"], exclude: ["Findings"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Reports", "Timeline", "Scenarios", "Payloads", "TestSupport"]),
    ]
)
