import Foundation
import Scenarios

/// Writes reports as text ladders or JSON.
public enum ReportWriter {
    public enum Format: String, CaseIterable, Sendable {
        case text
        case json
    }

    /// The reports as JSON (one object, or an array of them), handed out in pieces to
    /// `write` as they are made.
    public static func json(_ reports: [Report], write: ([UInt8]) throws -> Void) throws {
        var json = JSONBuilder(pretty: true, reservingCapacity: 64 * 1024)
        func flush(_ json: inout JSONBuilder) throws {
            guard json.byteCount >= 32 * 1024 else { return }
            try write(json.bytes)
            json.removeWrittenBytes()
        }
        if reports.count == 1 {
            try reports[0].write(to: &json, flush: flush)
        } else {
            try json.array(reports) { try $1.write(to: &$0, flush: flush) }
        }
        json.newline()
        try write(json.bytes)
    }

    public static func json(_ reports: [Report]) throws -> String {
        var text: [UInt8] = []
        try json(reports) { text += $0 }
        return String(decoding: text, as: UTF8.self)
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
