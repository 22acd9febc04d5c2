import Foundation
import Testing
import TestSupport

/// `sipladder messages` as a user runs it: exit codes, output shapes, errors.
@Suite("sipladder messages")
struct MessagesCommandTests {
    static let udpCall = Paths.projectCaptures.appendingPathComponent("sipp-call-udp.pcap").path

    func run(_ arguments: [String]) throws -> ProcessRunner.Result {
        try ProcessRunner.run(Paths.executable, arguments)
    }

    @Test("text: one line per message with frame, time, endpoints, transport, label, CSeq and Call-ID")
    func textListing() throws {
        let result = try run(["messages", Self.udpCall])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        let messageLines = lines.filter { !$0.hasPrefix("         ↳") }
        #expect(messageLines.count == 6)
        let first = try #require(lines.first)
        #expect(first.hasPrefix("     1 20"))
        #expect(first.contains("127.0.0.1:5070 → 127.0.0.2:5060 UDP INVITE sip:bob@127.0.0.2:5060  CSeq: 1 INVITE  Call-ID: 1-"))
        // The decoded payload follows its message, indented.
        #expect(lines[1] == "         ↳ media audio 6000/RTP/AVP at 127.0.0.1")
        #expect(lines[2].contains(" UDP 180 Ringing  CSeq: 1 INVITE"))
    }

    @Test("JSON: an array of objects with every documented key, absent values as null")
    func jsonListing() throws {
        let result = try run(["messages", Self.udpCall, "--format", "json"])
        #expect(result.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [[String: Any]])
        #expect(array.count == 6)
        let keys: Set<String> = ["frame", "time", "src", "dst", "transport", "method", "requestUri", "status", "reason",
                                 "callId", "cseq", "from", "to", "contentType", "bodyLength", "transaction", "retransmission",
                                 "responseTime", "dialog", "subscription", "payload", "diagnostics", "authentication"]
        for object in array { #expect(Set(object.keys) == keys) }
        let invite = array[0], ringing = array[1]
        #expect(invite["frame"] as? Int == 1)
        #expect(invite["method"] as? String == "INVITE")
        #expect(invite["status"] is NSNull)
        #expect(invite["transport"] as? String == "udp")
        #expect(invite["src"] as? String == "127.0.0.1:5070")
        #expect((invite["cseq"] as? [String: Any])?["method"] as? String == "INVITE")
        #expect((invite["to"] as? [String: Any])?["tag"] is NSNull)
        #expect(invite["contentType"] as? String == "application/sdp")
        #expect((invite["bodyLength"] as? Int ?? 0) > 100)
        #expect(ringing["status"] as? Int == 180)
        #expect(ringing["reason"] as? String == "Ringing")
        #expect(ringing["method"] is NSNull)
        #expect(Set(array.map { $0["dialog"] as? String }) == ["d1"])
        #expect(array.map { $0["transaction"] as? String } == ["t1", "t1", "t1", "t2", "t3", "t3"])
        #expect((array[2]["responseTime"] as? Double ?? 0) > 0)
        let payload = try #require(invite["payload"] as? [String: Any])
        #expect(payload["type"] as? String == "sdp")
        #expect(payload["summary"] as? String == "media audio 6000/RTP/AVP at 127.0.0.1")
        #expect((payload["media"] as? [[String: Any]])?.first?["kind"] as? String == "audio")
        let time = try #require(invite["time"] as? String)
        #expect(time.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"#, options: .regularExpression) != nil)
    }

    @Test("IPv6 endpoints are written [address]:port",
          .enabled(if: Paths.sharedCapturesPresent, "reads ../shared/captures"))
    func ipv6Endpoints() throws {
        let capture = Paths.sharedCaptures.appendingPathComponent("heplify/sip_ipv6_udp.pcap").path
        let result = try run(["messages", capture, "--format", "json"])
        let array = try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [[String: Any]])
        #expect(array.first?["src"] as? String == "[fe80::21a:a0ff:fe07:32e0]:5060")
    }

    @Test("-o writes the listing to a file")
    func outputFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sipladder-\(UUID().uuidString).json").path
        let result = try run(["messages", Self.udpCall, "--format", "json", "-o", path])
        #expect(result.status == 0)
        #expect(result.output.isEmpty)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect((try JSONSerialization.jsonObject(with: data) as? [Any])?.count == 6)
    }

    @Test("a file that is not a capture: one line naming it on stderr, exit 2")
    func notACapture() throws {
        let path = try CaptureFileBuilder.write(Array("hello\n".utf8), name: "notes.txt")
        let result = try run(["messages", path])
        #expect(result.status == 2)
        #expect(result.standardError == "sipladder: \(path): not a capture file (pcap or pcapng expected)\n")
        #expect(result.output.isEmpty)
    }

    @Test("usage errors exit 2, not swift-argument-parser's 64", arguments: [
        ["messages"], ["messages", "x.pcap", "--format", "yaml"], ["no-such-command"], ["messages", "--bogus", "x"],
    ])
    func usageErrors(arguments: [String]) throws {
        let result = try run(arguments)
        #expect(result.status == 2)
        #expect(!result.standardError.isEmpty)
    }

    @Test("--help exits 0")
    func help() throws {
        let result = try run(["messages", "--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("USAGE"))
    }

    @Test("a truncated capture lists what is complete and reports the truncation on stderr")
    func truncatedCapture() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.udpCall))
        let path = try CaptureFileBuilder.write(Array(bytes.dropLast(40)))
        let result = try run(["messages", path])
        #expect(result.status == 0)
        #expect(result.output.split(separator: "\n").filter { !$0.hasPrefix("         ↳") }.count == 5)
        #expect(result.standardError.contains("capture_truncated"))
    }
}

@Suite("Hostile payloads end to end")
struct HostilePayloadTests {
    @Test("an XML bomb in a NOTIFY: refused with a diagnostic naming the frame; the message is still listed")
    func xmlBombIsListedAndReported() throws {
        var bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        for level in 1...9 {
            bomb += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }
        bomb += "]><categories>&lol9;</categories>"
        let notify = "NOTIFY sip:alice@contoso.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK1\r\nCall-ID: bomb\r\n"
            + "CSeq: 1 NOTIFY\r\nFrom: <sip:srv@contoso.com>;tag=s\r\nTo: <sip:alice@contoso.com>;tag=a\r\nEvent: presence\r\n"
            + "Content-Type: application/msrtc-event-categories+xml\r\nContent-Length: \(bomb.utf8.count)\r\n\r\n" + bomb
        let ok = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK1\r\nCall-ID: bomb\r\nCSeq: 1 NOTIFY\r\n"
            + "From: <sip:srv@contoso.com>;tag=s\r\nTo: <sip:alice@contoso.com>;tag=a\r\nContent-Length: 0\r\n\r\n"
        let packets = [notify, ok].map {
            PacketBuilder.ethernet(PacketBuilder.ipv4(PacketBuilder.udp(Array($0.utf8))))
        }
        let path = try CaptureFileBuilder.write(CaptureFileBuilder.pcap(packets.map { .init(bytes: $0) }))
        let started = Date()
        let result = try ProcessRunner.run(Paths.executable, ["messages", path, "--format", "json"])
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(result.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [[String: Any]])
        #expect(array.count == 2)
        #expect(array[0]["bodyLength"] as? Int == bomb.utf8.count)
        #expect((array[0]["payload"] as? [String: Any])?["type"] as? String == "unknown")
        #expect(result.standardError.contains("frame 1: xml_doctype_refused"))
    }
}
