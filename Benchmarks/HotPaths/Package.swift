// swift-tools-version: 6.1
import Foundation
import PackageDescription

// Micro-benchmarks of the hot functions (ordo-one/benchmark): SIP parsing, TCP reassembly,
// XML payload decoding. Run from this folder: `swift package benchmark`.
// The root package is named by its folder, whatever a clone calls it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "sipladder-hot-paths",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: root.path),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "HotPaths",
            dependencies: [
                .product(name: "SipladderCore", package: root.lastPathComponent.lowercased()),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/HotPaths",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
