import Wire

/// One packet as the capture source hands it over.
///
/// `bytes` is borrowed from the source's buffer and is valid only during the callback
/// that receives the packet: a stage that keeps any of it must copy what it keeps.
public struct CapturedPacket {
    /// 1-based position in the capture, the same numbering as tshark's frame.number.
    public let frame: UInt64
    public let timestamp: Timestamp
    public let linkType: LinkType
    /// Index of the interface in a pcapng file (0 for pcap and live sources).
    public let interfaceIndex: Int
    /// The bytes that were captured (possibly fewer than were on the wire).
    public let bytes: UnsafeRawBufferPointer
    /// The packet's length on the wire.
    public let originalLength: Int

    public init(frame: UInt64, timestamp: Timestamp, linkType: LinkType, interfaceIndex: Int,
                bytes: UnsafeRawBufferPointer, originalLength: Int) {
        self.frame = frame
        self.timestamp = timestamp
        self.linkType = linkType
        self.interfaceIndex = interfaceIndex
        self.bytes = bytes
        self.originalLength = originalLength
    }

    /// True when the capture's snap length cut the packet short: a flag, not an error.
    public var isSnapLengthCut: Bool { bytes.count < originalLength }
}
