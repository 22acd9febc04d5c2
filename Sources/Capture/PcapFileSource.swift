import Wire
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a classic pcap file (both byte orders, micro- and nanosecond magic) from a
/// read-only memory map: each packet is a view into the file, never a copy.
///
/// Read natively rather than through libpcap because libpcap stops at the first record
/// whose length is impossible ("invalid packet capture length"), losing every packet
/// after it. Here such a record is reported and reading resumes at the next offset where
/// two consecutive plausible record headers begin — what a hostile or damaged file needs.
///
/// ```
///  global header (24 bytes): magic, version 2.4, thiszone, sigfigs, snaplen, linktype
///  record header (16 bytes): seconds, fraction, captured length, original length
/// ```
public final class PcapFileSource: PacketSource {
    public let path: String
    public let linkType: LinkType
    public let isNanosecond: Bool
    private let file: MappedFile
    private let bigEndian: Bool
    /// A captured length past this is corruption: libpcap's own ceiling for any link type.
    static let maximumRecordLength = 262_144
    /// Bytes read between two hints to the kernel that what was read can leave memory.
    static let releaseStep = 32 << 20
    /// Bytes searched for a plausible record after a corrupt one before giving up on the rest.
    static let maximumResynchronisation = 64 << 20

    /// nil when the file does not start with a classic pcap magic number.
    public init?(path: String) throws(CaptureError) {
        let file = try MappedFile(path: path)
        guard file.count >= 4 else { return nil }
        let magic = file.bytes.loadUnaligned(as: UInt32.self)
        switch magic {
        case 0xA1B2_C3D4: (bigEndian, isNanosecond) = (false, false)
        case 0xA1B2_3C4D: (bigEndian, isNanosecond) = (false, true)
        case 0xD4C3_B2A1: (bigEndian, isNanosecond) = (true, false)
        case 0x4D3C_B2A1: (bigEndian, isNanosecond) = (true, true)
        default: return nil
        }
        guard file.count >= 24 else {
            throw CaptureError(path: path, reason: "truncated pcap file: \(file.count) bytes, shorter than the 24-byte header")
        }
        self.path = path
        self.file = file
        let raw = file.bytes.loadUnaligned(fromByteOffset: 20, as: UInt32.self)
        linkType = LinkType(rawValue: (bigEndian ? raw.byteSwapped : raw) & 0xFFFF)
    }

    public func readPackets(into diagnostics: DiagnosticSink,
                            _ body: (CapturedPacket) throws -> ReadControl) throws {
        let bytes = file.bytes
        var offset = 24, frame: UInt64 = 0
        var lastSeconds: UInt32?
        var released = 0
        while offset < bytes.count {
            if offset - released >= Self.releaseStep {
                file.release(before: offset)
                released = offset
            }
            guard let record = record(at: offset) else {
                guard offset + 16 <= bytes.count,
                      let resumed = resynchronise(after: offset, lastSeconds: lastSeconds) else {
                    diagnostics.record(.warning, "capture_truncated", frame: frame + 1,
                                       "the capture ends inside record \(frame + 1) (byte \(offset) of \(bytes.count)); the records before it were analysed")
                    return
                }
                diagnostics.record(.error, "pcap_bad_record", frame: frame + 1,
                                   "record \(frame + 1) at byte \(offset) claims an impossible length; \(resumed - offset) bytes skipped to the next plausible record")
                offset = resumed
                continue
            }
            guard record.end <= bytes.count else {
                diagnostics.record(.warning, "capture_truncated", frame: frame + 1,
                                   "the capture ends inside record \(frame + 1) (\(record.end - bytes.count) of its bytes missing); the records before it were analysed")
                return
            }
            frame += 1
            lastSeconds = record.seconds
            let packet = CapturedPacket(
                frame: frame,
                timestamp: Timestamp(seconds: Int64(record.seconds),
                                     nanoseconds: isNanosecond ? min(record.fraction, 999_999_999)
                                                               : min(record.fraction, 999_999) * 1000),
                linkType: linkType,
                interfaceIndex: 0,
                bytes: UnsafeRawBufferPointer(rebasing: bytes[(offset + 16)..<record.end]),
                originalLength: Int(record.originalLength)
            )
            if try body(packet) == .stop { return }
            offset = record.end
        }
    }

    private struct RecordHeader {
        let seconds: UInt32
        let fraction: UInt32
        let capturedLength: UInt32
        let originalLength: UInt32
        let end: Int
    }

    /// The record header at `offset`, or nil when its captured length is impossible.
    private func record(at offset: Int) -> RecordHeader? {
        guard offset + 16 <= file.count else { return nil }
        let field = { (index: Int) -> UInt32 in
            let raw = self.file.bytes.loadUnaligned(fromByteOffset: offset + index * 4, as: UInt32.self)
            return self.bigEndian ? raw.byteSwapped : raw
        }
        let captured = field(2)
        guard captured <= Self.maximumRecordLength else { return nil }
        return RecordHeader(seconds: field(0), fraction: field(1), capturedLength: captured,
                            originalLength: field(3), end: offset + 16 + Int(captured))
    }

    /// The first offset after a corrupt record where a record header makes sense — its
    /// lengths possible, its time within a day of the last good one, its fraction in
    /// range — and is followed by another such header or by the end of the file.
    private func resynchronise(after offset: Int, lastSeconds: UInt32?) -> Int? {
        let limit = min(file.count - 16, offset + Self.maximumResynchronisation)
        guard offset + 1 <= limit else { return nil }
        for candidate in (offset + 1)...limit where plausible(at: candidate, lastSeconds: lastSeconds) {
            guard let header = record(at: candidate) else { continue }
            if header.end == file.count || plausible(at: header.end, lastSeconds: header.seconds) {
                return candidate
            }
        }
        return nil
    }

    private func plausible(at offset: Int, lastSeconds: UInt32?) -> Bool {
        guard let header = record(at: offset), header.end <= file.count,
              header.capturedLength <= header.originalLength,
              header.fraction < (isNanosecond ? 1_000_000_000 : 1_000_000) else { return false }
        guard let lastSeconds else { return true }
        return header.seconds >= lastSeconds &- 86_400 && header.seconds <= lastSeconds &+ 86_400
    }
}
