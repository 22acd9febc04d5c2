import Capture
import Foundation
import SIP
import Testing
import TestSupport
import Timeline
import Web
import Wire

/// Every SIP message tshark finds, sipladder finds too: same frame, method or status,
/// Call-ID and CSeq. Run over every public capture in ../shared/captures and every
/// capture in Captures/.
@Suite("Agreement with tshark")
struct TsharkAgreementTests {
    /// The fields compared, as tshark prints them for one frame.
    struct FrameFields: Equatable, CustomStringConvertible {
        var methods: [String] = []
        var statuses: [String] = []
        var callIDs: [String] = []
        var cseqs: [String] = []

        var description: String {
            "methods=\(methods) statuses=\(statuses) call-ids=\(callIDs) cseqs=\(cseqs)"
        }
    }

    static let captures: [URL] = Paths.captures(under: Paths.sharedCaptures) + Paths.captures(under: Paths.projectCaptures)

    /// Decode-as rules tshark needs where it gives a port to another protocol.
    static let tsharkDecodeAs: [String: [String]] = [
        // tshark gives port 6060 to X11 (MANIFEST.md).
        "sip_ipv4_tcp_fragmented.pcap": ["-d", "tcp.port==6060,sip"],
    ]

    static let aggregator = "\u{1F}"

    /// Frames where tshark prints something that is not on the wire. Only the start line
    /// and Call-ID are compared there; each entry says why.
    static let tsharkArtifacts: [String: [UInt64: String]] = [
        "fuzz-2006-06-26-2594.pcap": [
            // The CSeq method is 300 bytes of 0xAA; tshark flags "CSeq String too big" and
            // prints the method a second time as an extra CSeq value. There is one CSeq header.
            527: "oversized CSeq method printed twice by tshark",
        ],
    ]

    @Test("same SIP messages as tshark", arguments: captures)
    func agreesWithTshark(_ capture: URL) throws {
        let tshark = try #require(ProcessRunner.which("tshark"), "tshark is needed: apt-get install tshark")
        let expected = try tsharkFrames(tshark, capture)
        let actual = try sipladderFrames(capture)
        #expect(actual.keys.sorted() == expected.keys.sorted(),
                "frames with SIP differ in \(capture.lastPathComponent): only tshark \(Set(expected.keys).subtracting(actual.keys).sorted()), only sipladder \(Set(actual.keys).subtracting(expected.keys).sorted())")
        let artifacts = Self.tsharkArtifacts[capture.lastPathComponent] ?? [:]
        for (frame, fields) in expected.sorted(by: { $0.key < $1.key }) {
            if artifacts[frame] != nil {
                #expect(actual[frame]?.methods == fields.methods && actual[frame]?.statuses == fields.statuses
                        && actual[frame]?.callIDs == fields.callIDs, "frame \(frame) of \(capture.lastPathComponent)")
                #expect(actual[frame]?.cseqs.first == fields.cseqs.first, "frame \(frame) of \(capture.lastPathComponent)")
                continue
            }
            #expect(actual[frame] == fields, "frame \(frame) of \(capture.lastPathComponent)")
        }
    }

    private func tsharkFrames(_ tshark: URL, _ capture: URL) throws -> [UInt64: FrameFields] {
        // tshark 4.0 does not reassemble out-of-order TCP segments unless told to; without it,
        // it loses the message whose segment arrived late (Captures/send-message-tcp-reordered.pcap).
        // With a key log beside the capture, both tshark and sipladder decrypt TLS 1.3.
        let keyLog = Paths.keyLog(for: capture).map { ["-o", "tls.keylog_file:\($0.path)"] } ?? []
        let arguments = ["-o", "tcp.reassemble_out_of_order:TRUE", "-r", capture.path] + keyLog + (Self.tsharkDecodeAs[capture.lastPathComponent] ?? [])
            + ["-Y", "sip and not icmp", "-T", "fields", "-E", "separator=|", "-E", "aggregator=\(Self.aggregator)",
               "-e", "frame.number", "-e", "sip.Method", "-e", "sip.Status-Code", "-e", "sip.Call-ID", "-e", "sip.CSeq"]
        let result = try ProcessRunner.run(tshark, arguments)
        #expect(result.status == 0, "tshark failed: \(result.standardError)")
        var frames: [UInt64: FrameFields] = [:]
        for line in result.output.split(separator: "\n", omittingEmptySubsequences: true) {
            let columns = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard columns.count == 5, let frame = UInt64(columns[0]) else { continue }
            let split = { (text: String) in text.isEmpty ? [] : text.components(separatedBy: Self.aggregator) }
            let fields = FrameFields(methods: split(columns[1]), statuses: split(columns[2]),
                                     callIDs: split(columns[3]), cseqs: split(columns[4]))
            // tshark labels a TCP segment on a SIP port "SIP Continuation" when no SIP
            // message starts in it (e.g. HTTP on 5060 in ndpi/http_on_sip_port.pcap): no message.
            if fields.methods.isEmpty && fields.statuses.isEmpty { continue }
            frames[frame] = fields
        }
        return frames
    }

    private func sipladderFrames(_ capture: URL) throws -> [UInt64: FrameFields] {
        var frames: [UInt64: FrameFields] = [:]
        let keyLog = try Paths.keyLog(for: capture).map { KeyLog(text: try String(contentsOf: $0, encoding: .utf8)) }
        let extractor = SIPMessageExtractor(web: keyLog.map { WebConnectionRegistry(diagnostics: DiagnosticSink(), keyLog: $0) }) { observed in
            let message = observed.message
            var fields = frames[observed.frame] ?? FrameFields()
            if let method = message.method { fields.methods.append(method.rawValue) }
            if let status = message.statusCode { fields.statuses.append(String(status)) }
            fields.callIDs += message.headers.filter { $0.name == .callID }.map { Self.asTsharkPrints($0.value) }
            fields.cseqs += message.headers.filter { $0.name == .cseq }.map { Self.asTsharkPrints($0.value) }
            frames[observed.frame] = fields
        }
        try extractor.run(try CaptureFile.open(capture.path).source)
        return frames
    }

    /// tshark prints header values as C strings: a NUL ends them. sipladder keeps the
    /// whole value; the comparison looks at what tshark can show.
    static func asTsharkPrints(_ value: String) -> String {
        String(value.prefix { $0 != "\0" })
    }
}
