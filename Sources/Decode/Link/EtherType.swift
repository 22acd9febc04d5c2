import Wire

/// EtherType dispatch, including the tags and shims that can sit before IP:
/// 802.1Q/802.1ad VLAN tags (stacked for QinQ), PPPoE sessions and MPLS label stacks.
enum EtherType {
    static let ipv4: UInt16 = 0x0800
    static let ipv6: UInt16 = 0x86DD
    static let vlan: UInt16 = 0x8100
    static let qinq: UInt16 = 0x88A8
    static let qinqLegacy: UInt16 = 0x9100
    static let pppoeSession: UInt16 = 0x8864
    static let mplsUnicast: UInt16 = 0x8847
    static let mplsMulticast: UInt16 = 0x8848

    /// More tags than any real network stacks; bounds a hostile chain of tags.
    static let maximumTags = 8

    static func decode(_ first: UInt16, _ reader: inout ByteReader) throws(DecodeError) -> NetworkProtocol {
        var type = first
        for _ in 0...maximumTags {
            switch type {
            case ipv4: return .ipv4
            case ipv6: return .ipv6
            case vlan, qinq, qinqLegacy:
                try reader.skip(2, "VLAN tag control")
                type = try reader.readUInt16("VLAN inner ethertype")
            case pppoeSession:
                // version/type(1) code(1) session id(2) length(2), then the PPP protocol(2).
                try reader.skip(6, "PPPoE header")
                switch try reader.readUInt16("PPP protocol") {
                case 0x0021: return .ipv4
                case 0x0057: return .ipv6
                default: return .other
                }
            case mplsUnicast, mplsMulticast:
                return try skipMPLSLabels(&reader)
            default:
                return .other
            }
        }
        throw DecodeError(.limitExceeded, at: reader.offset, "more than \(maximumTags) VLAN tags")
    }

    /// RFC 3032 label stack entries (4 bytes each) until the bottom-of-stack bit.
    private static func skipMPLSLabels(_ reader: inout ByteReader) throws(DecodeError) -> NetworkProtocol {
        for _ in 0..<maximumTags {
            let entry = try reader.readUInt32("MPLS label")
            if entry & 0x100 != 0 { return LinkLayer.ipVersion(of: reader) }
        }
        throw DecodeError(.limitExceeded, at: reader.offset, "MPLS label stack deeper than \(maximumTags)")
    }
}
