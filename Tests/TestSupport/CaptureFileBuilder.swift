import Foundation

/// Writes small pcap and pcapng files for tests.
public enum CaptureFileBuilder {
    public struct Record {
        public let seconds: UInt32
        public let fraction: UInt32
        public let bytes: [UInt8]
        public let originalLength: Int?
        public let interface: UInt32

        public init(seconds: UInt32 = 1_700_000_000, fraction: UInt32 = 0, bytes: [UInt8],
                    originalLength: Int? = nil, interface: UInt32 = 0) {
            self.seconds = seconds
            self.fraction = fraction
            self.bytes = bytes
            self.originalLength = originalLength
            self.interface = interface
        }
    }

    /// A classic pcap file; `nanosecond` picks the 0xa1b23c4d magic.
    public static func pcap(_ records: [Record], linkType: UInt32 = 1, nanosecond: Bool = false,
                            bigEndian: Bool = false, snapLength: UInt32 = 262_144) -> [UInt8] {
        let u32 = { (value: UInt32) in bigEndian ? PacketBuilder.be32(value) : PacketBuilder.le32(value) }
        let u16 = { (value: UInt16) in bigEndian ? PacketBuilder.be16(value) : PacketBuilder.le16(value) }
        var file = u32(nanosecond ? 0xA1B2_3C4D : 0xA1B2_C3D4) + u16(2) + u16(4) + u32(0) + u32(0) + u32(snapLength) + u32(linkType)
        for record in records {
            file += u32(record.seconds) + u32(record.fraction) + u32(UInt32(record.bytes.count))
                + u32(UInt32(record.originalLength ?? record.bytes.count)) + record.bytes
        }
        return file
    }

    public struct Interface {
        public let linkType: UInt16
        /// if_tsresol byte; nil leaves the default (microseconds).
        public let timestampResolution: UInt8?

        public init(linkType: UInt16, timestampResolution: UInt8? = nil) {
            self.linkType = linkType
            self.timestampResolution = timestampResolution
        }
    }

    /// A little-endian pcapng file; each record's `fraction` holds the low 32 timestamp bits
    /// and `seconds` the high ones, in the interface's resolution.
    public static func pcapng(interfaces: [Interface], _ records: [Record]) -> [UInt8] {
        var file = block(0x0A0D_0D0A, PacketBuilder.le32(0x1A2B_3C4D) + PacketBuilder.le16(1) + PacketBuilder.le16(0)
                         + [UInt8](repeating: 0xFF, count: 8))
        for interface in interfaces {
            var body = PacketBuilder.le16(interface.linkType) + [0, 0] + PacketBuilder.le32(65535)
            if let resolution = interface.timestampResolution {
                body += PacketBuilder.le16(9) + PacketBuilder.le16(1) + [resolution, 0, 0, 0] + [0, 0, 0, 0]
            }
            file += block(1, body)
        }
        for record in records {
            let padding = [UInt8](repeating: 0, count: (4 - record.bytes.count % 4) % 4)
            file += block(6, PacketBuilder.le32(record.interface) + PacketBuilder.le32(record.seconds)
                          + PacketBuilder.le32(record.fraction) + PacketBuilder.le32(UInt32(record.bytes.count))
                          + PacketBuilder.le32(UInt32(record.originalLength ?? record.bytes.count)) + record.bytes + padding)
        }
        return file
    }

    private static func block(_ type: UInt32, _ body: [UInt8]) -> [UInt8] {
        let total = UInt32(12 + body.count)
        return PacketBuilder.le32(type) + PacketBuilder.le32(total) + body + PacketBuilder.le32(total)
    }

    /// Writes bytes to a fresh temporary file and returns its path.
    public static func write(_ bytes: [UInt8], name: String = "capture.pcap") throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sipladder-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}
