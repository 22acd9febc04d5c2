import Reports
import Wire

/// Prints a capture's diagnostics on standard error, one line each.
enum DiagnosticPrinter {
    static func print(_ diagnostics: DiagnosticSink, capture: String) {
        let error = OutputStream.standardError
        for diagnostic in diagnostics.kept {
            let frame = diagnostic.frame.map { "frame \($0): " } ?? ""
            let times = diagnostics.limitHits[diagnostic.code].map { $0 > 1 ? " (hit \($0) times)" : "" } ?? ""
            error.write("\(capture): \(diagnostic.severity.rawValue): \(frame)\(diagnostic.code): \(TextSanitizer.clean(diagnostic.message))\(times)\n")
        }
        if diagnostics.droppedCount > 0 {
            error.write("\(capture): \(diagnostics.droppedCount) more diagnostics not shown\n")
        }
        error.flush()
    }
}
