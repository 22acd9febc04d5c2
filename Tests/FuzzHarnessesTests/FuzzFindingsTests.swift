import Foundation
import FuzzHarnesses
import Testing

/// Every input the fuzzers ever found a crash, hang or blow-up with, replayed through the
/// same harness it was found by (Findings/HARNESS/NAME). A regression crashes this test.
@Suite("Fuzz findings")
struct FuzzFindingsTests {
    static let findings = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Findings")

    static func inputs(_ harness: FuzzHarness) -> [URL] {
        let folder = findings.appendingPathComponent(harness.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test("each kept finding runs through its harness", arguments: FuzzHarness.allCases)
    func replay(_ harness: FuzzHarness) throws {
        for input in Self.inputs(harness) {
            harness.run(Array(try Data(contentsOf: input)))
        }
    }

    @Test("there are findings to replay")
    func findingsArePresent() {
        #expect(FuzzHarness.allCases.map { Self.inputs($0).count }.reduce(0, +) > 0)
    }

    @Test("each harness takes empty, tiny and lab-capture input", arguments: FuzzHarness.allCases)
    func smoke(_ harness: FuzzHarness) throws {
        harness.run([])
        harness.run([0])
        harness.run(Array(repeating: 0xFF, count: 300))
        let capture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Captures/send-message-tcp.pcap")
        harness.run(Array(try Data(contentsOf: capture)))
    }
}
