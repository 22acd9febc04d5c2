import Checks
#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation
import Testing
import TestSupport

func snapshot(_ name: String) throws -> ReportSnapshot {
    try ReportSnapshot.decode(Data(contentsOf: Paths.repositoryRoot.appendingPathComponent("Reports/\(name).json")))
}

@Suite("Rules files")
struct RulesTests {
    static let allRules = """
        scenarios:
          - kind: send-message
            count: 2
            outcome: completed
            within: 3s
            contains:
              - message: MESSAGE
                from: sip:bob@contoso.com
                text: sure, 12:30
          - kind: chat-room-post
            participants: [sip:bob@contoso.com]
            min: 1
            max: 1
          - kind: file-transfer
            variant: p2p
          - kind: registration
            outcome: completed
        no-failed-scenarios: true
        no-diagnostics-of-severity: warning
        """

    @Test("every rule type holds on the day-in-the-life report")
    func everyRuleHolds() throws {
        let rules = try RulesParser.parse(Self.allRules)
        let result = RulesEvaluator.evaluate(rules, against: try snapshot("day-in-the-life"))
        #expect(result.passed, "\(result.text)")
        #expect(result.expectations.count == 10)
    }

    @Test("each rule type fails when the capture does not match, naming the rule's line")
    func rulesFail() throws {
        let failing = """
            scenarios:
              - kind: send-message
                count: 3
                outcome: failed
                within: 1ms
                contains:
                  - message: MESSAGE
                    from: sip:bob@contoso.com
                    text: never said
              - kind: call
            no-failed-scenarios: true
            no-diagnostics-of-severity: info
            """
        let result = RulesEvaluator.evaluate(try RulesParser.parse(failing), against: try snapshot("failed-message"))
        let failures = result.expectations.filter { $0.failure != nil }.map(\.name)
        #expect(failures.contains("line 2: send-message: count"))
        #expect(failures.contains("line 2: send-message: outcome failed") == false)   // it did fail: holds
        #expect(failures.contains { $0.hasPrefix("line 7: send-message contains MESSAGE") })
        #expect(failures.contains("line 10: call: count"))
        #expect(failures.contains("line 11: no failed scenarios"))
        #expect(!result.passed)
        let slow = RulesEvaluator.evaluate(try RulesParser.parse("scenarios:\n  - kind: send-message\n    within: 1ms\n"),
                                           against: try snapshot("day-in-the-life"))
        #expect(slow.expectations.contains { $0.name.contains("within") && $0.failure != nil })
    }

    @Test("malformed rules files are errors that name the line", arguments: [
        ("scenarios:\n  - kind: send-message\n    colour: red\n", 3),
        ("scenarios:\n  - kind: teleport\n", 2),
        ("scenarios:\n  - variant: p2p\n", 2),
        ("no-failed-scenarios: maybe\n", 1),
        ("bogus-rule: 1\n", 1),
        ("scenarios:\n  - kind: call\n    within: soon\n", 3),
        ("scenarios: [\n  - kind\n", 2),
    ])
    func malformed(text: String, line: Int) {
        do {
            _ = try RulesParser.parse(text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.line == line, "\(error)")
        }
    }
}

@Suite("Report comparison and diff")
struct ComparisonTests {
    @Test("a report compared with itself holds; runs differ only in what is normalised")
    func selfComparison() throws {
        let report = try snapshot("day-in-the-life")
        let result = ReportComparison.compare(expected: report, actual: report, normalizer: try Normalizer())
        #expect(result.passed)
        // The UDP and TCP runs of the same conversation differ in addresses, ports, Call-IDs, tags.
        let udp = try snapshot("send-message-udp"), tcp = try snapshot("send-message-tcp")
        #expect(ReportDiff(old: udp, new: tcp, normalizer: try Normalizer()).isEmpty)
    }

    @Test("an edited expectation fails, naming the scenario and the step")
    func editedExpectation() throws {
        let url = Paths.repositoryRoot.appendingPathComponent("Reports/send-message-udp.json")
        let edited = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "are you there?", with: "are you still there?")
        let expected = try ReportSnapshot.decode(Data(edited.utf8))
        let result = ReportComparison.compare(expected: expected, actual: try snapshot("send-message-udp"), normalizer: try Normalizer())
        #expect(!result.passed)
        let failure = try #require(result.expectations.first { $0.failure != nil })
        #expect(failure.name.hasPrefix("s1 send-message"))
        #expect(failure.failure?.contains(#"step 14: expected MESSAGE — text "are you still there?", got MESSAGE — text "are you there?""#) == true)
    }

    @Test("diff: added, removed and changed scenarios and steps")
    func diff() throws {
        let before = try snapshot("file-transfer-p2p"), after = try snapshot("file-transfer-p2p-cancelled")
        let changed = ReportDiff(old: before, new: after, normalizer: try Normalizer())
        #expect(changed.differences.count == 1)
        #expect(changed.differences.first?.change == .changed)
        #expect(changed.differences.first?.fields.contains { $0.hasPrefix("outcome: completed → failed") } == true)
        #expect(changed.differences.first?.steps.contains { $0.change == .changed } == true)
        let other = ReportDiff(old: try snapshot("registration"), new: try snapshot("presence-publish"), normalizer: try Normalizer())
        #expect(other.differences.map(\.change) == [.added, .removed] || other.differences.map(\.change) == [.removed, .added])
        #expect(other.text.contains("+ scenario s1 presence-publish"))
        #expect(other.text.contains("- scenario s1 registration"))
    }

    @Test("--ignore masks more")
    func ignore() throws {
        let before = try snapshot("file-transfer-p2p"), after = try snapshot("file-transfer-p2p-cancelled")
        let masked = try Normalizer(extra: [#"<[^>]*>"#, "success|failure|pending|requestCancelled|cancelTransfer.*|file transfer progress.*"])
        #expect(!ReportDiff(old: before, new: after, normalizer: masked).isEmpty)   // the outcome still differs
    }
}

@Suite("JUnit XML")
struct JUnitTests {
    @Test("the Surefire shape: testsuites > testsuite > testcase, failures counted, text escaped")
    func shape() throws {
        let report = JUnitReport(suite: "a & b.pcap", cases: [
            .init(name: "s1 <ok>", className: "sipladder.check", failure: nil),
            .init(name: "s2 \"bad\"", className: "sipladder.check", failure: "expected 1\nfound 2"),
        ])
        let document = try XMLDocument(xmlString: report.xml)
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "2")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        let suite = try #require(root.elements(forName: "testsuite").first)
        #expect(suite.attribute(forName: "name")?.stringValue == "a & b.pcap")
        let cases = suite.elements(forName: "testcase")
        #expect(cases.map { $0.attribute(forName: "name")?.stringValue } == ["s1 <ok>", "s2 \"bad\""])
        #expect(cases.allSatisfy { $0.attribute(forName: "classname") != nil })
        let failure = try #require(cases[1].elements(forName: "failure").first)
        #expect(failure.attribute(forName: "message")?.stringValue == "expected 1")
        #expect(failure.stringValue == "expected 1\nfound 2")
        #expect(cases[0].elements(forName: "failure").isEmpty)
    }
}
