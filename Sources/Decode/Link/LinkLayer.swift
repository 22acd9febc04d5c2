import Capture
import Wire

/// What the link layer says comes next.
public enum NetworkProtocol: Equatable, Sendable {
    case ipv4
    case ipv6
    /// Something this analyzer does not decode (ARP, LLDP, …): skipped without a diagnostic.
    case other
}

/// Strips the link-layer header of a packet and names the network protocol it carries.
///
/// Each case reads only the header it announces, so a short frame can only throw.
public enum LinkLayer {
    /// Link types this analyzer decodes.
    public static func isSupported(_ linkType: LinkType) -> Bool {
        switch linkType {
        case .ethernet, .linuxSLL, .linuxSLL2, .null, .loop, .raw, .rawDLT, .ipv4, .ipv6: true
        default: false
        }
    }

    /// Advances `reader` to the network header and says which protocol it is.
    public static func decode(_ linkType: LinkType, _ reader: inout ByteReader) throws(DecodeError) -> NetworkProtocol {
        switch linkType {
        case .ethernet:
            try reader.skip(12, "ethernet addresses")
            return try EtherType.decode(try reader.readUInt16("ethertype"), &reader)
        case .linuxSLL:
            // packet type(2) ARPHRD(2) address length(2) address(8) protocol(2)
            try reader.skip(14, "linux cooked header")
            return try EtherType.decode(try reader.readUInt16("linux cooked protocol"), &reader)
        case .linuxSLL2:
            // protocol(2) reserved(2) ifindex(4) ARPHRD(2) packet type(1) address length(1) address(8)
            let protocolType = try reader.readUInt16("linux cooked v2 protocol")
            try reader.skip(18, "linux cooked v2 header")
            return try EtherType.decode(protocolType, &reader)
        case .null, .loop:
            return try decodeLoopback(&reader)
        case .raw, .rawDLT, .ipv4, .ipv6:
            return ipVersion(of: reader)
        default:
            return .other
        }
    }

    /// BSD loopback: a 4-byte address family in host order (null) or network order (loop).
    /// The writer's byte order is unknown, so both are accepted.
    private static func decodeLoopback(_ reader: inout ByteReader) throws(DecodeError) -> NetworkProtocol {
        let raw = try reader.readUInt32("loopback family")
        let family = raw > 0xFFFF ? raw.byteSwapped : raw
        switch family {
        case 2: return .ipv4
        case 10, 24, 28, 30: return .ipv6   // Linux, NetBSD/OpenBSD, FreeBSD, Darwin
        default: return .other
        }
    }

    /// Raw IP link types carry no header: the first nibble is the IP version.
    static func ipVersion(of reader: ByteReader) -> NetworkProtocol {
        switch (reader.peekUInt8() ?? 0) >> 4 {
        case 4: .ipv4
        case 6: .ipv6
        default: .other
        }
    }
}
