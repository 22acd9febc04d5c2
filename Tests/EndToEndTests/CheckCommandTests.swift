import Foundation
import Testing
import TestSupport

/// `sipladder check` and `sipladder diff` as a CI pipeline runs them.
@Suite("sipladder check and diff")
struct CheckCommandTests {
    func run(_ arguments: [String]) throws -> ProcessRunner.Result { try ProcessRunner.run(Paths.executable, arguments) }
    func capture(_ name: String) -> String { Paths.projectCaptures.appendingPathComponent(name).path }
    func report(_ name: String) -> String { Paths.repositoryRoot.appendingPathComponent("Reports/\(name)").path }
    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sipladder-\(UUID().uuidString)-\(name)").path
    }

    @Test("a lab capture checked against its own report passes, exit 0, JUnit written")
    func passes() throws {
        let junit = temporary("junit.xml")
        let result = try run(["check", capture("chat-room.pcap"), "--expect", report("chat-room.json"), "--junit", junit])
        #expect(result.status == 0)
        #expect(result.output.hasSuffix("chat-room.pcap: 5 passed, 0 failed\n"))
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains(#"<testsuite name="chat-room.pcap" tests="5" failures="0""#))
    }

    @Test("an edited expectation fails with exit 1 and a message naming the scenario and step")
    func fails() throws {
        let edited = temporary("edited.json")
        try String(contentsOfFile: report("chat-room.json"), encoding: .utf8)
            .replacingOccurrences(of: "build 42 is green", with: "build 43 is green").write(toFile: edited, atomically: true, encoding: .utf8)
        let result = try run(["check", capture("chat-room.pcap"), "--expect", edited])
        #expect(result.status == 1)
        #expect(result.output.contains("✘ s2 chat-room-post"))
        #expect(result.output.contains(#"step 1: expected INFO — grpchat sip:alice@contoso.com in ma-chan://contoso.com/…: "build 43 is green", got"#))
    }

    @Test("a rules file: holding exits 0, failing exits 1, malformed exits 2 naming the line")
    func rules() throws {
        let holding = temporary("ok.yaml"), failing = temporary("bad.yaml"), malformed = temporary("broken.yaml")
        try "scenarios:\n  - kind: registration\n    outcome: completed\n    within: 2s\nno-failed-scenarios: true\n"
            .write(toFile: holding, atomically: true, encoding: .utf8)
        try "scenarios:\n  - kind: registration\n    outcome: failed\n".write(toFile: failing, atomically: true, encoding: .utf8)
        try "scenarios:\n  - kind: registration\n    outcom: failed\n".write(toFile: malformed, atomically: true, encoding: .utf8)
        #expect(try run(["check", capture("registration.pcap"), "--expect", holding]).status == 0)
        let failed = try run(["check", capture("registration.pcap"), "--expect", failing])
        #expect(failed.status == 1)
        #expect(failed.output.contains("✘ line 2: registration: outcome failed: s1 is completed"))
        let broken = try run(["check", capture("registration.pcap"), "--expect", malformed])
        #expect(broken.status == 2)
        #expect(broken.standardError.contains("line 3: unknown key 'outcom'"))
    }

    @Test("diff: no differences exit 0, differences exit 1 in text and JSON")
    func diff() throws {
        let same = try run(["diff", report("send-message-udp.json"), report("send-message-ipv6.json")])
        #expect(same.status == 0)
        #expect(same.output == "no differences\n")
        let different = try run(["diff", report("file-transfer-p2p.json"), report("file-transfer-p2p-cancelled.json"), "--format", "json"])
        #expect(different.status == 1)
        let list = try #require(try JSONSerialization.jsonObject(with: different.standardOutput) as? [[String: Any]])
        #expect(list.first?["change"] as? String == "changed")
        #expect(try run(["diff", report("registration.json"), "/nonexistent.json"]).status == 2)
    }
}
