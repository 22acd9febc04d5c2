import Wire

/// RFC 768 UDP header: ports, then a length that covers header and payload.
public struct UDPHeader {
    public let sourcePort: UInt16
    public let destinationPort: UInt16
    /// True when the length field announces more bytes than the packet holds.
    public var isLengthBeyondPacket = false

    /// Reads the header and returns it with the payload the length field announces
    /// (clamped to what was captured).
    static func decode(_ reader: inout ByteReader) throws(DecodeError) -> (UDPHeader, UnsafeRawBufferPointer) {
        let start = reader.offset
        var header = UDPHeader(sourcePort: try reader.readUInt16("UDP source port"),
                               destinationPort: try reader.readUInt16("UDP destination port"))
        let length = Int(try reader.readUInt16("UDP length"))
        try reader.skip(2, "UDP checksum")
        // Length 0 is legal for IPv6 jumbograms and seen with offload: take what is there.
        guard length == 0 || length >= 8 else {
            throw DecodeError(.invalidField, at: start + 4, "UDP length \(length) is below the 8-byte header")
        }
        let payloadLength = length == 0 ? reader.remainingCount : min(length - 8, reader.remainingCount)
        header.isLengthBeyondPacket = length - 8 > reader.remainingCount
        return (header, try reader.readBytes(payloadLength))
    }
}
