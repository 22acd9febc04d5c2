// swift-tools-version: 6.0
import Foundation
import PackageDescription

// libFuzzer harnesses over the analyzer (the root package's FuzzHarnesses library), built
// with -sanitize=fuzzer,address by Fuzz/run.sh; never part of the root build or its tests.
// The root package is named by its folder, whatever a clone calls it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "sipladder-fuzz",
    dependencies: [.package(path: root.path)],
    targets: [
        .executableTarget(
            name: "sipladder-fuzz",
            dependencies: [.product(name: "FuzzHarnesses", package: root.lastPathComponent.lowercased())]
        ),
    ]
)
