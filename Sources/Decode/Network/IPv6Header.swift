import Wire

/// RFC 8200 IPv6 header and its extension-header chain.
///
/// Hop-by-hop, routing, destination options and AH are skipped by their length; the
/// fragment header is read, since fragments must be reassembled before UDP or TCP.
enum IPv6Header {
    /// A chain longer than this is hostile, not real.
    static let maximumExtensionHeaders = 16

    static func decode(_ reader: inout ByteReader) throws(DecodeError) -> IPPacket {
        let start = reader.offset
        let version = try reader.readUInt8("IPv6 version") >> 4
        guard version == 6 else {
            throw DecodeError(.invalidField, at: start, "IP version \(version) in an IPv6 header")
        }
        try reader.skip(3, "IPv6 flow label")
        let payloadLength = Int(try reader.readUInt16("IPv6 payload length"))
        let nextHeader = try reader.readUInt8("IPv6 next header")
        try reader.skip(1, "IPv6 hop limit")
        let source = IPAddress(ipv6: try reader.readBytes(16, "IPv6 source"))
        let destination = IPAddress(ipv6: try reader.readBytes(16, "IPv6 destination"))

        let available = reader.remainingCount
        // Payload length 0 means a jumbogram or offloaded segment: take what was captured.
        let announced = payloadLength == 0 ? available : payloadLength
        let payload = try reader.readBytes(min(announced, available))
        let upper = try upperLayer(nextHeader, payload)
        return IPPacket(source: source, destination: destination, protocolNumber: upper.protocolNumber,
                        payload: upper.payload, fragment: upper.fragment, isTruncated: announced > available)
    }

    /// Walks the extension headers from `firstHeader` to the upper-layer protocol.
    /// Also used on a reassembled payload, whose fragmentable part may start with
    /// destination options.
    static func upperLayer(_ firstHeader: UInt8, _ bytes: UnsafeRawBufferPointer) throws(DecodeError)
        -> (protocolNumber: UInt8, payload: UnsafeRawBufferPointer, fragment: IPPacket.Fragment?) {
        var nextHeader = firstHeader
        var payload = ByteReader(bytes)
        var fragment: IPPacket.Fragment?
        for _ in 0..<maximumExtensionHeaders {
            switch nextHeader {
            case 0, 43, 60, 135, 139, 140:   // hop-by-hop, routing, destination, mobility, HIP, shim6
                nextHeader = try payload.readUInt8("IPv6 extension next header")
                let length = (Int(try payload.readUInt8("IPv6 extension length")) + 1) * 8
                try payload.skip(length - 2, "IPv6 extension header")
            case 51:                          // authentication header counts 4-byte words
                nextHeader = try payload.readUInt8("AH next header")
                let length = (Int(try payload.readUInt8("AH length")) + 2) * 4
                try payload.skip(length - 2, "AH header")
            case 44:
                nextHeader = try payload.readUInt8("fragment next header")
                try payload.skip(1, "fragment reserved")
                let offsetAndFlags = try payload.readUInt16("fragment offset")
                let identification = try payload.readUInt32("fragment identification")
                let offset = Int(offsetAndFlags >> 3) * 8
                let more = offsetAndFlags & 1 != 0
                // An atomic fragment (offset 0, no more) is a whole datagram (RFC 6946).
                if offset > 0 || more {
                    fragment = IPPacket.Fragment(identification: identification, offset: offset, moreFragments: more)
                    // What follows is the fragmentable part: parsed after reassembly.
                    return (nextHeader, payload.remainingBytes, fragment)
                }
            default:
                return (nextHeader, payload.remainingBytes, fragment)
            }
        }
        throw DecodeError(.limitExceeded, at: payload.offset, "more than \(maximumExtensionHeaders) IPv6 extension headers")
    }
}
