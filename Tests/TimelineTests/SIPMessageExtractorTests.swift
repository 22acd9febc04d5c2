import Capture
import Foundation
import SIP
import Testing
import TestSupport
import Timeline
import Wire

func extract(_ path: String) throws -> (messages: [ObservedMessage], diagnostics: DiagnosticSink) {
    var messages: [ObservedMessage] = []
    let extractor = SIPMessageExtractor { messages.append($0) }
    try extractor.run(try CaptureFile.open(path).source)
    return (messages, extractor.diagnostics)
}

@Suite("SIP message extraction")
struct SIPMessageExtractorTests {
    static let lab = Paths.projectCaptures

    @Test("real TCP: batched messages share a frame; a split message completes in its last segment")
    func tcpFramingOnARealCapture() throws {
        let result = try extract(Self.lab.appendingPathComponent("tcp-split-and-batched.pcap").path)
        #expect(result.messages.map(\.frame) == [4, 4, 6, 8, 14, 16, 21, 22])
        #expect(result.messages.map { $0.message.cseq?.sequence } == [1, 2, 1, 2, 3, 3, 4, 4])
        #expect(result.messages[4].message.body == Array("split over three segments".utf8))
        #expect(result.messages.allSatisfy { $0.transport == .tcp })
        #expect(result.messages.first?.source.description.hasPrefix("127.0.0.3:") == true)
        #expect(result.diagnostics.kept.isEmpty, "\(result.diagnostics.kept)")
    }

    @Test("real UDP call: every message with its endpoints")
    func udpCall() throws {
        let result = try extract(Self.lab.appendingPathComponent("sipp-call-udp.pcap").path)
        let labels = result.messages.map { $0.message.method?.rawValue ?? String($0.message.statusCode ?? 0) }
        #expect(labels == ["INVITE", "180", "200", "ACK", "BYE", "200"])
        #expect(result.messages.first?.destination.description == "127.0.0.2:5060")
        #expect(result.messages.first?.message.contentType == "application/sdp")
    }

    @Test("SIP on a non-SIP port over TCP, the capture starting mid-stream")
    func midStreamOnAnyPort() throws {
        let first = "MESSAGE sip:b@x SIP/2.0\r\nCall-ID: m1\r\nContent-Length: 10\r\n\r\n0123456789"
        let second = "MESSAGE sip:b@x SIP/2.0\r\nCall-ID: m2\r\nContent-Length: 0\r\n\r\n"
        let packets = [
            // The tail of a message whose start was not captured, then a whole one.
            Array("456789".utf8), Array(second.utf8), Array(first.utf8),
        ].enumerated().map { index, payload -> [UInt8] in
            let sequence: UInt32 = [100, 106, UInt32(106 + second.utf8.count)][index]
            return PacketBuilder.ethernet(PacketBuilder.ipv4(
                PacketBuilder.tcp(payload, sourcePort: 40000, destinationPort: 7777, sequence: sequence), protocolNumber: 6))
        }
        let path = try CaptureFileBuilder.write(CaptureFileBuilder.pcap(packets.map { .init(bytes: $0) }))
        let result = try extract(path)
        #expect(result.messages.map { $0.message.callID } == ["m2", "m1"])
        #expect(result.messages.map(\.frame) == [2, 3])
    }

    @Test("a lost segment is a diagnostic; framing picks up at the next message")
    func gapResynchronises() throws {
        let whole = "MESSAGE sip:b@x SIP/2.0\r\nCall-ID: lost\r\nContent-Length: 4\r\n\r\nbody"
        let next = "MESSAGE sip:b@x SIP/2.0\r\nCall-ID: kept\r\nContent-Length: 0\r\n\r\n"
        let bytes = Array(whole.utf8)
        let segments: [(UInt32, [UInt8], UInt8)] = [
            (1, Array(bytes[0..<20]), 0x18),
            // bytes[20..<40] never captured
            (UInt32(1 + 40), Array(bytes[40...]) + Array(next.utf8), 0x18),
        ]
        var packets = segments.map { sequence, payload, flags in
            PacketBuilder.ethernet(PacketBuilder.ipv4(
                PacketBuilder.tcp(payload, sourcePort: 40000, destinationPort: 5060, sequence: sequence, flags: flags),
                protocolNumber: 6))
        }
        // The receiver acknowledges everything: the hole is a capture loss.
        packets.append(PacketBuilder.ethernet(PacketBuilder.ipv4(
            PacketBuilder.tcp([], sourcePort: 5060, destinationPort: 40000, sequence: 9,
                              acknowledgment: UInt32(1 + bytes.count + next.utf8.count), flags: 0x10),
            source: "10.0.0.2", destination: "10.0.0.1", protocolNumber: 6)))
        let result = try extract(try CaptureFileBuilder.write(CaptureFileBuilder.pcap(packets.map { .init(bytes: $0) })))
        #expect(result.messages.map { $0.message.callID } == ["kept"])
        let codes = result.diagnostics.kept.map(\.code)
        #expect(codes.contains("tcp_gap"))
        #expect(codes.contains("sip_message_lost_in_gap"))
        #expect(result.diagnostics.kept.allSatisfy { $0.frame == 3 })
    }

    @Test("non-SIP traffic yields no messages and no diagnostics")
    func nonSIPIsQuiet() throws {
        let packets = [
            PacketBuilder.ethernet(PacketBuilder.ipv4(PacketBuilder.udp(Array("\u{16}\u{03}\u{01}hello".utf8), sourcePort: 53, destinationPort: 53))),
            PacketBuilder.ethernet(PacketBuilder.ipv4(
                PacketBuilder.tcp(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8), sourcePort: 40000, destinationPort: 80, sequence: 1),
                protocolNumber: 6)),
        ]
        let result = try extract(try CaptureFileBuilder.write(CaptureFileBuilder.pcap(packets.map { .init(bytes: $0) })))
        #expect(result.messages.isEmpty)
        #expect(result.diagnostics.kept.isEmpty)
    }
}

@Suite("Mixed link types")
struct MixedLinkTypeTests {
    @Test("an interface with an unknown link type is reported; the other interfaces are still analysed")
    func unknownInterfaceDoesNotStopTheOthers() throws {
        let sip = Array("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: ok\r\n\r\n".utf8)
        let ethernet = PacketBuilder.ethernet(PacketBuilder.ipv4(PacketBuilder.udp(sip)))
        let raw = PacketBuilder.ipv6(PacketBuilder.udp(sip, sourcePort: 5080))
        let file = CaptureFileBuilder.pcapng(
            interfaces: [.init(linkType: 147), .init(linkType: 1), .init(linkType: 101)],
            [.init(bytes: [1, 2, 3], interface: 0), .init(bytes: ethernet, interface: 1),
             .init(bytes: [4, 5, 6], interface: 0), .init(bytes: raw, interface: 2)])
        let result = try extract(try CaptureFileBuilder.write(file, name: "mixed.pcapng"))
        #expect(result.messages.map(\.frame) == [2, 4])
        #expect(result.messages.last?.source.description == "[2001:db8::1]:5080")
        #expect(result.diagnostics.kept.map(\.code) == ["unsupported_link_type"])
        #expect(result.diagnostics.kept.first?.message.contains("interface 0") == true)
    }
}
