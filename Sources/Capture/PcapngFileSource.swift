import Wire
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a pcapng file block by block (draft-ietf-opsawg-pcapng).
///
/// Read natively rather than through libpcap because libpcap 1.10 refuses a file whose
/// interfaces differ in link type ("an interface has a type … different from the type of
/// the first interface"), and such files are exactly what `tshark -i a -i b` writes.
/// Each interface keeps its own link type, timestamp resolution and offset.
///
/// ```
///  0                   1                   2                   3
///  +---------------------------------------------------------------+
///  |                          Block Type                           |
///  +---------------------------------------------------------------+
///  |                      Block Total Length                       |
///  +---------------------------------------------------------------+
///  /                          Block Body                           /
///  +---------------------------------------------------------------+
///  |                      Block Total Length                       |
///  +---------------------------------------------------------------+
/// ```
public final class PcapngFileSource: PacketSource {
    public let path: String
    private let file: UnsafeMutablePointer<FILE>
    private var blockBuffer: [UInt8] = []
    /// Largest block accepted; a larger length field is treated as corruption.
    static let maximumBlockLength = 64 << 20

    public init(path: String) throws(CaptureError) {
        self.path = path
        guard let opened = fopen(path, "rb") else {
            throw CaptureError(path: path, reason: String(cString: strerror(errno)))
        }
        file = opened
    }

    deinit { fclose(file) }

    public func readPackets(into diagnostics: DiagnosticSink,
                            _ body: (CapturedPacket) throws -> ReadControl) throws {
        var section = PcapngSection(bigEndian: false)
        var frame: UInt64 = 0
        var header = [UInt8](repeating: 0, count: 8)
        while true {
            let headerRead = fread(&header, 1, 8, file)
            if headerRead == 0 { return }
            guard headerRead == 8 else {
                diagnostics.record(.warning, "capture_truncated", frame: frame + 1,
                                   "the capture ends inside a block header after frame \(frame)")
                return
            }
            let isSectionHeader = header[0] == 0x0A && header[1] == 0x0D && header[2] == 0x0D && header[3] == 0x0A
            if isSectionHeader {
                // The byte-order magic follows the length; it decides how the length reads.
                section = PcapngSection(bigEndian: false)
            }
            var blockLength = section.uint32(header, at: 4)
            if isSectionHeader {
                guard let order = try readSectionByteOrder(frame: frame) else {
                    throw CaptureError(path: path, reason: "not a capture file (pcap or pcapng expected)")
                }
                section = PcapngSection(bigEndian: order)
                blockLength = section.uint32(header, at: 4)
            }
            let alreadyRead = isSectionHeader ? 12 : 8
            guard blockLength >= 12, blockLength % 4 == 0, Int(blockLength) <= Self.maximumBlockLength else {
                diagnostics.record(.error, "pcapng_bad_block_length", frame: frame + 1,
                                   "block length \(blockLength) after frame \(frame) is impossible; the rest of the file is unreadable")
                return
            }
            let bodyLength = Int(blockLength) - alreadyRead
            if blockBuffer.count < bodyLength { blockBuffer = [UInt8](repeating: 0, count: bodyLength) }
            let bodyRead = blockBuffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, bodyLength, file) }
            guard bodyRead == bodyLength else {
                diagnostics.record(.warning, "capture_truncated", frame: frame + 1,
                                   "the capture ends inside the block after frame \(frame); the records before it were analysed")
                return
            }
            let blockType = section.uint32(header, at: 0)
            let control = try blockBuffer.withUnsafeBytes { raw -> ReadControl in
                let blockBody = UnsafeRawBufferPointer(rebasing: raw[0..<(bodyLength - 4)])
                return try handleBlock(type: blockType, body: blockBody, isSectionHeader: isSectionHeader,
                                       section: &section, frame: &frame, diagnostics: diagnostics, body)
            }
            if control == .stop { return }
        }
    }

    /// Reads the 4-byte byte-order magic of a section header; nil if it is not pcapng.
    private func readSectionByteOrder(frame: UInt64) throws -> Bool? {
        var magic = [UInt8](repeating: 0, count: 4)
        guard fread(&magic, 1, 4, file) == 4 else { return nil }
        switch (magic[0], magic[1], magic[2], magic[3]) {
        case (0x4D, 0x3C, 0x2B, 0x1A): return false
        case (0x1A, 0x2B, 0x3C, 0x4D): return true
        default: return nil
        }
    }

    private func handleBlock(type: UInt32, body blockBody: UnsafeRawBufferPointer, isSectionHeader: Bool,
                             section: inout PcapngSection, frame: inout UInt64,
                             diagnostics: DiagnosticSink,
                             _ body: (CapturedPacket) throws -> ReadControl) throws -> ReadControl {
        if isSectionHeader { return .proceed }
        switch type {
        case 1:
            section.addInterface(blockBody)
            return .proceed
        case 6, 2, 3:
            frame += 1
            guard let record = section.packetRecord(blockType: type, body: blockBody) else {
                diagnostics.record(.warning, "pcapng_bad_packet_block", frame: frame,
                                   "packet block of frame \(frame) is malformed or names an unknown interface; skipped")
                return .proceed
            }
            let packet = CapturedPacket(frame: frame, timestamp: record.timestamp, linkType: record.linkType,
                                        interfaceIndex: record.interfaceIndex, bytes: record.bytes,
                                        originalLength: record.originalLength)
            return try body(packet)
        default:
            return .proceed   // name resolution, statistics, decryption secrets, custom blocks
        }
    }
}
