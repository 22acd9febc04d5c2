import Foundation
import Testing
import TestSupport

/// `sipladder analyze` as a user runs it.
@Suite("sipladder analyze")
struct AnalyzeCommandTests {
    func analyze(_ arguments: [String]) throws -> ProcessRunner.Result {
        try ProcessRunner.run(Paths.executable, ["analyze"] + arguments)
    }

    func capture(_ name: String) -> String { Paths.projectCaptures.appendingPathComponent(name).path }

    @Test("text ladders: a header per scenario, arrows between columns, the outcome at the foot")
    func ladder() throws {
        let result = try analyze([capture("failed-message.pcap"), "--width", "100"])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("s1 send-message — sip:alice@contoso.com → sip:kim@fabrikam.com") })
        #expect(lines.contains { $0.contains("INVITE") && $0.contains("▶") })
        #expect(lines.contains { $0.contains("504 Server time-out") && $0.contains("◀") })
        #expect(lines.last == "→ failed: 1010 Certificate trust with another server could not be established")
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(!result.output.contains("\u{1B}["))
    }

    @Test("filters by kind, user and Call-ID")
    func filters() throws {
        let day = capture("day-in-the-life.pcap")
        let kinds = { (arguments: [String]) throws -> [String] in
            let result = try self.analyze([day, "--format", "json"] + arguments)
            let report = try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any])
            return (report["scenarios"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        }
        #expect(try kinds(["--scenario", "send-message"]) == ["send-message", "send-message"])
        // Carol is one of the contacts Alice subscribes to, and she messages Bob.
        #expect(try kinds(["--user", "sip:carol@contoso.com"]) == ["presence-subscribe", "send-message"])
        #expect(try kinds(["--call-id", "13a2828b3adecc1c"]) == ["registration"])
        #expect(try kinds(["--call-id", "no-such-call"]).isEmpty)
        #expect(try kinds(["--scenario", "chat-room-post"]).count == 2)
        let all = try kinds([])
        #expect(all.count == 11)
    }

    @Test("--redact hides user names, texts and file names with stable placeholders")
    func redact() throws {
        let result = try analyze([capture("file-transfer-legacy.pcap"), "--format", "json", "--redact"])
        #expect(!result.output.contains("alice"))
        #expect(!result.output.contains("bob"))
        #expect(!result.output.contains("report.pdf"))
        #expect(!result.output.contains("sending you the report"))
        #expect(result.output.contains("sip:user1@contoso.com"))
        #expect(result.output.contains("file1"))
        #expect(result.output.contains("text1"))
    }

    @Test("several captures give one report each")
    func severalCaptures() throws {
        let result = try analyze([capture("presence-publish.pcap"), capture("registration.pcap"), "--format", "json"])
        let reports = try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [[String: Any]])
        #expect(reports.compactMap { ($0["capture"] as? [String: Any])?["file"] as? String } == ["presence-publish.pcap", "registration.pcap"])
    }

    @Test("an unknown kind or a too-narrow width is a usage error, exit 2", arguments: [
        ["--scenario", "teleport"], ["--width", "10"],
    ])
    func usageErrors(arguments: [String]) throws {
        let result = try analyze([capture("registration.pcap")] + arguments)
        #expect(result.status == 2)
        #expect(!result.standardError.isEmpty)
    }

    @Test("public captures: calls and generic dialogs, every SIP message in a scenario",
          .enabled(if: Paths.sharedCapturesPresent, "reads ../shared/captures"))
    func publicCaptures() throws {
        let call = try analyze([Paths.sharedCaptures.appendingPathComponent("heplify/sip_ipv4_tcp.pcap").path, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: call.standardOutput) as? [String: Any])
        let scenarios = report["scenarios"] as? [[String: Any]] ?? []
        #expect(scenarios.compactMap { $0["kind"] as? String } == ["call"])
        #expect((scenarios.first?["outcome"] as? [String: Any])?["status"] as? String == "completed")
        #expect((scenarios.first?["steps"] as? [Any])?.count == 7)
        let fax = try analyze([Paths.sharedCaptures.appendingPathComponent("heplify/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap").path, "--format", "json"])
        let faxReport = try #require(try JSONSerialization.jsonObject(with: fax.standardOutput) as? [String: Any])
        let steps = (faxReport["scenarios"] as? [[String: Any]] ?? []).reduce(0) { $0 + (($1["steps"] as? [Any])?.count ?? 0) }
        #expect(steps == 92)
    }
}
