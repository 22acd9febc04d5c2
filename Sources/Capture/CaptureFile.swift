#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a capture file with the reader its magic number calls for.
public enum CaptureFile {
    public enum Format: Sendable, Equatable {
        case pcap(nanosecond: Bool)
        case pcapng
    }

    /// The opened source and what the file's header said about it.
    public struct Opened {
        public let source: any PacketSource
        public let format: Format

        /// Digits of second fractions the file itself records (6 or 9).
        public var timestampFractionDigits: Int {
            if case .pcap(nanosecond: true) = format { return 9 }
            return 6
        }
    }

    public static func open(_ path: String) throws(CaptureError) -> Opened {
        let magic = try readMagic(path)
        switch magic {
        case [0x0A, 0x0D, 0x0D, 0x0A]:
            return Opened(source: try PcapngFileSource(path: path), format: .pcapng)
        case _ where classicMagics.contains(magic) && MappedFile.isRegularFile(path):
            // Read natively from a memory map (see PcapFileSource); libpcap for pipes.
            guard let source = try PcapFileSource(path: path) else { break }
            return Opened(source: source, format: .pcap(nanosecond: source.isNanosecond))
        case [0xA1, 0xB2, 0x3C, 0x4D], [0x4D, 0x3C, 0xB2, 0xA1]:
            return Opened(source: try LibpcapFileSource(path: path), format: .pcap(nanosecond: true))
        default:
            break
        }
        // libpcap also knows the modified and other pcap variants, reads pipes, and names what it rejects.
        return Opened(source: try LibpcapFileSource(path: path), format: .pcap(nanosecond: false))
    }

    private static let classicMagics: [[UInt8]] = [
        [0xD4, 0xC3, 0xB2, 0xA1], [0xA1, 0xB2, 0xC3, 0xD4], [0x4D, 0x3C, 0xB2, 0xA1], [0xA1, 0xB2, 0x3C, 0x4D],
    ]

    private static func readMagic(_ path: String) throws(CaptureError) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw CaptureError(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var magic = [UInt8](repeating: 0, count: 4)
        let count = fread(&magic, 1, 4, file)
        if count == 0 {
            var status = stat()
            if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
                throw CaptureError(path: path, reason: "is a directory, not a capture file")
            }
            throw CaptureError(path: path, reason: "empty file, not a capture file (pcap or pcapng expected)")
        }
        guard count == 4 else {
            throw CaptureError(path: path, reason: "not a capture file (pcap or pcapng expected): only \(count) bytes")
        }
        return magic
    }
}
