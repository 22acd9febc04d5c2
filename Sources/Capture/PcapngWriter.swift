import Wire
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes packets to a pcapng file as they arrive (section header, one interface
/// description with nanosecond timestamps, enhanced packet blocks), flushing each packet so
/// the file is readable up to the last one even if the process is stopped abruptly.
public final class PcapngWriter {
    private let file: UnsafeMutablePointer<FILE>
    public let path: String

    public init(path: String, linkType: LinkType, snapLength: UInt32 = 262_144) throws(CaptureError) {
        guard let opened = fopen(path, "wb") else {
            throw CaptureError(path: path, reason: String(cString: strerror(errno)))
        }
        file = opened
        self.path = path
        // Section header: byte-order magic, version 1.0, section length unknown (-1).
        write(block: 0x0A0D_0D0A, body: le32(0x1A2B_3C4D) + le16(1) + le16(0) + [UInt8](repeating: 0xFF, count: 8))
        // Interface: link type, snap length, if_tsresol = 9 (nanoseconds), end of options.
        write(block: 1, body: le16(UInt16(truncatingIfNeeded: linkType.rawValue)) + [0, 0] + le32(snapLength)
              + le16(9) + le16(1) + [9, 0, 0, 0] + le16(0) + le16(0))
        fflush(file)
    }

    deinit { fclose(file) }

    public func write(_ packet: CapturedPacket) {
        let ticks = UInt64(max(0, packet.timestamp.seconds)) * 1_000_000_000 + UInt64(packet.timestamp.nanoseconds)
        var body = le32(0) + le32(UInt32(truncatingIfNeeded: ticks >> 32)) + le32(UInt32(truncatingIfNeeded: ticks))
            + le32(UInt32(packet.bytes.count)) + le32(UInt32(packet.originalLength))
        body.append(contentsOf: packet.bytes)
        body += [UInt8](repeating: 0, count: (4 - packet.bytes.count % 4) % 4)
        write(block: 6, body: body)
        fflush(file)
    }

    private func write(block type: UInt32, body: [UInt8]) {
        let total = le32(UInt32(12 + body.count))
        let bytes = le32(type) + total + body + total
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    }

    private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) } }
}
