import ArgumentParser
import Checks
import Foundation
import Reports

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a capture against a saved report or a rules file: exit 0 when it holds, 1 when not.",
        discussion: """
            --expect FILE.json: a report saved with `sipladder analyze --format json`. The capture's scenarios
            must match it — same scenarios, kinds, outcomes, step sequence (labels and decoded summaries) —
            ignoring what varies from run to run: times, addresses and ports, Call-IDs, tags, branches,
            epids, tokens and GUIDs. --ignore REGEX masks more.

            --expect FILE.yaml: rules (see README "Rules files"): expected scenarios by kind, variant,
            participants and outcome, counts, time limits, required steps; no failed scenarios; no
            diagnostics of a severity.

            Examples:
              sipladder check call.pcap --expect call.json --junit results.xml
              sipladder check day.pcap --expect rules.yaml
            """
    )

    @Argument(help: "A pcap or pcapng file.")
    var capture: String

    @Option(help: "A saved JSON report, or a YAML rules file (.yaml or .yml).")
    var expect: String

    @Option(help: "Write JUnit XML with one test case per expectation to this file.")
    var junit: String?

    @Option(help: "A regular expression whose matches are ignored when comparing with a saved report (repeatable).")
    var ignore: [String] = []

    @OptionGroup var keyLog: KeyLogOption

    @OptionGroup(title: "Limits") var limitOptions: LimitOptions

    func run() throws {
        let expectationData = try read(expect)
        let input = try CaptureInput(capture: capture, outputPath: nil)
        let built = try input.buildReport(keyLog: try keyLog.load(), limits: limitOptions.limits)
        let actual = try ReportSnapshot.decode(Data(try ReportWriter.json([built.report]).utf8))
        let result: CheckResult
        if expect.hasSuffix(".yaml") || expect.hasSuffix(".yml") {
            do {
                result = RulesEvaluator.evaluate(try RulesParser.parse(String(decoding: expectationData, as: UTF8.self)), against: actual)
            } catch {
                throw InputFailure(message: "\(expect): \(error)")
            }
        } else {
            let expected: ReportSnapshot
            do { expected = try ReportSnapshot.decode(expectationData) } catch {
                throw InputFailure(message: "\(expect): not a sipladder JSON report (\(error))")
            }
            let normalizer: Normalizer
            do { normalizer = try Normalizer(extra: ignore) } catch {
                throw InputFailure(message: "--ignore: not a regular expression (\(error))")
            }
            result = ReportComparison.compare(expected: expected, actual: actual, normalizer: normalizer)
        }
        OutputStream.standardOutput.write(result.text)
        OutputStream.standardOutput.flush()
        if let junit {
            do { try result.junit.xml.write(toFile: junit, atomically: true, encoding: .utf8) } catch {
                throw InputFailure(message: "\(junit): cannot write (\(error.localizedDescription))")
            }
        }
        if !result.passed { throw ExitCode(ExitStatus.difference) }
    }

    private func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputFailure(message: "\(path): cannot read") }
        return data
    }
}
