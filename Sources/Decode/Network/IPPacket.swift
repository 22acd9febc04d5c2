/// An IP datagram's addressing and payload, version-independent.
public struct IPPacket {
    /// Where a fragment sits in its original datagram.
    public struct Fragment: Equatable {
        public let identification: UInt32
        /// Byte offset of this fragment's payload within the original payload.
        public let offset: Int
        public let moreFragments: Bool
    }

    public let source: IPAddress
    public let destination: IPAddress
    /// The upper-layer protocol number (6 TCP, 17 UDP, …).
    public let protocolNumber: UInt8
    /// The upper-layer bytes, borrowed from the packet.
    public let payload: UnsafeRawBufferPointer
    /// Set when the datagram is one fragment of a larger one.
    public let fragment: Fragment?
    /// True when the capture holds fewer bytes than the header announces.
    public let isTruncated: Bool
}
