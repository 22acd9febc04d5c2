import Wire

/// A UDP datagram or TCP segment with its addressing, ready for flow handling.
///
/// `payload` is borrowed: valid only inside the callback that receives the segment.
public struct TransportSegment {
    public let frame: UInt64
    public let timestamp: Timestamp
    public let source: Endpoint
    public let destination: Endpoint
    public let transport: FlowKey.TransportProtocol
    /// The TCP header, for TCP segments.
    public let tcp: TCPHeader?
    public let payload: UnsafeRawBufferPointer
    /// True when the capture cut the packet short of what its headers announce.
    public let isTruncated: Bool

    public init(frame: UInt64, timestamp: Timestamp, source: Endpoint, destination: Endpoint,
                transport: FlowKey.TransportProtocol, tcp: TCPHeader?, payload: UnsafeRawBufferPointer,
                isTruncated: Bool) {
        self.frame = frame
        self.timestamp = timestamp
        self.source = source
        self.destination = destination
        self.transport = transport
        self.tcp = tcp
        self.payload = payload
        self.isTruncated = isTruncated
    }
}
