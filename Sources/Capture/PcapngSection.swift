import Wire

/// The state of one pcapng section: its byte order and the interfaces declared so far.
struct PcapngSection {
    struct Interface {
        let linkType: LinkType
        /// Ticks per second of this interface's timestamps (if_tsresol; default 10^6).
        let ticksPerSecond: UInt64
        /// Seconds added to every timestamp (if_tsoffset).
        let offsetSeconds: Int64
    }

    struct PacketRecord {
        let interfaceIndex: Int
        let linkType: LinkType
        let timestamp: Timestamp
        let bytes: UnsafeRawBufferPointer
        let originalLength: Int
    }

    let bigEndian: Bool
    private(set) var interfaces: [Interface] = []

    init(bigEndian: Bool) { self.bigEndian = bigEndian }

    func uint16(_ bytes: some RandomAccessCollection<UInt8>, at offset: Int) -> UInt16 {
        let start = bytes.index(bytes.startIndex, offsetBy: offset)
        let first = UInt16(bytes[start]), second = UInt16(bytes[bytes.index(after: start)])
        return bigEndian ? first << 8 | second : second << 8 | first
    }

    func uint32(_ bytes: some RandomAccessCollection<UInt8>, at offset: Int) -> UInt32 {
        let high = UInt32(uint16(bytes, at: offset)), low = UInt32(uint16(bytes, at: offset + 2))
        return bigEndian ? high << 16 | low : low << 16 | high
    }

    /// Interface Description Block: LinkType(2) Reserved(2) SnapLen(4) Options…
    mutating func addInterface(_ body: UnsafeRawBufferPointer) {
        guard body.count >= 8 else { return }
        var ticksPerSecond: UInt64 = 1_000_000
        var offsetSeconds: Int64 = 0
        var cursor = 8
        while cursor + 4 <= body.count {
            let code = uint16(body, at: cursor)
            let length = Int(uint16(body, at: cursor + 2))
            let valueStart = cursor + 4
            guard code != 0, valueStart + length <= body.count else { break }
            if code == 9, length >= 1 {                     // if_tsresol
                ticksPerSecond = Self.ticksPerSecond(resolution: body[valueStart])
            } else if code == 14, length >= 8 {             // if_tsoffset
                let high = UInt64(uint32(body, at: valueStart)), low = UInt64(uint32(body, at: valueStart + 4))
                offsetSeconds = Int64(bitPattern: bigEndian ? high << 32 | low : low << 32 | high)
            }
            cursor = valueStart + (length + 3) / 4 * 4
        }
        interfaces.append(Interface(linkType: LinkType(rawValue: UInt32(uint16(body, at: 0))),
                                    ticksPerSecond: ticksPerSecond, offsetSeconds: offsetSeconds))
    }

    /// if_tsresol: high bit clear means 10^-v seconds, set means 2^-v.
    static func ticksPerSecond(resolution: UInt8) -> UInt64 {
        let exponent = UInt64(resolution & 0x7F)
        if resolution & 0x80 != 0 { return exponent < 63 ? 1 << exponent : 1 << 62 }
        var ticks: UInt64 = 1
        for _ in 0..<min(exponent, 19) { ticks *= 10 }
        return ticks
    }

    /// Enhanced (6), obsolete (2) or simple (3) packet block.
    func packetRecord(blockType: UInt32, body: UnsafeRawBufferPointer) -> PacketRecord? {
        if blockType == 3 {
            guard body.count >= 4, let interface = interfaces.first else { return nil }
            let original = Int(uint32(body, at: 0))
            let captured = min(original, body.count - 4)
            return PacketRecord(interfaceIndex: 0, linkType: interface.linkType,
                                timestamp: Timestamp(seconds: 0, nanoseconds: 0),
                                bytes: UnsafeRawBufferPointer(rebasing: body[4..<(4 + captured)]),
                                originalLength: original)
        }
        guard body.count >= 20 else { return nil }
        let index = blockType == 2 ? Int(uint16(body, at: 0)) : Int(uint32(body, at: 0))
        guard index < interfaces.count else { return nil }
        let interface = interfaces[index]
        let ticks = UInt64(uint32(body, at: 4)) << 32 | UInt64(uint32(body, at: 8))
        let captured = Int(uint32(body, at: 12))
        let original = Int(uint32(body, at: 16))
        guard captured <= body.count - 20 else { return nil }
        let seconds = ticks / interface.ticksPerSecond
        let remainder = ticks % interface.ticksPerSecond
        let nanoseconds = remainder.multipliedReportingOverflow(by: 1_000_000_000)
        let fraction = nanoseconds.overflow
            ? UInt32(Double(remainder) / Double(interface.ticksPerSecond) * 1e9)
            : UInt32(nanoseconds.partialValue / interface.ticksPerSecond)
        return PacketRecord(
            interfaceIndex: index, linkType: interface.linkType,
            timestamp: Timestamp(seconds: Int64(clamping: seconds) &+ interface.offsetSeconds, nanoseconds: fraction),
            bytes: UnsafeRawBufferPointer(rebasing: body[20..<(20 + captured)]),
            originalLength: original)
    }
}
