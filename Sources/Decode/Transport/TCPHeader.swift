import Wire

/// RFC 9293 TCP header: what reassembly needs (ports, sequence, acknowledgment, flags).
public struct TCPHeader: Sendable {
    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let fin = Flags(rawValue: 0x01)
        public static let syn = Flags(rawValue: 0x02)
        public static let rst = Flags(rawValue: 0x04)
        public static let psh = Flags(rawValue: 0x08)
        public static let ack = Flags(rawValue: 0x10)
    }

    public let sourcePort: UInt16
    public let destinationPort: UInt16
    public let sequenceNumber: UInt32
    public let acknowledgmentNumber: UInt32
    public let flags: Flags

    public init(sourcePort: UInt16, destinationPort: UInt16, sequenceNumber: UInt32,
                acknowledgmentNumber: UInt32, flags: Flags) {
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.sequenceNumber = sequenceNumber
        self.acknowledgmentNumber = acknowledgmentNumber
        self.flags = flags
    }

    static func decode(_ reader: inout ByteReader) throws(DecodeError) -> (TCPHeader, UnsafeRawBufferPointer) {
        let start = reader.offset
        let sourcePort = try reader.readUInt16("TCP source port")
        let destinationPort = try reader.readUInt16("TCP destination port")
        let sequence = try reader.readUInt32("TCP sequence number")
        let acknowledgment = try reader.readUInt32("TCP acknowledgment number")
        let dataOffset = Int(try reader.readUInt8("TCP data offset") >> 4) * 4
        let flags = Flags(rawValue: try reader.readUInt8("TCP flags") & 0x1F)
        guard dataOffset >= 20 else {
            throw DecodeError(.invalidField, at: start + 12, "TCP data offset \(dataOffset) is below 20")
        }
        try reader.skip(6, "TCP window, checksum, urgent pointer")
        try reader.skip(dataOffset - 20, "TCP options")
        let header = TCPHeader(sourcePort: sourcePort, destinationPort: destinationPort,
                               sequenceNumber: sequence, acknowledgmentNumber: acknowledgment, flags: flags)
        return (header, reader.remainingBytes)
    }
}
