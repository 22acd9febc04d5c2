/// Builds packets byte by byte for tests: each layer wraps the one above it.
public enum PacketBuilder {
    public static func ipv4Address(_ text: String) -> [UInt8] {
        text.split(separator: ".").map { UInt8($0) ?? 0 }
    }

    /// An IPv6 address from full or `::`-compressed text.
    public static func ipv6Address(_ text: String) -> [UInt8] {
        let halves = text.components(separatedBy: "::")
        let head = halves[0].isEmpty ? [] : halves[0].split(separator: ":").map { UInt16($0, radix: 16) ?? 0 }
        let tail = halves.count > 1 && !halves[1].isEmpty ? halves[1].split(separator: ":").map { UInt16($0, radix: 16) ?? 0 } : []
        let groups = head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        return groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    public static func ethernet(_ payload: [UInt8], etherType: UInt16 = 0x0800, vlanTags: [UInt16] = []) -> [UInt8] {
        var frame: [UInt8] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
        for tag in vlanTags { frame += be16(0x8100) + be16(tag) }
        return frame + be16(etherType) + payload
    }

    public static func ipv4(_ payload: [UInt8], source: String = "10.0.0.1", destination: String = "10.0.0.2",
                            protocolNumber: UInt8 = 17, identification: UInt16 = 1, fragmentOffset: Int = 0,
                            moreFragments: Bool = false, options: [UInt8] = [], totalLength: Int? = nil) -> [UInt8] {
        let headerLength = 20 + options.count
        let flags = UInt16(moreFragments ? 0x2000 : 0) | UInt16(fragmentOffset / 8)
        var header: [UInt8] = [UInt8(0x40 | headerLength / 4), 0]
        header += be16(UInt16(totalLength ?? headerLength + payload.count)) + be16(identification) + be16(flags)
        header += [64, protocolNumber, 0, 0] + ipv4Address(source) + ipv4Address(destination) + options
        return header + payload
    }

    public static func ipv6(_ payload: [UInt8], source: String = "2001:db8::1", destination: String = "2001:db8::2",
                            nextHeader: UInt8 = 17) -> [UInt8] {
        [0x60, 0, 0, 0] + be16(UInt16(payload.count)) + [nextHeader, 64]
            + ipv6Address(source) + ipv6Address(destination) + payload
    }

    public static func udp(_ payload: [UInt8], sourcePort: UInt16 = 5060, destinationPort: UInt16 = 5060) -> [UInt8] {
        be16(sourcePort) + be16(destinationPort) + be16(UInt16(8 + payload.count)) + [0, 0] + payload
    }

    public static func tcp(_ payload: [UInt8], sourcePort: UInt16 = 50000, destinationPort: UInt16 = 5060,
                           sequence: UInt32, acknowledgment: UInt32 = 0, flags: UInt8 = 0x18) -> [UInt8] {
        be16(sourcePort) + be16(destinationPort) + be32(sequence) + be32(acknowledgment)
            + [0x50, flags] + be16(65535) + [0, 0, 0, 0] + payload
    }

    public static func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }

    public static func be32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    public static func le16(_ value: UInt16) -> [UInt8] { be16(value).reversed() }
    public static func le32(_ value: UInt32) -> [UInt8] { be32(value).reversed() }
}

public enum TCPFlag {
    public static let fin: UInt8 = 0x01
    public static let syn: UInt8 = 0x02
    public static let rst: UInt8 = 0x04
    public static let psh: UInt8 = 0x08
    public static let ack: UInt8 = 0x10
}
