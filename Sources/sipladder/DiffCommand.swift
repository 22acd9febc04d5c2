import ArgumentParser
import Checks
import Foundation
import Reports

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show how two saved reports differ, scenario by scenario and step by step; exit 1 when they do.",
        discussion: """
            Times, addresses, ports, Call-IDs, tags, branches, epids and tokens are ignored, as in `check`.

            Example:
              sipladder diff before.json after.json
            """
    )

    @Argument(help: "The earlier report (JSON, from `sipladder analyze --format json`).")
    var old: String

    @Argument(help: "The later report.")
    var new: String

    @Option(help: "Output format: text or json.")
    var format: ReportWriter.Format = .text

    @Option(help: "A regular expression whose matches are ignored (repeatable).")
    var ignore: [String] = []

    func run() throws {
        let before = try snapshot(old), after = try snapshot(new)
        let normalizer: Normalizer
        do { normalizer = try Normalizer(extra: ignore) } catch {
            throw InputFailure(message: "--ignore: not a regular expression (\(error))")
        }
        let diff = ReportDiff(old: before, new: after, normalizer: normalizer)
        switch format {
        case .text: OutputStream.standardOutput.write(diff.isEmpty ? "no differences\n" : diff.text)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            OutputStream.standardOutput.write(String(decoding: try encoder.encode(diff.differences), as: UTF8.self) + "\n")
        }
        OutputStream.standardOutput.flush()
        if !diff.isEmpty { throw ExitCode(ExitStatus.difference) }
    }

    private func snapshot(_ path: String) throws -> ReportSnapshot {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputFailure(message: "\(path): cannot read") }
        do { return try ReportSnapshot.decode(data) } catch {
            throw InputFailure(message: "\(path): not a sipladder JSON report (\(error))")
        }
    }
}
