import Wire

/// RFC 791 IPv4 header, options skipped by IHL.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Version|  IHL  |Type of Service|          Total Length         |
/// |         Identification        |Flags|      Fragment Offset    |
/// |  Time to Live |    Protocol   |         Header Checksum       |
/// |                       Source Address                          |
/// |                    Destination Address                        |
/// |                    Options (IHL > 5)                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
enum IPv4Header {
    static func decode(_ reader: inout ByteReader) throws(DecodeError) -> IPPacket {
        let start = reader.offset
        let versionAndLength = try reader.readUInt8("IPv4 version")
        guard versionAndLength >> 4 == 4 else {
            throw DecodeError(.invalidField, at: start, "IP version \(versionAndLength >> 4) in an IPv4 header")
        }
        let headerLength = Int(versionAndLength & 0x0F) * 4
        guard headerLength >= 20 else {
            throw DecodeError(.invalidField, at: start, "IPv4 header length \(headerLength) is below 20")
        }
        try reader.skip(1, "IPv4 TOS")
        let totalLength = Int(try reader.readUInt16("IPv4 total length"))
        let identification = try reader.readUInt16("IPv4 identification")
        let flagsAndOffset = try reader.readUInt16("IPv4 fragment offset")
        try reader.skip(1, "IPv4 TTL")
        let protocolNumber = try reader.readUInt8("IPv4 protocol")
        try reader.skip(2, "IPv4 checksum")
        let source = IPAddress(ipv4: try reader.readBytes(4, "IPv4 source"))
        let destination = IPAddress(ipv4: try reader.readBytes(4, "IPv4 destination"))
        try reader.skip(headerLength - 20, "IPv4 options")

        let available = reader.remainingCount
        // A total length of 0 is what TCP segmentation offload leaves in locally captured packets.
        let announced = totalLength == 0 ? headerLength + available : totalLength
        guard announced >= headerLength else {
            throw DecodeError(.invalidField, at: start + 2, "IPv4 total length \(totalLength) is shorter than its header (\(headerLength))")
        }
        let payloadLength = min(announced - headerLength, available)
        let fragmentOffset = Int(flagsAndOffset & 0x1FFF) * 8
        let moreFragments = flagsAndOffset & 0x2000 != 0
        return IPPacket(
            source: source, destination: destination, protocolNumber: protocolNumber,
            payload: try reader.readBytes(payloadLength),
            fragment: (moreFragments || fragmentOffset > 0)
                ? IPPacket.Fragment(identification: UInt32(identification), offset: fragmentOffset, moreFragments: moreFragments)
                : nil,
            isTruncated: announced - headerLength > available)
    }
}
