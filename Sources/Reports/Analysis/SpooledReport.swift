import Scenarios
import Web
import Wire

/// A capture's report whose scenarios and connections are rendered as they finish and
/// wait on disk until the capture has been read: what `analyze` writes, in memory that
/// follows the open conversations and connections rather than the length of the capture.
/// Its output equals `Report`'s, byte for byte.
///
/// Rendering and spooling run on a thread of their own (`SerialWorker`), in the order the
/// scenarios and connections were added, while the caller goes on reading the capture;
/// `drain` waits for them.
public final class SpooledReport: @unchecked Sendable {
    public enum Rendering {
        /// JSON records indented for where the report writer places them
        /// (`ReportWriter.jsonRecordDepth`), so that they are copied out as they are.
        case json(recordDepth: Int)
        case text(LadderRenderer)
    }

    private let rendering: Rendering
    /// The depth the JSON records were rendered at.
    var recordDepth: Int {
        if case .json(let depth) = rendering { return depth }
        return 0
    }
    private let keep: (Scenario) -> Bool
    private let redacting: Bool
    /// Touched by the worker alone until `drain` returns.
    let scenarios: RecordSpool<ScenarioOrder>
    let connections: RecordSpool<ConnectionOrder>
    private let worker = SerialWorker()
    /// Read and changed by the worker alone.
    private let fingerprints = FingerprintMemo()
    private(set) var connectionCount = 0
    private var terms: [(order: ScenarioOrder, terms: Redactor.Terms)] = []
    public private(set) var summary: ReportBuilder.Summary?

    /// `keep` picks the scenarios written; the others still count for the ids. With
    /// `redacting`, what each kept scenario names is noted for a `Redactor`.
    public init(rendering: Rendering, redacting: Bool = false, keep: @escaping (Scenario) -> Bool = { _ in true }) throws(SpoolError) {
        self.rendering = rendering
        self.redacting = redacting
        self.keep = keep
        scenarios = try RecordSpool()
        connections = try RecordSpool()
    }

    deinit { worker.close() }

    /// Stands in for the id while a scenario waits: `\u{1}` is escaped in JSON and never
    /// precedes the id on a ladder's first line.
    private static let idMark = "\u{1}"
    private static let jsonIDMember = Array(#""id" : ""#.utf8)
    private static let jsonIDMark = jsonIDMember + Array(#"\u0001""#.utf8)

    public func add(_ released: [OrderedScenario]) throws {
        let kept = released.map { keep($0.scenario) }
        if redacting {
            for (ordered, isKept) in zip(released, kept) where isKept { terms.append((ordered.order, Redactor.Terms(ordered.scenario))) }
        }
        try worker.submit { [self] in
            for (ordered, isKept) in zip(released, kept) {
                guard isKept else {
                    scenarios.skip(key: ordered.order)
                    continue
                }
                try spool(ordered)
            }
        }
    }

    /// Renders one scenario with a gap for its id, and spools it.
    private func spool(_ ordered: OrderedScenario) throws(SpoolError) {
        var scenario = ordered.scenario
        scenario.id = Self.idMark
        var bytes: [UInt8]
        let gap: Int
        switch rendering {
        case .json(let depth):
            var json = JSONBuilder(pretty: true, depth: depth, reservingCapacity: 4096)
            json.write(scenario)
            bytes = json.bytes
            let mark = Self.firstIndex(of: Self.jsonIDMark, in: bytes) ?? 0
            gap = mark + Self.jsonIDMember.count
            bytes.removeSubrange(gap..<gap + 6)
        case .text(let renderer):
            bytes = Array((renderer.render(scenario) + "\n").utf8)
            gap = bytes.firstIndex(of: 1) ?? 0
            bytes.remove(at: gap)
        }
        try scenarios.append(bytes, key: ordered.order, gap: gap)
    }

    /// Closed connections: nothing changes them any more, so the worker may read them.
    public func add(_ closed: [WebConnection]) throws {
        connectionCount += closed.count
        guard case .json(let depth) = rendering else { return }
        nonisolated(unsafe) let closed = closed
        try worker.submit { [self] in
            for connection in closed {
                var json = JSONBuilder(pretty: true, depth: depth, reservingCapacity: 2048)
                try ConnectionRecord(connection, fingerprints: fingerprints).write(to: &json)
                try connections.append(json.bytes, key: ConnectionOrder(connection))
            }
        }
    }

    /// Waits until everything added is spooled; throws what stopped the spooling.
    public func drain() throws { try worker.finish() }

    public func finish(_ summary: ReportBuilder.Summary) { self.summary = summary }

    /// What the kept scenarios name, in report order.
    public var redactionTerms: [Redactor.Terms] { terms.sorted { $0.order < $1.order }.map(\.terms) }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        return (0...(bytes.count - pattern.count)).first { start in
            bytes[start] == pattern[0] && bytes[start..<start + pattern.count].elementsEqual(pattern)
        }
    }
}

/// A connection's place in the report: by start, then in the order first seen.
struct ConnectionOrder: Comparable {
    let start: Timestamp
    let sequence: Int

    init(_ connection: WebConnection) {
        start = connection.start
        sequence = connection.sequence
    }

    static func < (lhs: ConnectionOrder, rhs: ConnectionOrder) -> Bool {
        (lhs.start, lhs.sequence) < (rhs.start, rhs.sequence)
    }
}
