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
        let diagnostics = DiagnosticSink()
        let registry = WebConnectionRegistry(diagnostics: diagnostics, keyLog: keyLog)
        let analyzer = MessageAnalyzer(diagnostics: diagnostics, limits: limits)
        var messages: [AnalysedMessage] = []
        var first: Timestamp?, last: Timestamp?
        let extractor = SIPMessageExtractor(limits: limits, diagnostics: diagnostics, web: registry) { observed in
            let analysed = analyzer.analyse(observed)
            onMessage(analysed)
            messages.append(analysed.retaining(ScenarioAnalyzer.headersRead))
            first = first ?? observed.time
            last = observed.time
        }
        try extractor.run(opened.source)
        let scenarios = ScenarioAnalyzer.analyse(messages: messages, connections: registry.connections,
                                                 identities: analyzer.identities)
        let format: String
        switch opened.format {
        case .pcapng: format = "pcapng"
        case .pcap(let nanosecond): format = nanosecond ? "pcap-ns" : "pcap"
        }
        let summary = Report.Capture(file: file, format: format, packets: extractor.packetCount, sipMessages: messages.count,
                                     start: first?.iso8601(), end: last?.iso8601())
        return Built(report: Report(capture: summary, scenarios: scenarios, connections: registry.connections,
                                    diagnostics: diagnostics),
                     diagnosticSink: diagnostics)
    }
}
