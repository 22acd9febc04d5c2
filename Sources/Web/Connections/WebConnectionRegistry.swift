import Decode
import Wire

/// Every TLS and HTTP connection of a capture, by flow, in the order they began.
///
/// With `handsOverClosed`, a connection both of whose sides have ended leaves the registry
/// for `takeClosed()` — nothing touches it again, so another thread may read it — and a
/// later stream on the same flow is a new connection: a long capture holds only the open ones.
public final class WebConnectionRegistry {
    /// Every connection held, in the order they began.
    public var connections: [WebConnection] {
        handedOver.isEmpty ? ordered : ordered.filter { !handedOver.contains(ObjectIdentifier($0)) }
    }
    /// In the order they began, with the connections handed over and not yet swept out:
    /// removing each from the middle as it closed cost a pass over all that are open.
    private var ordered: [WebConnection] = []
    private var handedOver: Set<ObjectIdentifier> = []
    private var byFlow: [FlowKey: WebConnection] = [:]
    private let diagnostics: DiagnosticSink
    private let keyLog: KeyLog?
    private let handsOverClosed: Bool
    private var closed: [WebConnection] = []
    private var opened = 0

    /// With a key log, TLS 1.3 connections whose secrets it holds are decrypted.
    public init(diagnostics: DiagnosticSink, keyLog: KeyLog? = nil, handsOverClosed: Bool = false) {
        self.diagnostics = diagnostics
        self.keyLog = keyLog
        self.handsOverClosed = handsOverClosed
    }

    /// The connections closed since the last call, in the order they closed.
    public func takeClosed() -> [WebConnection] {
        guard !closed.isEmpty else { return [] }
        defer { closed.removeAll() }
        return closed
    }

    /// Every connection still held (the open ones, with `handsOverClosed`); the registry
    /// forgets them, for a capture that has ended.
    public func takeAll() -> [WebConnection] {
        defer { ordered = []; handedOver = []; byFlow = [:]; closed = [] }
        return closed + connections
    }

    /// Told by the stream that carries `connection` when one of its sides ended.
    public func noteFinished(_ connection: WebConnection, flow: FlowKey) {
        guard handsOverClosed, connection.isClosed, byFlow[flow] === connection else { return }
        byFlow[flow] = nil
        // `ordered` holds the connection until the sweep, so its identifier stays its own.
        handedOver.insert(ObjectIdentifier(connection))
        if handedOver.count >= 64, handedOver.count * 2 >= ordered.count {
            ordered.removeAll { handedOver.contains(ObjectIdentifier($0)) }
            handedOver = []
        }
        closed.append(connection)
    }

    /// The connection a stream direction belongs to, made on first sight. `fromClient`
    /// says whether this direction is the client's; `initiator` (the SYN's sender) wins
    /// over what the content says (nil: it says nothing, as TLS application data), which
    /// wins over the ports.
    public func connection(for stream: StreamDescriptor, kind: WebConnection.Kind, contentSaysClient: Bool?,
                           time: Timestamp) -> (WebConnection, fromClient: Bool) {
        if let existing = byFlow[stream.flow] {
            return (existing, stream.source == existing.client)
        }
        let client: Endpoint
        if let initiator = stream.initiator {
            client = initiator
        } else if let contentSaysClient {
            client = contentSaysClient ? stream.source : stream.destination
        } else if let server = Self.likelyServer(stream.source, stream.destination) {
            client = server == stream.source ? stream.destination : stream.source
        } else {
            client = stream.destination
        }
        let server = client == stream.source ? stream.destination : stream.source
        let connection = WebConnection(kind: kind, client: client, server: server, start: stream.connectionStart ?? time,
                                       sequence: opened, diagnostics: diagnostics, keyLog: keyLog)
        opened += 1
        byFlow[stream.flow] = connection
        ordered.append(connection)
        return (connection, stream.source == client)
    }

    static let serverPorts: Set<UInt16> = [443, 80, 5061, 8080, 8443, 4443]

    /// A stream picked up in the middle: the side on a web or SIP-TLS port serves, else
    /// the side on a system port (below 1024), as tshark guesses.
    static func likelyServer(_ one: Endpoint, _ other: Endpoint) -> Endpoint? {
        let oneServes = serverPorts.contains(one.port), otherServes = serverPorts.contains(other.port)
        if oneServes != otherServes { return oneServes ? one : other }
        if (one.port < 1024) != (other.port < 1024) { return one.port < 1024 ? one : other }
        return nil
    }

    /// Lets go of connections that ended before `time` — a long live capture keeps only
    /// the recent ones, which are all a scenario can still take in.
    public func forget(endedBefore time: Timestamp) {
        let gone = Set(ordered.filter { $0.end.map { $0 < time } == true }.map(ObjectIdentifier.init))
        guard !gone.isEmpty else { return }
        ordered.removeAll { gone.contains(ObjectIdentifier($0)) }
        handedOver.subtract(gone)
        byFlow = byFlow.filter { !gone.contains(ObjectIdentifier($0.value)) }
    }

    /// A connection already known for this flow (the other direction saw it first).
    public func existing(for flow: FlowKey) -> WebConnection? { byFlow[flow] }
}
