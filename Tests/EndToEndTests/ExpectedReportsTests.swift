import Foundation
import Testing
import TestSupport

/// Every capture in Captures/ has its expected report in Reports/ (JSON, and text ladders
/// at 120 columns; with the key log recorded beside it, when there is one); the analysis
/// must reproduce them byte for byte. To accept a change,
/// run `SIPLADDER_UPDATE_REPORTS=1 swift test --skip-build --filter ExpectedReports` and
/// review the diff line by line.
@Suite("Expected reports")
struct ExpectedReportsTests {
    static let reports = Paths.repositoryRoot.appendingPathComponent("Reports")
    static let captures = Paths.captures(under: Paths.projectCaptures).filter { !$0.path.contains("/Lab/") }
    static let updating = ProcessInfo.processInfo.environment["SIPLADDER_UPDATE_REPORTS"] == "1"

    @Test("the report of each capture equals its expected report", arguments: captures)
    func matchesExpected(_ capture: URL) throws {
        let name = capture.deletingPathExtension().lastPathComponent
        for (format, suffix, extra) in [("json", "json", [String]()), ("text", "txt", ["--width", "120"])] {
            let keyLog = Paths.keyLog(for: capture).map { ["--keylog", $0.path] } ?? []
            let result = try ProcessRunner.run(Paths.executable, ["analyze", capture.path, "--format", format, "--quiet"] + extra + keyLog)
            #expect(result.status == 0)
            let expectedFile = Self.reports.appendingPathComponent("\(name).\(suffix)")
            if Self.updating {
                try result.standardOutput.write(to: expectedFile)
                continue
            }
            let expected = try #require(try? Data(contentsOf: expectedFile), "missing \(expectedFile.lastPathComponent)")
            #expect(result.output == String(decoding: expected, as: UTF8.self), "\(name).\(suffix) differs: run with SIPLADDER_UPDATE_REPORTS=1 and review")
        }
    }

    @Test("every expected JSON report is valid against Reports/report.schema.json")
    func schemaValid() throws {
        let python = try #require(ProcessRunner.which("python3"))
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            for path in sys.argv[2:]:
                jsonschema.validate(json.load(open(path)), schema)
            print("valid", len(sys.argv) - 2)
            """
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.reports.path).filter { $0.hasSuffix(".json") && $0 != "report.schema.json" }
        #expect(files.count == Self.captures.count)
        let result = try ProcessRunner.run(python, ["-W", "ignore", "-c", script, Self.reports.appendingPathComponent("report.schema.json").path]
                                           + files.map { Self.reports.appendingPathComponent($0).path })
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.output == "valid \(files.count)\n")
    }

    @Test("the schema rejects a report that breaks it")
    func schemaRejects() throws {
        let python = try #require(ProcessRunner.which("python3"))
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            report = json.load(open(sys.argv[2]))
            report["scenarios"][0]["kind"] = "teleport"
            try:
                jsonschema.validate(report, schema)
                print("accepted")
            except jsonschema.ValidationError:
                print("rejected")
            """
        let result = try ProcessRunner.run(python, ["-W", "ignore", "-c", script, Self.reports.appendingPathComponent("report.schema.json").path,
                                                    Self.reports.appendingPathComponent("send-message-udp.json").path])
        #expect(result.output == "rejected\n")
    }
}
