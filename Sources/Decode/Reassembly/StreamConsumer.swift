import Wire

/// Receives one direction of a TCP connection as ordered bytes.
///
/// The reassembler knows nothing of the protocol; the consumer (SIP framing, TLS
/// records, HTTP) is chosen by content and made by a `StreamConsumerFactory`.
public protocol StreamConsumer: AnyObject {
    /// The next bytes of the stream, in order. `frame` is the packet that made them
    /// deliverable (for out-of-order data, the packet that filled the hole).
    func receive(_ bytes: UnsafeRawBufferPointer, frame: UInt64, time: Timestamp)
    /// `byteCount` bytes of the stream were never captured; the next bytes follow the hole.
    func receiveGap(byteCount: Int, frame: UInt64, time: Timestamp)
    /// The stream ended; nothing more will arrive.
    func finish(_ end: StreamEnd, frame: UInt64, time: Timestamp)
}

/// How a TCP stream direction ended.
public enum StreamEnd: String, Sendable {
    case fin
    case reset
    /// The capture ended (or the connection was evicted) with the stream still open.
    case captureEnd = "capture-end"
    /// Nothing was seen on the connection for `Limits.tcpIdleSeconds`: it is let go.
    case idle
}

/// Describes a stream direction to the factory that picks its consumer.
public struct StreamDescriptor: Sendable {
    public let flow: FlowKey
    public let direction: Direction
    public var source: Endpoint { flow.source(of: direction) }
    public var destination: Endpoint { flow.destination(of: direction) }
    /// True when the connection's SYN was seen, so the stream starts at its first byte.
    public let sawStart: Bool
    /// The endpoint that sent the first SYN (without ACK): the client, when known.
    public let initiator: Endpoint?
    /// When the connection's first packet was seen.
    public let connectionStart: Timestamp?

    public init(flow: FlowKey, direction: Direction, sawStart: Bool, initiator: Endpoint? = nil,
                connectionStart: Timestamp? = nil) {
        self.flow = flow
        self.direction = direction
        self.sawStart = sawStart
        self.initiator = initiator
        self.connectionStart = connectionStart
    }
}

/// Makes the consumer for a stream direction when its first bytes arrive.
public protocol StreamConsumerFactory: AnyObject {
    func makeConsumer(for stream: StreamDescriptor) -> StreamConsumer
}
