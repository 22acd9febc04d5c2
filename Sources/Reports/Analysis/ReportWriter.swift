import Foundation
import Scenarios

/// Writes reports as text ladders or JSON.
public enum ReportWriter {
    public enum Format: String, CaseIterable, Sendable {
        case text
        case json
    }

    public static func json(_ reports: [Report]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        let data = reports.count == 1 ? try encoder.encode(reports[0]) : try encoder.encode(reports)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public static func text(_ reports: [Report], renderer: LadderRenderer) -> String {
        var output = ""
        for report in reports {
            output += "== \(report.capture.file): \(report.scenarios.count) scenarios, \(report.capture.sipMessages) SIP messages, "
                + "\(report.connections.count) connections, \(report.diagnostics.count) diagnostics\n\n"
            for scenario in report.scenarios { output += renderer.render(scenario) + "\n" }
        }
        return output
    }
}
