import Capture
import Scenarios
import Timeline
import Web
import Wire

/// Reads a whole capture and builds its report: messages, their analysis, scenarios and
/// connections, and every diagnostic met on the way.
public enum ReportBuilder {
    public struct Built {
        public var report: Report
        public let diagnosticSink: DiagnosticSink
    }

    /// Throws what the source throws when the capture stops being readable. `onMessage`
    /// sees each message as it is analysed.
    public static func build(file: String, opened: CaptureFile.Opened, keyLog: KeyLog? = nil,
                             limits: Limits = .default, onMessage: @escaping (AnalysedMessage) -> Void = { _ in }) throws -> Built {
        // Extraction runs on a thread of its own: each half reports into its own sink.
        let extractionDiagnostics = DiagnosticSink(), analysisDiagnostics = DiagnosticSink()
        let registry = WebConnectionRegistry(diagnostics: extractionDiagnostics, keyLog: keyLog)
        let analyzer = MessageAnalyzer(diagnostics: analysisDiagnostics, limits: limits)
        var messages: [AnalysedMessage] = []
        var first: Timestamp?, last: Timestamp?
        let extraction = try PipelinedExtraction.run(opened.source, limits: limits, web: registry,
                                                     extractionDiagnostics: extractionDiagnostics,
                                                     analysisDiagnostics: analysisDiagnostics) { observed, decoding in
            let analysed = analyzer.analyse(observed, decoding: decoding)
            onMessage(analysed)
            messages.append(analysed.retaining(ScenarioAnalyzer.headersRead))
            first = first ?? observed.time
            last = observed.time
        }
        let diagnostics = extraction.diagnostics
        let scenarios = ScenarioAnalyzer.analyse(messages: messages, connections: registry.connections,
                                                 identities: analyzer.identities)
        let format: String
        switch opened.format {
        case .pcapng: format = "pcapng"
        case .pcap(let nanosecond): format = nanosecond ? "pcap-ns" : "pcap"
        }
        let summary = Report.Capture(file: file, format: format, packets: extraction.packetCount, sipMessages: messages.count,
                                     start: first?.iso8601(), end: last?.iso8601())
        return Built(report: Report(capture: summary, scenarios: scenarios, connections: registry.connections,
                                    diagnostics: diagnostics),
                     diagnosticSink: diagnostics)
    }
}
