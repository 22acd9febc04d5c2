import Capture
import Reports
import Scenarios
import Timeline
import Web
import Wire

/// What every analysing command does first and last: open the capture and the output,
/// read every packet, and report problems the same way.
struct CaptureInput {
    let path: String
    let opened: CaptureFile.Opened
    let output: OutputStream

    /// Opens `capture` and `outputPath` (standard output when nil); one-line errors.
    init(capture: String, outputPath: String?) throws {
        path = capture
        do {
            opened = try CaptureFile.open(capture)
        } catch {
            throw InputFailure(message: error.description)
        }
        do {
            output = try outputPath.map { path throws(OutputError) in try OutputStream(path: path) } ?? .standardOutput
        } catch {
            throw InputFailure(message: error.description)
        }
    }

    /// Reads the whole capture through `extractor`; a capture that stops being readable is an input error.
    func read(with extractor: SIPMessageExtractor) throws {
        do {
            try extractor.run(opened.source)
        } catch let error as CaptureError {
            throw InputFailure(message: error.description)
        }
    }

    /// Reads the whole capture into a spooled report; a capture that stops being readable,
    /// or a temporary file that cannot be written, is an input error.
    func spoolReport(rendering: SpooledReport.Rendering, redacting: Bool, keep: @escaping (Scenarios.Scenario) -> Bool,
                     keyLog: KeyLog?, limits: Limits) throws -> SpooledReport {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        do {
            let report = try SpooledReport(rendering: rendering, redacting: redacting, keep: keep)
            let summary = try ReportBuilder.stream(file: file, opened: opened, keyLog: keyLog, limits: limits,
                                                   scenarios: { try report.add($0) }, connections: { try report.add($0) })
            try report.drain()
            report.finish(summary)
            return report
        } catch let error as CaptureError {
            throw InputFailure(message: error.description)
        } catch let error as SpoolError {
            throw InputFailure(message: error.description)
        }
    }

    /// Reads the whole capture into a report; a capture that stops being readable is an input error.
    func buildReport(keyLog: KeyLog?, limits: Limits) throws -> ReportBuilder.Built {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        do {
            return try ReportBuilder.build(file: file, opened: opened, keyLog: keyLog, limits: limits)
        } catch let error as CaptureError {
            throw InputFailure(message: error.description)
        }
    }
}
