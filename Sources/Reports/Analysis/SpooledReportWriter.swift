import Scenarios

extension ReportWriter {
    /// How deep `json(_:write:)` places a scenario or connection record: in the report's
    /// array, and in the array of reports when there are several.
    public static func jsonRecordDepth(reportCount: Int) -> Int { reportCount == 1 ? 2 : 3 }

    /// Spooled reports as JSON (one object, or an array of them), in pieces to `write`:
    /// the same bytes `json(_: [Report])` gives for the same captures.
    public static func json(_ reports: [SpooledReport], write: ([UInt8]) throws -> Void) throws {
        var json = JSONBuilder(pretty: true, reservingCapacity: 64 * 1024)
        func flush(_ json: inout JSONBuilder) throws {
            guard json.byteCount >= 32 * 1024 else { return }
            try write(json.bytes)
            json.removeWrittenBytes()
        }
        func one(_ report: SpooledReport, _ json: inout JSONBuilder) throws {
            guard let summary = report.summary else { return }
            try Report.write(to: &json, capture: summary.capture, diagnostics: Report.records(of: summary.diagnosticSink),
                             connections: { json in
                try json.array { json in
                    try report.connections.forEachInOrder { _, record, _ in
                        json.element()
                        json.written(record, renderedAtDepth: report.recordDepth)
                        try flush(&json)
                    }
                }
            }, scenarios: { json in
                try json.array { json in
                    try report.scenarios.forEachInOrder { place, beforeID, afterID in
                        json.element()
                        json.written(beforeID, renderedAtDepth: report.recordDepth)
                        json.written("s\(place + 1)".utf8)
                        json.written(afterID, renderedAtDepth: report.recordDepth)
                        try flush(&json)
                    }
                }
            })
        }
        if reports.count == 1 {
            try one(reports[0], &json)
        } else {
            try json.array { json in
                for report in reports {
                    json.element()
                    try one(report, &json)
                }
            }
        }
        json.newline()
        try write(json.bytes)
    }

    /// Spooled reports as ladders, a scenario at a time to `write`.
    public static func text(_ reports: [SpooledReport], write: (String) throws -> Void) throws {
        for report in reports {
            guard let summary = report.summary else { continue }
            try write("== \(summary.capture.file): \(report.scenarios.keptCount) scenarios, \(summary.capture.sipMessages) SIP messages, "
                      + "\(report.connectionCount) connections, \(summary.diagnosticSink.kept.count) diagnostics\n\n")
            try report.scenarios.forEachInOrder { place, beforeID, afterID in
                try write(String(decoding: beforeID, as: UTF8.self) + "s\(place + 1)" + String(decoding: afterID, as: UTF8.self))
            }
        }
    }
}
