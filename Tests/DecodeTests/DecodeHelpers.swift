import Capture
import Decode
import TestSupport
import Wire

/// A segment's fields, copied out of the borrowed payload.
struct DecodedSegment: Equatable {
    let source: String
    let destination: String
    let transport: FlowKey.TransportProtocol
    let payload: [UInt8]
}

/// Runs packets of one link type through a `PacketDecoder`.
func decode(_ packets: [[UInt8]], linkType: LinkType = .ethernet, limits: Limits = .default,
            times: [Int64]? = nil) -> (segments: [DecodedSegment], diagnostics: DiagnosticSink) {
    let decoder = PacketDecoder(limits: limits)
    let diagnostics = DiagnosticSink()
    var segments: [DecodedSegment] = []
    for (index, bytes) in packets.enumerated() {
        bytes.withUnsafeBytes { buffer in
            let packet = CapturedPacket(frame: UInt64(index + 1),
                                        timestamp: Timestamp(seconds: times?[index] ?? 1000, nanoseconds: 0),
                                        linkType: linkType, interfaceIndex: 0, bytes: buffer, originalLength: buffer.count)
            decoder.decode(packet, diagnostics: diagnostics) { segment in
                segments.append(DecodedSegment(source: segment.source.description,
                                               destination: segment.destination.description,
                                               transport: segment.transport, payload: Array(segment.payload)))
            }
        }
    }
    decoder.finish(diagnostics: diagnostics)
    return (segments, diagnostics)
}

let sipBytes = Array("OPTIONS sip:a@b SIP/2.0\r\n\r\n".utf8)
