import Scenarios
import Web
import Wire

/// The analysis of one capture: what `sipladder analyze --format json` writes. Its shape
/// is `Reports/report.schema.json`; `schemaVersion` changes when a key changes meaning.
public struct Report: Encodable, Sendable {
    public struct Capture: Encodable, Sendable {
        /// The file name (not the path, so reports compare across machines).
        public let file: String
        public let format: String
        public let packets: UInt64
        public let sipMessages: Int
        public let start: String?
        public let end: String?

        enum CodingKeys: String, CodingKey { case file, format, packets, sipMessages, start, end }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(format, forKey: .format)
            try container.encode(packets, forKey: .packets)
            try container.encode(sipMessages, forKey: .sipMessages)
            try container.encode(start, forKey: .start)
            try container.encode(end, forKey: .end)
        }

        public init(file: String, format: String, packets: UInt64, sipMessages: Int, start: String?, end: String?) {
            self.file = file
            self.format = format
            self.packets = packets
            self.sipMessages = sipMessages
            self.start = start
            self.end = end
        }
    }

    public struct DiagnosticRecord: Encodable, Sendable {
        public let severity: String
        public let code: String
        public let frame: UInt64?
        public let message: String
        /// For a cap that was hit: how many times (the diagnostic itself is kept once).
        public let count: Int?
    }

    public static let currentSchemaVersion = 1
    public let schemaVersion = Report.currentSchemaVersion
    public let capture: Capture
    public let scenarios: [Scenario]
    public let connections: [ConnectionRecord]
    public let diagnostics: [DiagnosticRecord]

    enum CodingKeys: String, CodingKey { case schemaVersion, capture, scenarios, connections, diagnostics }

    /// The same report with only the scenarios `keep` accepts.
    public func keeping(_ keep: (Scenario) -> Bool) -> Report {
        Report(capture: capture, scenarios: scenarios.filter(keep), connectionRecords: connections, diagnostics: diagnostics)
    }

    private init(capture: Capture, scenarios: [Scenario], connectionRecords: [ConnectionRecord], diagnostics: [DiagnosticRecord]) {
        self.capture = capture
        self.scenarios = scenarios
        self.connections = connectionRecords
        self.diagnostics = diagnostics
    }

    public init(capture: Capture, scenarios: [Scenario], connections: [WebConnection], diagnostics: DiagnosticSink) {
        self.capture = capture
        self.scenarios = scenarios
        let fingerprints = FingerprintMemo()
        self.connections = connections.sorted(by: Report.precedes).map { ConnectionRecord($0, fingerprints: fingerprints) }
        self.diagnostics = Self.records(of: diagnostics)
    }

    /// Connections go in the order they began, those that began together in the order first seen.
    public static func precedes(_ one: WebConnection, _ other: WebConnection) -> Bool {
        (one.start, one.sequence) < (other.start, other.sequence)
    }

    static func records(of diagnostics: DiagnosticSink) -> [DiagnosticRecord] {
        diagnostics.kept.map {
            DiagnosticRecord(severity: $0.severity.rawValue, code: $0.code, frame: $0.frame, message: $0.message,
                             count: diagnostics.limitHits[$0.code])
        }
    }
}
