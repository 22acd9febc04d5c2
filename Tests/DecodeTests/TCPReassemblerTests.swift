import Capture
import Decode
import Testing
import TestSupport
import Wire

/// Records what one stream direction delivered.
final class RecordingConsumer: StreamConsumer {
    enum Event: Equatable {
        case bytes([UInt8], frame: UInt64)
        case gap(Int)
        case end(StreamEnd)
    }

    var events: [Event] = []

    func receive(_ bytes: UnsafeRawBufferPointer, frame: UInt64, time: Timestamp) {
        if case .bytes(let previous, let previousFrame)? = events.last, previousFrame == frame {
            events[events.count - 1] = .bytes(previous + Array(bytes), frame: frame)
        } else {
            events.append(.bytes(Array(bytes), frame: frame))
        }
    }

    func receiveGap(byteCount: Int, frame: UInt64, time: Timestamp) { events.append(.gap(byteCount)) }
    func finish(_ end: StreamEnd, frame: UInt64, time: Timestamp) { events.append(.end(end)) }

    /// Everything delivered, gaps marked as `?` bytes.
    var text: String {
        events.map { event in
            switch event {
            case .bytes(let bytes, _): String(decoding: bytes, as: UTF8.self)
            case .gap(let count): String(repeating: "?", count: count)
            case .end: ""
            }
        }.joined()
    }
}

final class RecordingFactory: StreamConsumerFactory {
    var consumers: [String: RecordingConsumer] = [:]

    func makeConsumer(for stream: StreamDescriptor) -> StreamConsumer {
        let consumer = RecordingConsumer()
        consumers["\(stream.source)>\(stream.destination)"] = consumer
        return consumer
    }

    var clientToServer: RecordingConsumer? { consumers["10.0.0.1:50000>10.0.0.2:5060"] }
    var serverToClient: RecordingConsumer? { consumers["10.0.0.2:5060>10.0.0.1:50000"] }
}

/// One TCP segment of the test connection 10.0.0.1:50000 ⇄ 10.0.0.2:5060.
struct Segment {
    var fromClient = true
    var sequence: UInt32
    var acknowledgment: UInt32 = 0
    var flags: UInt8 = TCPFlag.ack | TCPFlag.psh
    var payload: String = ""

    var packet: [UInt8] {
        let tcp = fromClient
            ? PacketBuilder.tcp(Array(payload.utf8), sourcePort: 50000, destinationPort: 5060, sequence: sequence,
                                acknowledgment: acknowledgment, flags: flags)
            : PacketBuilder.tcp(Array(payload.utf8), sourcePort: 5060, destinationPort: 50000, sequence: sequence,
                                acknowledgment: acknowledgment, flags: flags)
        let ip = fromClient ? PacketBuilder.ipv4(tcp, source: "10.0.0.1", destination: "10.0.0.2", protocolNumber: 6)
                            : PacketBuilder.ipv4(tcp, source: "10.0.0.2", destination: "10.0.0.1", protocolNumber: 6)
        return PacketBuilder.ethernet(ip)
    }
}

func reassemble(_ segments: [Segment], limits: Limits = .default, finish: Bool = true)
    -> (factory: RecordingFactory, diagnostics: DiagnosticSink) {
    let factory = RecordingFactory()
    let reassembler = TCPReassembler(limits: limits, factory: factory)
    let decoder = PacketDecoder(limits: limits)
    let diagnostics = DiagnosticSink()
    for (index, segment) in segments.enumerated() {
        segment.packet.withUnsafeBytes { buffer in
            let packet = CapturedPacket(frame: UInt64(index + 1), timestamp: Timestamp(seconds: 1, nanoseconds: 0),
                                        linkType: .ethernet, interfaceIndex: 0, bytes: buffer, originalLength: buffer.count)
            decoder.decode(packet, diagnostics: diagnostics) { reassembler.add($0, diagnostics: diagnostics) }
        }
    }
    if finish {
        reassembler.finish(frame: UInt64(segments.count), time: Timestamp(seconds: 2, nanoseconds: 0), diagnostics: diagnostics)
    }
    return (factory, diagnostics)
}

@Suite("TCP reassembly")
struct TCPReassemblerTests {
    static let isn: UInt32 = 1000

    @Test("in-order segments after a handshake arrive as one ordered stream")
    func inOrder() {
        let result = reassemble([
            Segment(sequence: Self.isn, flags: TCPFlag.syn),
            Segment(sequence: Self.isn + 1, payload: "hello "),
            Segment(sequence: Self.isn + 7, payload: "world"),
        ])
        #expect(result.factory.clientToServer?.text == "hello world")
        #expect(result.factory.clientToServer?.events.last == .end(.captureEnd))
    }

    @Test("out-of-order segments are delivered when the hole fills, in the filling frame")
    func outOfOrder() {
        let result = reassemble([
            Segment(sequence: Self.isn, flags: TCPFlag.syn),
            Segment(sequence: Self.isn + 7, payload: "world"),
            Segment(sequence: Self.isn + 1, payload: "hello "),
        ])
        let consumer = result.factory.clientToServer
        #expect(consumer?.text == "hello world")
        #expect(consumer?.events.first == .bytes(Array("hello world".utf8), frame: 3))
        #expect(result.diagnostics.kept.isEmpty)
    }

    @Test("exact and partial retransmissions are not delivered twice")
    func retransmissions() {
        let result = reassemble([
            Segment(sequence: Self.isn + 1, payload: "abcdef"),
            Segment(sequence: Self.isn + 1, payload: "abcdef"),
            Segment(sequence: Self.isn + 4, payload: "defghi"),
        ])
        #expect(result.factory.clientToServer?.text == "abcdefghi")
    }

    @Test("overlapping data with different bytes: the first copy wins")
    func overlapFirstWins() {
        let result = reassemble([
            Segment(sequence: Self.isn + 1, payload: "abcd"),
            Segment(sequence: Self.isn + 3, payload: "XYZW"),
        ])
        #expect(result.factory.clientToServer?.text == "abcdZW")
    }

    @Test("sequence numbers wrap around 2^32")
    func sequenceWrap() {
        let start = UInt32.max - 2
        let result = reassemble([
            Segment(sequence: start, payload: "abcd"),
            Segment(sequence: start &+ 4, payload: "efgh"),
        ])
        #expect(result.factory.clientToServer?.text == "abcdefgh")
    }

    @Test("a stream whose SYN was not captured starts at its first data")
    func missingSyn() {
        let result = reassemble([Segment(sequence: 5_000_000, payload: "mid-stream")])
        #expect(result.factory.clientToServer?.text == "mid-stream")
    }

    @Test("FIN ends the stream once every byte before it arrived")
    func finAfterData() {
        let result = reassemble([
            Segment(sequence: Self.isn + 1, payload: "ab"),
            Segment(sequence: Self.isn + 5, flags: TCPFlag.ack | TCPFlag.fin),
            Segment(sequence: Self.isn + 3, payload: "cd"),
        ], finish: false)
        #expect(result.factory.clientToServer?.events == [.bytes(Array("ab".utf8), frame: 1),
                                                          .bytes(Array("cd".utf8), frame: 3), .end(.fin)])
    }

    @Test("RST ends both directions")
    func reset() {
        let result = reassemble([
            Segment(sequence: Self.isn + 1, payload: "ab"),
            Segment(fromClient: false, sequence: 9000, payload: "xy"),
            Segment(sequence: Self.isn + 3, flags: TCPFlag.rst),
        ], finish: false)
        #expect(result.factory.clientToServer?.events.last == .end(.reset))
        #expect(result.factory.serverToClient?.events.last == .end(.reset))
    }

    @Test("a hole the peer acknowledged is a gap at once, with a diagnostic")
    func gapAcknowledged() {
        let result = reassemble([
            Segment(sequence: Self.isn + 1, payload: "ab"),
            Segment(sequence: Self.isn + 5, payload: "ef"),
            Segment(fromClient: false, sequence: 9000, acknowledgment: Self.isn + 7, flags: TCPFlag.ack),
        ], finish: false)
        #expect(result.factory.clientToServer?.text == "ab??ef")
        #expect(result.diagnostics.kept.map(\.code) == ["tcp_gap"])
        #expect(result.diagnostics.kept.first?.frame == 3)
    }

    @Test("a hole still open when the capture ends becomes a gap")
    func gapAtEnd() {
        let result = reassemble([
            Segment(sequence: Self.isn + 1, payload: "ab"),
            Segment(sequence: Self.isn + 10, payload: "zz"),
        ])
        #expect(result.factory.clientToServer?.text == "ab???????zz")
        #expect(result.diagnostics.kept.map(\.code) == ["tcp_gap"])
    }

    @Test("out-of-order bytes past the per-direction bound force the hole to a gap")
    func perDirectionBound() {
        var limits = Limits()
        limits.tcpBufferPerDirection = 8
        let result = reassemble([
            Segment(sequence: Self.isn + 1, payload: "a"),
            Segment(sequence: Self.isn + 3, payload: "0123"),
            Segment(sequence: Self.isn + 7, payload: "4567"),
            Segment(sequence: Self.isn + 11, payload: "89"),
        ], limits: limits, finish: false)
        #expect(result.factory.clientToServer?.text == "a?0123456789")
        #expect(result.diagnostics.kept.map(\.code) == ["tcp_gap"])
    }

    @Test("pure ACKs for unknown connections create no state")
    func pureAcksIgnored() {
        let result = reassemble([Segment(sequence: 1, acknowledgment: 2, flags: TCPFlag.ack)])
        #expect(result.factory.consumers.isEmpty)
    }

    @Test("connections past the table bound evict the idlest with a diagnostic")
    func connectionBound() {
        var limits = Limits()
        limits.tcpConnections = 10
        let factory = RecordingFactory()
        let reassembler = TCPReassembler(limits: limits, factory: factory)
        let decoder = PacketDecoder(limits: limits)
        let diagnostics = DiagnosticSink()
        for port in 0..<25 {
            let packet = PacketBuilder.ethernet(PacketBuilder.ipv4(
                PacketBuilder.tcp([0x41], sourcePort: UInt16(20000 + port), sequence: 1), protocolNumber: 6))
            packet.withUnsafeBytes { buffer in
                let captured = CapturedPacket(frame: UInt64(port + 1), timestamp: Timestamp(seconds: Int64(port), nanoseconds: 0),
                                              linkType: .ethernet, interfaceIndex: 0, bytes: buffer, originalLength: buffer.count)
                decoder.decode(captured, diagnostics: diagnostics) { reassembler.add($0, diagnostics: diagnostics) }
            }
        }
        #expect(reassembler.openConnectionCount <= 10)
        #expect(diagnostics.countsByCode["tcp_connection_limit", default: 0] > 0)
    }
}

@Suite("TCP idle connections")
struct TCPIdleTests {
    @Test("a connection silent for tcpIdleSeconds of capture time ends as idle; a live one stays")
    func idleConnectionEnds() {
        let factory = RecordingFactory()
        var limits = Limits()
        limits.tcpIdleSeconds = 900
        let reassembler = TCPReassembler(limits: limits, factory: factory)
        let diagnostics = DiagnosticSink()
        func send(_ text: String, port: UInt16, at seconds: Int64, frame: UInt64) {
            Array(text.utf8).withUnsafeBytes { payload in
                reassembler.add(TransportSegment(
                    frame: frame, timestamp: Timestamp(seconds: seconds, nanoseconds: 0),
                    source: Endpoint(address: .v4(0x0A00_0001), port: port), destination: Endpoint(address: .v4(0x0A00_0002), port: 5060),
                    transport: .tcp,
                    tcp: TCPHeader(sourcePort: port, destinationPort: 5060, sequenceNumber: UInt32(frame) * 100,
                                   acknowledgmentNumber: 0, flags: [.ack, .psh]),
                    payload: payload, isTruncated: false), diagnostics: diagnostics)
            }
        }
        send("quiet", port: 50000, at: 1, frame: 1)
        send("busy", port: 50001, at: 1, frame: 2)
        send("still busy", port: 50001, at: 800, frame: 3)
        #expect(reassembler.openConnectionCount == 2)
        send("later", port: 50001, at: 1000, frame: 4)
        #expect(reassembler.openConnectionCount == 1)
        #expect(factory.consumers["10.0.0.1:50000>10.0.0.2:5060"]?.events.last == .end(.idle))
        #expect(factory.consumers["10.0.0.1:50001>10.0.0.2:5060"]?.events.last != .end(.idle))
    }
}
