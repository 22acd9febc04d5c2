import Capture
import Foundation
import Reports
import SIP
import Testing
import TestSupport
import Timeline
import Wire

/// Hostile and broken input mixed with good traffic in one capture. For each: the whole
/// pipeline (analysis, scenarios, both report formats) returns, the damage is a diagnostic
/// naming its frame, and every well-formed SIP message elsewhere is still reported.
@Suite("Hostile captures")
struct HostileCaptureTests {
    /// What the pipeline made of a capture.
    struct Outcome {
        let callIDs: [String]
        let diagnostics: DiagnosticSink
        let report: Report

        func has(_ code: String, frame: UInt64? = nil) -> Bool {
            diagnostics.kept.contains { $0.code == code && (frame == nil || $0.frame == frame) }
        }
    }

    static func analyse(_ file: [UInt8], limits: Limits = .default) throws -> Outcome {
        let path = try CaptureFileBuilder.write(file)
        var callIDs: [String] = []
        let built = try ReportBuilder.build(file: "hostile.pcap", opened: try CaptureFile.open(path), limits: limits) {
            callIDs.append($0.observed.message.callID ?? "")
        }
        _ = try ReportWriter.json([built.report])
        _ = ReportWriter.text([built.report], renderer: LadderRenderer(width: 100, colour: false))
        // The report's sink holds extraction and analysis diagnostics alike.
        return Outcome(callIDs: callIDs, diagnostics: built.diagnosticSink, report: built.report)
    }

    static func message(_ callID: String, extraHeaders: String = "", body: String = "hi") -> [UInt8] {
        Array(("MESSAGE sip:bob@contoso.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK\(callID)\r\n"
               + "From: <sip:alice@contoso.com>;tag=a\(callID)\r\nTo: <sip:bob@contoso.com>\r\nCall-ID: \(callID)\r\n"
               + "CSeq: 1 MESSAGE\r\n\(extraHeaders)Content-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)").utf8)
    }

    /// A good SIP MESSAGE over UDP, as a whole Ethernet frame.
    static func good(_ number: Int) -> [UInt8] {
        udpFrame(message("good-\(number)"), port: UInt16(6000 + number))
    }

    static func udpFrame(_ payload: [UInt8], port: UInt16 = 5060) -> [UInt8] {
        PacketBuilder.ethernet(PacketBuilder.ipv4(PacketBuilder.udp(payload, sourcePort: port, destinationPort: 5060)))
    }

    static func tcpFrame(_ payload: [UInt8], port: UInt16, sequence: UInt32, flags: UInt8 = 0x18,
                         source: String = "10.0.0.1", destinationPort: UInt16 = 5060) -> [UInt8] {
        PacketBuilder.ethernet(PacketBuilder.ipv4(
            PacketBuilder.tcp(payload, sourcePort: port, destinationPort: destinationPort, sequence: sequence, flags: flags),
            source: source, protocolNumber: 6))
    }

    /// Good messages around the hostile frames: good-1 first, good-2 last.
    static func around(_ hostile: [[UInt8]]) -> [CaptureFileBuilder.Record] {
        ([good(1)] + hostile + [good(2)]).map { CaptureFileBuilder.Record(bytes: $0) }
    }

    static func expectGoodKept(_ outcome: Outcome, _ numbers: [Int] = [1, 2]) {
        for number in numbers {
            #expect(outcome.callIDs.contains("good-\(number)"), "good-\(number) lost; got \(outcome.callIDs)")
        }
        #expect(outcome.report.capture.sipMessages == outcome.callIDs.count)
    }

    // MARK: The file itself

    @Test("a truncated global header is one clear error naming the file")
    func truncatedGlobalHeader() throws {
        let path = try CaptureFileBuilder.write(Array(CaptureFileBuilder.pcap([]).prefix(10)))
        #expect {
            _ = try CaptureFile.open(path)
        } throws: { error in
            let text = "\(error)"
            return text.contains(path) && text.contains("truncated") && !text.contains("\n")
        }
    }

    @Test("a record cut short at the end: every record before it, then capture_truncated naming it")
    func truncatedRecord() throws {
        var file = CaptureFileBuilder.pcap(Self.around([]))
        file += PacketBuilder.le32(1_700_000_000) + PacketBuilder.le32(0) + PacketBuilder.le32(1000) + PacketBuilder.le32(1000)
        file += Self.good(3).prefix(40)
        let outcome = try Self.analyse(file)
        Self.expectGoodKept(outcome)
        #expect(outcome.has("capture_truncated", frame: 3))
    }

    @Test("a record claiming more than 256 KB is skipped; reading resumes at the next record")
    func impossibleCapturedLength() throws {
        let good1 = CaptureFileBuilder.pcap([.init(bytes: Self.good(1))])
        var file = good1
        file += PacketBuilder.le32(1_700_000_000) + PacketBuilder.le32(0) + PacketBuilder.le32(300_000) + PacketBuilder.le32(300_000)
        file += Array(repeating: 0x41, count: 64)  // what there is of it
        file += CaptureFileBuilder.pcap([.init(bytes: Self.good(2)), .init(bytes: Self.good(3))]).dropFirst(24)
        let outcome = try Self.analyse(file)
        Self.expectGoodKept(outcome, [1, 2, 3])
        #expect(outcome.has("pcap_bad_record", frame: 2))
    }

    @Test("a packet longer than the file's snap length is still read, as libpcap does")
    func packetPastSnapLength() throws {
        let outcome = try Self.analyse(CaptureFileBuilder.pcap(Self.around([Self.good(3)]), snapLength: 64))
        Self.expectGoodKept(outcome, [1, 2, 3])
    }

    @Test("zero-length packets are reported, not fatal")
    func zeroLengthPackets() throws {
        let outcome = try Self.analyse(CaptureFileBuilder.pcap(Self.around([[], []])))
        Self.expectGoodKept(outcome)
        #expect(outcome.has("malformed_packet", frame: 2))
        #expect(outcome.has("malformed_packet", frame: 3))
    }

    @Test("an unknown link type is said once, with the frame where it was first met")
    func unknownLinkType() throws {
        let records = (0..<50).map { _ in CaptureFileBuilder.Record(bytes: Self.good(1)) }
        let outcome = try Self.analyse(CaptureFileBuilder.pcap(records, linkType: 4242))
        #expect(outcome.callIDs.isEmpty)
        #expect(outcome.diagnostics.kept.map(\.code) == ["unsupported_link_type"])
        #expect(outcome.has("unsupported_link_type", frame: 1))
    }

    // MARK: Network and transport headers that lie

    @Test("IP and UDP lengths that lie")
    func lyingLengths() throws {
        let sip = Self.message("liar")
        let hostile = [
            // IPv4 total length past the captured bytes.
            PacketBuilder.ethernet(PacketBuilder.ipv4(PacketBuilder.udp(sip), totalLength: 4000)),
            // IPv4 total length shorter than its own header.
            PacketBuilder.ethernet(PacketBuilder.ipv4(PacketBuilder.udp(sip), totalLength: 12)),
            // UDP length larger than the IP payload, and smaller than the UDP header.
            PacketBuilder.ethernet(PacketBuilder.ipv4(PacketBuilder.be16(5060) + PacketBuilder.be16(5060)
                                                      + PacketBuilder.be16(9000) + [0, 0] + sip)),
            PacketBuilder.ethernet(PacketBuilder.ipv4(PacketBuilder.be16(5060) + PacketBuilder.be16(5060)
                                                      + PacketBuilder.be16(3) + [0, 0] + sip)),
            // IPv6 payload length past the captured bytes.
            PacketBuilder.ethernet([0x60, 0, 0, 0] + PacketBuilder.be16(9000) + [17, 64]
                                   + PacketBuilder.ipv6Address("2001:db8::1") + PacketBuilder.ipv6Address("2001:db8::2")
                                   + PacketBuilder.udp(sip), etherType: 0x86DD),
        ]
        let outcome = try Self.analyse(CaptureFileBuilder.pcap(Self.around(hostile)))
        Self.expectGoodKept(outcome)
        for frame in UInt64(2)...6 {
            #expect(outcome.diagnostics.kept.contains { $0.frame == frame },
                    "frame \(frame) not diagnosed: \(outcome.diagnostics.kept.map { "\($0.frame ?? 0) \($0.code) \($0.message)" })")
        }
    }

    @Test("TCP with wild sequence numbers and overlaps carrying different bytes: first copy wins")
    func wildTCP() throws {
        let whole = Self.message("tcp-good")
        var frames: [[UInt8]] = [Self.tcpFrame([], port: 40000, sequence: 999, flags: 0x02)]
        frames.append(Self.tcpFrame(Array(whole[0..<60]), port: 40000, sequence: 1000))
        // Overlapping retransmission with different bytes, then the rest.
        frames.append(Self.tcpFrame(Array(repeating: 0x58, count: 80), port: 40000, sequence: 1020))
        frames.append(Self.tcpFrame(Array(whole[60...]), port: 40000, sequence: 1060))
        // Another flow whose sequence numbers jump wildly, carrying junk.
        for (index, sequence) in [UInt32(7), 0xFFFF_FFF0, 0x8000_0000, 12, 0x7FFF_FFFF].enumerated() {
            frames.append(Self.tcpFrame(Array(repeating: UInt8(0x30 + index), count: 50), port: 40001, sequence: sequence))
        }
        let outcome = try Self.analyse(CaptureFileBuilder.pcap(Self.around(frames)))
        Self.expectGoodKept(outcome)
        #expect(outcome.callIDs.contains("tcp-good"))
        let kept = outcome.report.scenarios.flatMap(\.steps).first { $0.callId == "tcp-good" }
        #expect(kept != nil)
    }

    @Test("100,000 half-open TCP streams: the connection cap holds, said once with a count; good traffic kept")
    func halfOpenFlood() throws {
        var frames: [[UInt8]] = []
        for index in 0..<100_000 {
            let source = "10.\(1 + index / 65_000).\(index / 250 % 250).\(1 + index % 250)"
            frames.append(Self.tcpFrame([], port: UInt16(1024 + index % 60_000), sequence: UInt32(index), flags: 0x02,
                                        source: source))
        }
        frames.append(Self.tcpFrame(Self.message("after-flood"), port: 40000, sequence: 1))
        var limits = Limits()
        limits.tcpConnections = 10_000
        // A SYN every 100 µs, as a scan would send them.
        let records = ([Self.good(1)] + frames + [Self.good(2)]).enumerated().map { index, bytes in
            CaptureFileBuilder.Record(seconds: 1_700_000_000 + UInt32(index / 10_000), fraction: UInt32(index % 10_000) * 100,
                                      bytes: bytes)
        }
        let outcome = try Self.analyse(CaptureFileBuilder.pcap(records), limits: limits)
        Self.expectGoodKept(outcome)
        #expect(outcome.callIDs.contains("after-flood"))
        #expect(outcome.diagnostics.kept.filter { $0.code == "tcp_connection_limit" }.count == 1)
        #expect((outcome.diagnostics.limitHits["tcp_connection_limit"] ?? 0) > 1)
        #expect(outcome.report.diagnostics.first { $0.code == "tcp_connection_limit" }?.count
                == outcome.diagnostics.limitHits["tcp_connection_limit"])
    }

    // MARK: SIP

    @Test("SIP with 100,000 headers over TCP: the head cap resynchronises on the next message")
    func hundredThousandHeaders() throws {
        let headers = String(repeating: "X-H: v\r\n", count: 100_000)
        let stream = Self.message("many-headers", extraHeaders: headers) + Self.message("after-headers")
        var frames: [[UInt8]] = []
        var sequence: UInt32 = 1
        for start in stride(from: 0, to: stream.count, by: 1400) {
            let chunk = Array(stream[start..<min(stream.count, start + 1400)])
            frames.append(Self.tcpFrame(chunk, port: 40002, sequence: sequence))
            sequence += UInt32(chunk.count)
        }
        let outcome = try Self.analyse(CaptureFileBuilder.pcap(Self.around(frames)))
        Self.expectGoodKept(outcome)
        #expect(outcome.callIDs.contains("after-headers"))
        #expect(!outcome.callIDs.contains("many-headers"))
        #expect(outcome.has("sip_head_too_large"))
    }

    @Test("SIP with thousands of headers in one datagram: the header cap, message kept")
    func tooManyHeadersInADatagram() throws {
        let datagram = Self.message("wide", extraHeaders: String(repeating: "X: 1\r\n", count: 9000))
        let outcome = try Self.analyse(CaptureFileBuilder.pcap(Self.around([Self.udpFrame(datagram)])))
        Self.expectGoodKept(outcome)
        #expect(outcome.callIDs.contains("wide"))
        #expect(outcome.has("sip_too_many_headers", frame: 2))
    }

    @Test("a 10 MB Content-Length: over UDP the body is short, over TCP it is skipped, never buffered")
    func hugeContentLength() throws {
        let lie = Array("MESSAGE sip:b@x SIP/2.0\r\nCall-ID: huge\r\nCSeq: 1 MESSAGE\r\nContent-Length: 10485760\r\n\r\nshort".utf8)
        let frames = [
            Self.udpFrame(lie),
            Self.tcpFrame(lie, port: 40003, sequence: 1),
            Self.tcpFrame(Array(repeating: 0x41, count: 1400), port: 40003, sequence: UInt32(1 + lie.count)),
        ]
        let outcome = try Self.analyse(CaptureFileBuilder.pcap(Self.around(frames)))
        Self.expectGoodKept(outcome)
        #expect(outcome.has("sip_body_truncated", frame: 2))
        #expect(outcome.has("sip_message_too_large", frame: 3))
    }

    @Test("NUL bytes and invalid UTF-8 in headers and body: the message is still listed")
    func nulAndInvalidUTF8() throws {
        var payload = Self.message("binary", extraHeaders: "Subject: a\u{0}b\r\n", body: "xxxx")
        payload.replaceSubrange((payload.count - 4)..., with: [0xFF, 0xFE, 0xC0, 0x80])
        let header = Array("X-Bad: ".utf8) + [0xC3, 0x28, 0xED, 0xA0, 0x80] + Array("\r\n".utf8)
        let insertAt = payload.count - 4 - Array("\r\n\r\n".utf8).count - Array("Content-Length: 4".utf8).count
        let withBadHeader = Array(payload[..<insertAt]) + header + Array(payload[insertAt...])
        let outcome = try Self.analyse(CaptureFileBuilder.pcap(Self.around([Self.udpFrame(withBadHeader, port: 7000)])))
        Self.expectGoodKept(outcome)
        #expect(outcome.callIDs.contains("binary"))
    }

    // MARK: Payloads

    @Test("XML bombs, external entities and deep nesting: refused with a diagnostic, the message listed")
    func hostileXML() throws {
        let laughs = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><presence>&lol3;</presence>
            """
        let external = """
            <?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><presence>&x;</presence>
            """
        let deep = String(repeating: "<a>", count: 5_000) + String(repeating: "</a>", count: 5_000)
        let frames = [("bomb", laughs), ("external", external), ("deep", deep)].enumerated().map { index, item in
            Self.udpFrame(Array(("NOTIFY sip:bob@contoso.com SIP/2.0\r\nCall-ID: \(item.0)\r\nCSeq: 1 NOTIFY\r\n"
                                 + "Content-Type: application/pidf+xml\r\nContent-Length: \(item.1.utf8.count)\r\n\r\n\(item.1)").utf8),
                          port: UInt16(7100 + index))
        }
        let outcome = try Self.analyse(CaptureFileBuilder.pcap(Self.around(frames)))
        Self.expectGoodKept(outcome)
        #expect(["bomb", "external", "deep"].allSatisfy(outcome.callIDs.contains))
        #expect(outcome.has("xml_doctype_refused", frame: 2))
        #expect(outcome.has("xml_doctype_refused", frame: 3))
        #expect(outcome.has("xml_too_deep", frame: 4) || outcome.has("xml_malformed", frame: 4))
        let reportText = try ReportWriter.json([outcome.report])
        #expect(!reportText.contains("root:"), "a file's content reached the report")
    }

    @Test("TLS records and extensions whose lengths lie")
    func lyingTLS() throws {
        // A ClientHello whose extensions block claims more bytes than the handshake holds.
        var hello: [UInt8] = [0x03, 0x03] + Array(repeating: 7, count: 32) + [0] + [0, 2, 0x13, 0x01] + [1, 0]
        hello += PacketBuilder.be16(900) + [0, 0] + PacketBuilder.be16(40) + Array(repeating: 1, count: 10)
        let handshake: [UInt8] = [1, 0] + PacketBuilder.be16(UInt16(hello.count)) + hello
        let record: [UInt8] = [22, 3, 1] + PacketBuilder.be16(UInt16(handshake.count)) + handshake
        // A record header announcing 16,000 bytes on a connection that then closes.
        let liar: [UInt8] = [22, 3, 3, 0x3E, 0x80, 1, 0, 0, 4]
        let frames = [
            Self.tcpFrame([], port: 41000, sequence: 0, flags: 0x02, destinationPort: 443),
            Self.tcpFrame(record, port: 41000, sequence: 1, destinationPort: 443),
            Self.tcpFrame(liar, port: 41001, sequence: 1, destinationPort: 443),
            Self.tcpFrame([], port: 41001, sequence: UInt32(1 + liar.count), flags: 0x11, destinationPort: 443),
        ]
        let outcome = try Self.analyse(CaptureFileBuilder.pcap(Self.around(frames)))
        Self.expectGoodKept(outcome)
        #expect(outcome.report.diagnostics.contains { $0.code == "tls_malformed_handshake" && $0.frame == 3 },
                "\(outcome.report.diagnostics.map { "\($0.frame ?? 0) \($0.code)" })")
        #expect(outcome.has("tls_record_truncated", frame: 4))
        #expect(outcome.report.connections.count == 2)
    }
}
