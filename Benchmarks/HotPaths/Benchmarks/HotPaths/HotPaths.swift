import Benchmark
import Decode
import Payloads
import SIP
import Wire

// The functions every SIP message or TCP segment goes through, on inputs shaped like the
// lab's Lync traffic. Whole-file throughput is Benchmarks/compare.py's job.

/// A Lync IM INVITE as the lab sends it (Captures/send-message-tcp.pcap, frame 4).
let invite = Array("""
    INVITE sip:bob@contoso.com SIP/2.0\r
    Via: SIP/2.0/TCP 127.0.0.11:5060;branch=z9hG4bK9ba50dbe\r
    Max-Forwards: 70\r
    From: "Alice Smith"<sip:alice@contoso.com>;tag=c41c6a7078;epid=ca99e56179\r
    To: "Bob Jones"<sip:bob@contoso.com>\r
    Call-ID: 1c499805e694cc2c\r
    CSeq: 1 INVITE\r
    User-Agent: UCCAPI/15.0.4481.1000 OC/15.0.4481.1000 (Microsoft Lync)\r
    Contact: <sip:alice@contoso.com;opaque=user:epid:b76e33591e3c9b40fc2ec7;gruu>\r
    Supported: ms-dialog-route-set-update\r
    Supported: ms-sender\r
    Supported: timer\r
    Ms-Conversation-ID: 3060C0496071C6A72B7095F042970F3B\r
    ms-keep-alive: UAC;hop-hop=yes\r
    Content-Type: application/sdp\r
    Content-Length: 127\r
    \r
    v=0\r
    o=- 0 0 IN IP4 127.0.0.11\r
    s=session\r
    c=IN IP4 127.0.0.11\r
    t=0 0\r
    m=message 5060 sip null\r
    a=accept-types:text/plain multipart/alternative\r

    """.utf8)

/// An enhanced-presence NOTIFY body: a few categories of one contact.
let categories = Array("""
    <categories xmlns="http://schemas.microsoft.com/2006/09/sip/categories" uri="sip:bob@contoso.com">\
    <category name="state" instance="1" publishTime="2026-01-01T00:00:00Z"><state xmlns="http://schemas.microsoft.com/2006/09/sip/state" \
    manual="true" type="aggregateState"><availability>3500</availability></state></category>\
    <category name="note" instance="0"><note xmlns="http://schemas.microsoft.com/2006/09/sip/note"><body type="personal">In the lab</body></note></category>\
    <category name="contactCard" instance="0"><contactCard xmlns="http://schemas.microsoft.com/2006/09/sip/contactcard">\
    <identity><name><displayName>Bob Jones</displayName></name><email>bob@contoso.com</email></identity></contactCard></category>\
    </categories>
    """.utf8)

/// Counts what a stream delivers, so reassembly's output is consumed.
final class CountingConsumer: StreamConsumer {
    var bytes = 0
    func receive(_ bytes: UnsafeRawBufferPointer, frame: UInt64, time: Timestamp) { self.bytes += bytes.count }
    func receiveGap(byteCount: Int, frame: UInt64, time: Timestamp) {}
    func finish(_ end: StreamEnd, frame: UInt64, time: Timestamp) {}
}

final class CountingFactory: StreamConsumerFactory {
    let consumer = CountingConsumer()
    func makeConsumer(for stream: StreamDescriptor) -> StreamConsumer { consumer }
}

/// One connection carrying `invite` 100 times in 1,400-byte segments, every tenth pair swapped.
func reassembleConnection() -> Int {
    let stream = Array((0..<100).map { _ in invite }.joined())
    let factory = CountingFactory()
    let reassembler = TCPReassembler(limits: .default, factory: factory)
    let diagnostics = DiagnosticSink()
    let client = Endpoint(address: .v4(0x0A00_0001), port: 50000), server = Endpoint(address: .v4(0x0A00_0002), port: 5060)
    var order = Array(stride(from: 0, to: stream.count, by: 1400))
    for index in stride(from: 0, to: order.count - 1, by: 10) { order.swapAt(index, index + 1) }
    for (frame, start) in order.enumerated() {
        stream[start..<min(stream.count, start + 1400)].withUnsafeBytes { payload in
            reassembler.add(TransportSegment(
                frame: UInt64(frame + 1), timestamp: Timestamp(seconds: 1, nanoseconds: UInt32(frame)),
                source: client, destination: server, transport: .tcp,
                tcp: TCPHeader(sourcePort: 50000, destinationPort: 5060, sequenceNumber: UInt32(1000 + start),
                               acknowledgmentNumber: 1, flags: [.ack, .psh]),
                payload: payload, isTruncated: false), diagnostics: diagnostics)
        }
    }
    reassembler.finish(frame: UInt64(order.count), time: Timestamp(seconds: 2, nanoseconds: 0), diagnostics: diagnostics)
    return factory.consumer.bytes
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration.metrics = [.wallClock, .mallocCountTotal, .throughput]

    Benchmark("SIP parse: Lync INVITE as a datagram") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(invite.withUnsafeBytes { SIPDatagramParser.parse($0) })
        }
    }

    Benchmark("SIP framing: 100 INVITEs from one TCP stream") { benchmark in
        let stream = Array((0..<100).map { _ in invite }.joined())
        for _ in benchmark.scaledIterations {
            var framer = SIPStreamFramer()
            stream.withUnsafeBytes { framer.append($0) }
            var messages = 0
            while let event = framer.next() { if case .message = event { messages += 1 } }
            blackHole(messages)
        }
    }

    Benchmark("TCP reassembly: 100 INVITEs in 1,400-byte segments, some out of order") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(reassembleConnection()) }
    }

    Benchmark("XML decode: presence categories") { benchmark in
        for _ in benchmark.scaledIterations {
            var problems: [PayloadProblem] = []
            blackHole(PayloadDecoder.decode(body: categories, contentType: "application/msrtc-event-categories+xml",
                                            problems: &problems))
        }
    }

    Benchmark("Message decoding: the INVITE's headers and SDP") { benchmark in
        let message = invite.withUnsafeBytes { SIPDatagramParser.parse($0) }?.compactMap { event -> SIPMessage? in
            if case .message(let message) = event { return message }
            return nil
        }.first
        for _ in benchmark.scaledIterations { blackHole(message.map { MessageDecoding($0) }) }
    }
}
