import Wire

/// Tracks TCP connections and turns their segments into ordered byte streams.
///
/// Handles out-of-order segments, exact and partial retransmissions, overlaps (first copy
/// wins), sequence wrap, streams whose SYN was not captured, FIN and RST. A hole is
/// declared a gap — reported to the consumer and as a diagnostic — when the peer
/// acknowledges past it, when the direction buffers more than
/// `Limits.tcpBufferPerDirection` bytes out of order, or when the stream ends.
public final class TCPReassembler {
    final class Connection {
        /// All that a segment changes, as one value: each access to a class's stored
        /// property is checked for exclusivity at run time, and a segment touches all of it.
        struct State {
            var directions = [TCPStreamDirection(), TCPStreamDirection()]
            var lastActivity: Timestamp
            /// The sender of the first pure SYN: the client.
            var initiator: Endpoint?
            /// Already waiting in `closedQueue`.
            var isQueuedAsClosed = false

            var isClosed: Bool { directions[0].isFinished && directions[1].isFinished }
        }

        var state: State
        let start: Timestamp
        /// Creation order: streams ended together end in this order, whatever the hashing.
        let serial: UInt64

        init(start: Timestamp, serial: UInt64) {
            self.start = start
            self.serial = serial
            state = State(lastActivity: start)
        }

        var lastActivity: Timestamp { state.lastActivity }
        var directions: [TCPStreamDirection] { state.directions }

        func withState<Result>(_ body: (inout State) -> Result) -> Result {
            body(&state)
        }
    }

    private let limits: Limits
    private let factory: StreamConsumerFactory
    private var connections: [FlowKey: Connection] = [:]
    private var totalPendingBytes = 0
    private var connectionsCreated: UInt64 = 0
    private var lastSweep = Timestamp(seconds: 0, nanoseconds: 0)
    private var lastIdleSweep: Timestamp?
    /// Closed connections in the order they closed, so a sweep looks at them alone, not
    /// at every open connection.
    private var closedQueue: [(key: FlowKey, connection: Connection)] = []
    private var closedQueueStart = 0
    /// Seconds a closed connection is remembered, so late retransmissions are not taken for a new stream.
    static let closedLingerSeconds = 60.0

    public init(limits: Limits, factory: StreamConsumerFactory) {
        self.limits = limits
        self.factory = factory
    }

    public var openConnectionCount: Int { connections.count }

    public func add(_ segment: TransportSegment, diagnostics: DiagnosticSink) {
        guard let tcp = segment.tcp else { return }
        let (key, direction) = FlowKey.of(source: segment.source, destination: segment.destination, transport: .tcp)
        let startsState = tcp.flags.contains(.syn) || !segment.payload.isEmpty || tcp.flags.contains(.fin)
        guard let connection = connections[key] ?? (startsState ? newConnection(key, segment, diagnostics: diagnostics) : nil)
        else { return }
        let side = direction.rawValue, otherSide = direction.reversed.rawValue
        let frame = segment.frame, time = segment.timestamp, start = connection.start
        var pendingChange = 0
        /// FIN and RST, once the segment's data is in: whether the direction now buffers too
        /// much, and whether the connection just closed.
        func end(_ state: inout Connection.State) -> (overLimit: Bool, justClosed: Bool) {
            if tcp.flags.contains(.fin) {
                state.directions[side].markFin(sequence: tcp.sequenceNumber, payloadLength: segment.payload.count,
                                               frame: frame, time: time)
            }
            if tcp.flags.contains(.rst) {
                for index in 0..<2 {
                    pendingChange -= state.directions[index].finish(.reset, frame: frame, time: time)
                }
            }
            let justClosed = state.isClosed && !state.isQueuedAsClosed
            if justClosed { state.isQueuedAsClosed = true }
            return (state.directions[side].pendingBytes > limits.tcpBufferPerDirection, justClosed)
        }
        // One access to the connection unless the peer acknowledged a hole, whose gap is
        // skipped before the segment's FIN or RST is taken.
        let endedInOneAccess = connection.withState { state -> (overLimit: Bool, justClosed: Bool)? in
            state.lastActivity = time
            if tcp.flags.contains(.syn), !tcp.flags.contains(.ack), state.initiator == nil {
                state.initiator = segment.source
            }
            if tcp.flags.contains(.syn), !state.directions[side].isStarted {
                state.directions[side].start(at: tcp.sequenceNumber, syn: true)
            }
            if !segment.payload.isEmpty {
                if !state.directions[side].isStarted {
                    state.directions[side].start(at: tcp.sequenceNumber, syn: false)
                }
                if state.directions[side].consumer == nil {
                    state.directions[side].consumer = factory.makeConsumer(for: StreamDescriptor(
                        flow: key, direction: direction, sawStart: state.directions[side].sawSyn,
                        initiator: state.initiator, connectionStart: start))
                }
                pendingChange += state.directions[side].add(segment.payload, sequence: tcp.sequenceNumber,
                                                             frame: frame, time: time)
            }
            let holeAcknowledged = tcp.flags.contains(.ack)
                && state.directions[otherSide].isHoleAcknowledged(by: tcp.acknowledgmentNumber)
            return holeAcknowledged ? nil : end(&state)
        }
        let (overLimit, justClosed): (Bool, Bool)
        if let ending = endedInOneAccess {
            (overLimit, justClosed) = ending
        } else {
            skipGap(connection, otherSide, key: key, because: "the peer acknowledged it", frame: frame, time: time,
                    diagnostics: diagnostics)
            (overLimit, justClosed) = connection.withState(end)
        }
        if pendingChange != 0 { totalPendingBytes += pendingChange }
        if overLimit {
            while connection.directions[side].pendingBytes > limits.tcpBufferPerDirection {
                skipGap(connection, side, key: key, because: "more than \(limits.tcpBufferPerDirection) bytes waited behind it",
                        frame: frame, time: time, diagnostics: diagnostics)
            }
        }
        if totalPendingBytes > limits.tcpBufferTotal {
            relieveTotalBuffer(frame: frame, time: time, diagnostics: diagnostics)
        }
        if justClosed { closedQueue.append((key, connection)) }
        sweep(now: time, frame: frame, diagnostics: diagnostics)
    }

    /// Ends every open stream: the capture is over.
    public func finish(frame: UInt64, time: Timestamp, diagnostics: DiagnosticSink) {
        for (key, connection) in inCreationOrder(connections) {
            for side in 0..<2 where !connection.directions[side].isFinished {
                if !connection.directions[side].pending.isEmpty {
                    reportGap(connection, side, key: key, because: "the capture ended", frame: frame, diagnostics: diagnostics)
                }
                totalPendingBytes -= connection.withState { $0.directions[side].finish(.captureEnd, frame: frame, time: time) }
            }
        }
        connections.removeAll()
    }

    private func newConnection(_ key: FlowKey, _ segment: TransportSegment,
                               diagnostics: DiagnosticSink) -> Connection {
        if connections.count >= limits.tcpConnections {
            evictIdlest(frame: segment.frame, time: segment.timestamp, diagnostics: diagnostics)
        }
        connectionsCreated += 1
        let connection = Connection(start: segment.timestamp, serial: connectionsCreated)
        connections[key] = connection
        return connection
    }

    private func skipGap(_ connection: Connection, _ side: Int, key: FlowKey, because reason: String,
                         frame: UInt64, time: Timestamp, diagnostics: DiagnosticSink) {
        reportGap(connection, side, key: key, because: reason, frame: frame, diagnostics: diagnostics)
        totalPendingBytes -= connection.withState { $0.directions[side].skipToPending(frame: frame, time: time) }
    }

    private func reportGap(_ connection: Connection, _ side: Int, key: FlowKey, because reason: String,
                           frame: UInt64, diagnostics: DiagnosticSink) {
        let stream = connection.directions[side]
        guard let first = stream.pending.first, first.offset > stream.nextOffset else { return }
        let direction = Direction(rawValue: side) ?? .lowerToUpper
        diagnostics.record(.warning, "tcp_gap", frame: frame,
                           "\(first.offset - stream.nextOffset) bytes missing from TCP \(key.source(of: direction)) → \(key.destination(of: direction)) (\(reason))")
    }

    private func relieveTotalBuffer(frame: UInt64, time: Timestamp, diagnostics: DiagnosticSink) {
        diagnostics.recordLimit("tcp_buffer_limit", frame: frame,
                                "out-of-order TCP data passed \(limits.tcpBufferTotal) bytes in total; holes skipped as gaps")
        for (key, connection) in inCreationOrder(connections) where totalPendingBytes > limits.tcpBufferTotal / 2 {
            for side in 0..<2 where !connection.directions[side].pending.isEmpty {
                skipGap(connection, side, key: key, because: "total buffer limit", frame: frame, time: time,
                        diagnostics: diagnostics)
            }
        }
    }

    /// Forgets closed connections once late retransmissions are no longer expected.
    private func sweep(now: Timestamp, frame: UInt64, diagnostics: DiagnosticSink) {
        guard now.seconds(since: lastSweep) >= 1 else { return }
        lastSweep = now
        while closedQueueStart < closedQueue.count {
            let (key, connection) = closedQueue[closedQueueStart]
            // Activity after closing (a late retransmission) restarts the linger; the queue
            // waits behind it, which only delays forgetting the ones after it.
            guard now.seconds(since: connection.lastActivity) > Self.closedLingerSeconds else { break }
            if connections[key] === connection { connections[key] = nil }
            closedQueueStart += 1
        }
        endIdleConnections(now: now, frame: frame)
        if closedQueueStart > 4096, closedQueueStart * 2 > closedQueue.count {
            closedQueue.removeFirst(closedQueueStart)
            closedQueueStart = 0
        }
    }

    /// Once a minute of capture time: connections silent for `tcpIdleSeconds` end as idle.
    private func endIdleConnections(now: Timestamp, frame: UInt64) {
        guard let last = lastIdleSweep else {
            lastIdleSweep = now
            return
        }
        guard now.seconds(since: last) >= 60 else { return }
        lastIdleSweep = now
        let limit = Double(limits.tcpIdleSeconds)
        // Collected first, then removed: most connections are not idle, and a view of the
        // dictionary still alive during the removals would make the first one copy it whole.
        var idle: [(key: FlowKey, value: Connection)] = []
        for entry in connections where now.seconds(since: entry.value.lastActivity) > limit { idle.append(entry) }
        for (key, connection) in inCreationOrder(idle) {
            for side in 0..<2 {
                totalPendingBytes -= connection.withState {
                    $0.directions[side].finish(.idle, frame: frame, time: $0.lastActivity)
                }
            }
            connections[key] = nil
        }
    }

    private func evictIdlest(frame: UInt64, time: Timestamp, diagnostics: DiagnosticSink) {
        let victims = connections.sorted { ($0.value.lastActivity, $0.value.serial) < ($1.value.lastActivity, $1.value.serial) }
            .prefix(max(1, limits.tcpConnections / 10))
        diagnostics.recordLimit("tcp_connection_limit", frame: frame,
                                "more than \(limits.tcpConnections) TCP connections open; closed the \(victims.count) idlest")
        for (key, connection) in victims {
            for side in 0..<2 {
                totalPendingBytes -= connection.withState { $0.directions[side].finish(.captureEnd, frame: frame, time: time) }
            }
            connections[key] = nil
        }
    }

    /// Dictionary order changes from run to run; what is reported must not.
    private func inCreationOrder<Connections: Sequence<(key: FlowKey, value: Connection)>>(
        _ connections: Connections) -> [(key: FlowKey, value: Connection)] {
        connections.sorted { $0.value.serial < $1.value.serial }
    }
}
