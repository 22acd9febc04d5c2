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

    /// What a capture's report holds besides its scenarios and connections.
    public struct Summary {
        public let capture: Report.Capture
        public let diagnosticSink: DiagnosticSink
    }

    /// The whole report in memory. Throws what the source throws when the capture stops
    /// being readable. `onMessage` sees each message as it is analysed.
    public static func build(file: String, opened: CaptureFile.Opened, keyLog: KeyLog? = nil,
                             limits: Limits = .default, onMessage: @escaping (AnalysedMessage) -> Void = { _ in }) throws -> Built {
        var scenarios: [OrderedScenario] = [], connections: [WebConnection] = []
        let summary = try stream(file: file, opened: opened, keyLog: keyLog, limits: limits, onMessage: onMessage,
                                 scenarios: { scenarios += $0 }, connections: { connections += $0 })
        let report = Report(capture: summary.capture, scenarios: ScenarioAnalyzer.numbered(scenarios),
                            connections: connections, diagnostics: summary.diagnosticSink)
        return Built(report: report, diagnosticSink: summary.diagnosticSink)
    }

    /// Reads the capture and hands out each batch of scenarios as its conversations go
    /// quiet (without ids: those follow from the order once all are known) and each
    /// connection once it has closed, so that memory follows what is open, not the length
    /// of the capture.
    public static func stream(file: String, opened: CaptureFile.Opened, keyLog: KeyLog? = nil, limits: Limits = .default,
                              onMessage: @escaping (AnalysedMessage) -> Void = { _ in },
                              scenarios: ([OrderedScenario]) throws -> Void,
                              connections: ([WebConnection]) throws -> Void) throws -> Summary {
        // Extraction runs on a thread of its own: each half reports into its own sink.
        let extractionDiagnostics = DiagnosticSink(), analysisDiagnostics = DiagnosticSink()
        let registry = WebConnectionRegistry(diagnostics: extractionDiagnostics, keyLog: keyLog, handsOverClosed: true)
        let analyzer = MessageAnalyzer(diagnostics: analysisDiagnostics, limits: limits)
        let conversations = ScenarioStream(idleSeconds: Double(limits.conversationIdleSeconds))
        var claimable = ClaimableConnections(keptFor: Double(limits.conversationIdleSeconds) + ScenarioStream.relatedWindow)
        var messageCount = 0
        var first: Timestamp?, last: Timestamp?
        let extraction = try PipelinedExtraction.run(opened.source, limits: limits, web: registry,
                                                     extractionDiagnostics: extractionDiagnostics,
                                                     analysisDiagnostics: analysisDiagnostics,
                                                     closed: { closed in
            claimable.add(closed)
            try connections(closed)
        }) { observed, decoding in
            let analysed = analyzer.analyse(observed, decoding: decoding)
            onMessage(analysed)
            conversations.add(analysed.retaining(ScenarioAnalyzer.headersRead))
            messageCount += 1
            first = first ?? observed.time
            last = observed.time
            let released = conversations.release(quietAt: observed.time, connections: claimable.connections,
                                                  identities: analyzer.identities)
            if !released.isEmpty { try scenarios(released) }
            claimable.prune(now: observed.time, oldestOpenChat: { conversations.earliestOpenChatStart })
        }
        // Extraction is over: what the registry still holds is safe to read here.
        let open = registry.takeAll()
        claimable.add(open)
        try connections(open)
        try scenarios(conversations.releaseAll(connections: claimable.connections, identities: analyzer.identities))
        let format: String
        switch opened.format {
        case .pcapng: format = "pcapng"
        case .pcap(let nanosecond): format = nanosecond ? "pcap-ns" : "pcap"
        }
        let capture = Report.Capture(file: file, format: format, packets: extraction.packetCount, sipMessages: messageCount,
                                     start: first?.iso8601(), end: last?.iso8601())
        return Summary(capture: capture, diagnosticSink: extraction.diagnostics)
    }
}

/// The closed connections a scenario may still take in (a chat-room file transfer takes
/// the HTTPS connections after its token), in the order they began.
struct ClaimableConnections {
    /// Seconds after its end for which a connection stays claimable.
    let keptFor: Double
    private(set) var connections: [WebConnection] = []
    private var lastPrune: Timestamp?

    init(keptFor: Double) { self.keptFor = keptFor }

    mutating func add(_ closed: [WebConnection]) {
        for connection in closed {
            // Mostly in order already: find the place from the back.
            var index = connections.count
            while index > 0, connections[index - 1].sequence > connection.sequence { index -= 1 }
            connections.insert(connection, at: index)
        }
    }

    /// Once a minute of capture time, lets go of the connections that ended long ago and
    /// began before any chat conversation still open (which alone could claim them).
    mutating func prune(now: Timestamp, oldestOpenChat: () -> Timestamp?) {
        guard now.seconds(since: lastPrune ?? now) >= 60 || lastPrune == nil else { return }
        defer { lastPrune = now }
        guard lastPrune != nil else { return }
        let chatStart = oldestOpenChat()
        connections.removeAll { connection in
            guard let end = connection.end, now.seconds(since: end) > keptFor else { return false }
            return chatStart.map { connection.start < $0 } ?? true
        }
    }
}
