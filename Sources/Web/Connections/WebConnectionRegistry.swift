import Decode
import Wire

/// Every TLS and HTTP connection of a capture, by flow, in the order they began.
public final class WebConnectionRegistry {
    public private(set) var connections: [WebConnection] = []
    private var byFlow: [FlowKey: WebConnection] = [:]
    private let diagnostics: DiagnosticSink
    private let keyLog: KeyLog?

    /// With a key log, TLS 1.3 connections whose secrets it holds are decrypted.
    public init(diagnostics: DiagnosticSink, keyLog: KeyLog? = nil) {
        self.diagnostics = diagnostics
        self.keyLog = keyLog
    }

    /// The connection a stream direction belongs to, made on first sight. `fromClient`
    /// says whether this direction is the client's; `initiator` (the SYN's sender) wins
    /// over what the content suggests.
    public func connection(for stream: StreamDescriptor, kind: WebConnection.Kind, contentSaysClient: Bool,
                           time: Timestamp) -> (WebConnection, fromClient: Bool) {
        if let existing = byFlow[stream.flow] {
            return (existing, stream.source == existing.client)
        }
        let client: Endpoint
        if let initiator = stream.initiator {
            client = initiator
        } else {
            client = contentSaysClient ? stream.source : stream.destination
        }
        let server = client == stream.source ? stream.destination : stream.source
        let connection = WebConnection(kind: kind, client: client, server: server,
                                       start: stream.connectionStart ?? time, diagnostics: diagnostics, keyLog: keyLog)
        byFlow[stream.flow] = connection
        connections.append(connection)
        return (connection, stream.source == client)
    }

    /// Lets go of connections that ended before `time` — a long live capture keeps only
    /// the recent ones, which are all a scenario can still take in.
    public func forget(endedBefore time: Timestamp) {
        let gone = Set(connections.filter { $0.end.map { $0 < time } == true }.map(ObjectIdentifier.init))
        guard !gone.isEmpty else { return }
        connections.removeAll { gone.contains(ObjectIdentifier($0)) }
        byFlow = byFlow.filter { !gone.contains(ObjectIdentifier($0.value)) }
    }

    /// A connection already known for this flow (the other direction saw it first).
    public func existing(for flow: FlowKey) -> WebConnection? { byFlow[flow] }
}
