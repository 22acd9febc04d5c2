import Decode
import Wire

/// The input is a sequence of TCP segments on four connections: per segment a control
/// byte (connection, direction, SYN/FIN/RST/ACK), a sequence-number step, a length and
/// the payload. Whatever the order, overlaps and wraps, the bytes delivered to a stream
/// direction never exceed what was sent on it.
enum TCPHarness {
    final class CountingConsumer: StreamConsumer {
        var delivered = 0, gaps = 0
        func receive(_ bytes: UnsafeRawBufferPointer, frame: UInt64, time: Timestamp) { delivered += bytes.count }
        func receiveGap(byteCount: Int, frame: UInt64, time: Timestamp) {
            precondition(byteCount >= 0)
            gaps += 1
        }
        func finish(_ end: StreamEnd, frame: UInt64, time: Timestamp) {}
    }

    final class Factory: StreamConsumerFactory {
        var consumers: [CountingConsumer] = []
        func makeConsumer(for stream: StreamDescriptor) -> StreamConsumer {
            let consumer = CountingConsumer()
            consumers.append(consumer)
            return consumer
        }
    }

    static func run(_ bytes: UnsafeRawBufferPointer) {
        var cursor = InputCursor(bytes)
        var limits = Limits()
        limits.tcpBufferPerDirection = 8192
        limits.tcpBufferTotal = 16384
        limits.tcpConnections = 3
        let factory = Factory()
        let reassembler = TCPReassembler(limits: limits, factory: factory)
        let diagnostics = DiagnosticSink(maximumKept: 100)
        var sequences = [UInt32](repeating: 0, count: 8)
        var sent = 0, frame: UInt64 = 0
        while !cursor.isAtEnd {
            let control = cursor.byte()
            let lane = Int(control & 0x07)
            let step = cursor.uint32()
            sequences[lane] = step & 0x8000_0000 != 0 ? step : sequences[lane] &+ step
            let payload = cursor.take(Int(cursor.byte()))
            sent += payload.count
            var flags: TCPHeader.Flags = []
            if control & 0x08 != 0 { flags.insert(.syn) }
            if control & 0x10 != 0 { flags.insert(.fin) }
            if control & 0x20 != 0 { flags.insert(.rst) }
            if control & 0x40 != 0 { flags.insert(.ack) }
            let client = Endpoint(address: .v4(0x0A00_0001 + UInt32(lane >> 1)), port: 40000)
            let server = Endpoint(address: .v4(0x0A00_0100), port: 5060)
            let (source, destination) = lane & 1 == 0 ? (client, server) : (server, client)
            let header = TCPHeader(sourcePort: source.port, destinationPort: destination.port,
                                   sequenceNumber: sequences[lane], acknowledgmentNumber: sequences[lane ^ 1],
                                   flags: flags)
            frame += 1
            let segment = TransportSegment(frame: frame, timestamp: Timestamp(seconds: Int64(frame), nanoseconds: 0),
                                           source: source, destination: destination, transport: .tcp, tcp: header,
                                           payload: payload, isTruncated: false)
            reassembler.add(segment, diagnostics: diagnostics)
        }
        reassembler.finish(frame: frame, time: Timestamp(seconds: Int64(frame), nanoseconds: 0), diagnostics: diagnostics)
        precondition(factory.consumers.reduce(0) { $0 + $1.delivered } <= sent)
    }
}
