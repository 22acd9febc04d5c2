import Capture
import Testing
import TestSupport
import Wire

/// What a read delivered, copied out of the borrowed packet bytes.
struct ReadPacket: Equatable {
    let frame: UInt64
    let timestamp: Timestamp
    let linkType: LinkType
    let interfaceIndex: Int
    let bytes: [UInt8]
    let originalLength: Int
}

func readAll(_ path: String) throws -> (packets: [ReadPacket], diagnostics: DiagnosticSink, format: CaptureFile.Format) {
    let opened = try CaptureFile.open(path)
    let diagnostics = DiagnosticSink()
    var packets: [ReadPacket] = []
    try opened.source.readPackets(into: diagnostics) { packet in
        packets.append(ReadPacket(frame: packet.frame, timestamp: packet.timestamp, linkType: packet.linkType,
                                  interfaceIndex: packet.interfaceIndex, bytes: Array(packet.bytes),
                                  originalLength: packet.originalLength))
        return .proceed
    }
    return (packets, diagnostics, opened.format)
}

@Suite("Capture files")
struct CaptureFileTests {
    static let payloads: [[UInt8]] = [[1, 2, 3, 4], [5, 6, 7, 8, 9, 10]]

    @Test("pcap in both byte orders, micro- and nanosecond magic", arguments: [
        (false, false), (false, true), (true, false), (true, true),
    ])
    func classicPcap(bigEndian: Bool, nanosecond: Bool) throws {
        let fraction: UInt32 = nanosecond ? 123_456_789 : 123_456
        let records = Self.payloads.map { CaptureFileBuilder.Record(fraction: fraction, bytes: $0) }
        let path = try CaptureFileBuilder.write(CaptureFileBuilder.pcap(records, nanosecond: nanosecond, bigEndian: bigEndian))
        let read = try readAll(path)
        #expect(read.packets.map(\.bytes) == Self.payloads)
        #expect(read.packets.map(\.frame) == [1, 2])
        #expect(read.packets[0].timestamp == Timestamp(seconds: 1_700_000_000, nanoseconds: nanosecond ? 123_456_789 : 123_456_000))
        #expect(read.packets[0].linkType == .ethernet)
        #expect(read.format == .pcap(nanosecond: nanosecond))
        #expect(read.diagnostics.kept.isEmpty)
    }

    @Test("a record cut short at the end: every complete record, then a truncation diagnostic")
    func truncatedLastRecord() throws {
        let records = Self.payloads.map { CaptureFileBuilder.Record(bytes: $0) }
        let whole = CaptureFileBuilder.pcap(records)
        let path = try CaptureFileBuilder.write(Array(whole.dropLast(3)))
        let read = try readAll(path)
        #expect(read.packets.map(\.bytes) == [Self.payloads[0]])
        #expect(read.diagnostics.kept.map(\.code) == ["capture_truncated"])
        #expect(read.diagnostics.kept.first?.frame == 2)
    }

    @Test("snap-length cut packets keep their original length")
    func snapLengthCut() throws {
        let path = try CaptureFileBuilder.write(CaptureFileBuilder.pcap([.init(bytes: [1, 2], originalLength: 1500)]))
        let read = try readAll(path)
        #expect(read.packets.first?.originalLength == 1500)
        #expect(read.packets.first?.bytes == [1, 2])
    }

    @Test("pcapng with interfaces of different link types and timestamp resolutions")
    func pcapngMixedInterfaces() throws {
        let interfaces = [CaptureFileBuilder.Interface(linkType: 1),
                          CaptureFileBuilder.Interface(linkType: 101, timestampResolution: 9)]
        let nanoTicks: UInt64 = 1_700_000_001 * 1_000_000_000 + 42
        let microTicks: UInt64 = 1_700_000_000 * 1_000_000 + 7
        let records = [
            CaptureFileBuilder.Record(seconds: UInt32(microTicks >> 32), fraction: UInt32(microTicks & 0xFFFF_FFFF),
                                      bytes: [0xAA, 0xBB, 0xCC], interface: 0),
            CaptureFileBuilder.Record(seconds: UInt32(nanoTicks >> 32), fraction: UInt32(nanoTicks & 0xFFFF_FFFF),
                                      bytes: [0x45, 0, 0, 20, 0, 0, 0, 0], interface: 1),
        ]
        let path = try CaptureFileBuilder.write(CaptureFileBuilder.pcapng(interfaces: interfaces, records), name: "mixed.pcapng")
        let read = try readAll(path)
        #expect(read.format == .pcapng)
        #expect(read.packets.map(\.linkType) == [.ethernet, .raw])
        #expect(read.packets.map(\.interfaceIndex) == [0, 1])
        #expect(read.packets[0].timestamp == Timestamp(seconds: 1_700_000_000, nanoseconds: 7_000))
        #expect(read.packets[1].timestamp == Timestamp(seconds: 1_700_000_001, nanoseconds: 42))
        #expect(read.packets[0].bytes == [0xAA, 0xBB, 0xCC])
    }

    @Test("pcapng cut inside a block: the blocks before it, then a truncation diagnostic")
    func pcapngTruncated() throws {
        let file = CaptureFileBuilder.pcapng(interfaces: [.init(linkType: 1)],
                                             Self.payloads.map { CaptureFileBuilder.Record(bytes: $0) })
        let path = try CaptureFileBuilder.write(Array(file.dropLast(5)), name: "cut.pcapng")
        let read = try readAll(path)
        #expect(read.packets.count == 1)
        #expect(read.diagnostics.kept.map(\.code) == ["capture_truncated"])
    }

    @Test("pcapng packet block naming an undeclared interface is a diagnostic, not a crash")
    func pcapngUnknownInterface() throws {
        let file = CaptureFileBuilder.pcapng(interfaces: [.init(linkType: 1)], [.init(bytes: [1], interface: 3)])
        let read = try readAll(try CaptureFileBuilder.write(file, name: "bad.pcapng"))
        #expect(read.packets.isEmpty)
        #expect(read.diagnostics.kept.map(\.code) == ["pcapng_bad_packet_block"])
    }

    @Test("a file that is not a capture is one clear error naming the file", arguments: [
        Array("this is a text file, not a capture\n".utf8), [UInt8](), [0xD4, 0xC3],
    ])
    func notACapture(bytes: [UInt8]) throws {
        let path = try CaptureFileBuilder.write(bytes, name: "notes.txt")
        let error = try #require(throws: CaptureError.self) { try CaptureFile.open(path) }
        #expect(error.path == path)
        #expect(error.description.contains("not a capture file"))
    }

    @Test("a missing file says so")
    func missingFile() throws {
        let error = try #require(throws: CaptureError.self) { try CaptureFile.open("/nonexistent/x.pcap") }
        #expect(error.description == "/nonexistent/x.pcap: No such file or directory")
    }
}
