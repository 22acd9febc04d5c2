import Capture
import Wire

/// Decodes captured packets down to UDP datagrams and TCP segments.
///
/// Headers are read in place from the packet's borrowed bytes; only IP fragments are
/// copied (until their datagram completes). Packets that are neither UDP nor TCP over IP
/// cost no allocation. Malformed headers become diagnostics naming the frame.
///
/// A class, so that decoding a packet is no access to its owner's state: a mutating
/// method of a stored struct holds a checked access for the whole delivery of the
/// packet's segment, on every packet. Only fragments and unsupported link types touch
/// the decoder's own state.
public final class PacketDecoder {
    private var fragments: FragmentReassembler
    private var reportedLinkTypes: Set<LinkType> = []

    public init(limits: Limits = .default) {
        fragments = FragmentReassembler(limits: limits)
    }

    public func decode(_ packet: CapturedPacket, diagnostics: DiagnosticSink,
                                _ deliver: (TransportSegment) throws -> Void) rethrows {
        guard LinkLayer.isSupported(packet.linkType) else {
            if reportedLinkTypes.insert(packet.linkType).inserted {
                diagnostics.record(.warning, "unsupported_link_type", frame: packet.frame,
                                   "interface \(packet.interfaceIndex) has link type \(packet.linkType.rawValue) (\(packet.linkType)), which is not decoded; its packets are skipped")
            }
            return
        }
        var reader = ByteReader(packet.bytes)
        let ip: IPPacket
        do {
            switch try LinkLayer.decode(packet.linkType, &reader) {
            case .ipv4: ip = try IPv4Header.decode(&reader)
            case .ipv6: ip = try IPv6Header.decode(&reader)
            case .other: return
            }
        } catch {
            report(error, packet: packet, layer: "link/IP", diagnostics: diagnostics)
            return
        }
        if ip.isTruncated, !packet.isSnapLengthCut {
            // The capture kept the whole packet, so the length field itself is wrong.
            diagnostics.record(.warning, "ip_length_beyond_packet", frame: packet.frame,
                               "the IP length field announces more bytes than the \(packet.bytes.count)-byte packet holds; the bytes present are decoded")
        }
        if ip.fragment != nil {
            guard let datagram = fragments.add(ip, frame: packet.frame, time: packet.timestamp,
                                               diagnostics: diagnostics) else { return }
            try datagram.payload.withUnsafeBytes { bytes in
                try decodeReassembled(datagram, bytes, packet: packet, diagnostics: diagnostics, deliver)
            }
            return
        }
        try decodeTransport(source: ip.source, destination: ip.destination, protocolNumber: ip.protocolNumber,
                            payload: ip.payload, truncated: ip.isTruncated || packet.isSnapLengthCut,
                            packet: packet, diagnostics: diagnostics, deliver)
    }

    /// Reports fragments still waiting when the capture ends.
    public func finish(diagnostics: DiagnosticSink) {
        fragments.finish(diagnostics: diagnostics)
    }

    private func decodeReassembled(_ datagram: FragmentReassembler.Datagram, _ bytes: UnsafeRawBufferPointer,
                                   packet: CapturedPacket, diagnostics: DiagnosticSink,
                                   _ deliver: (TransportSegment) throws -> Void) rethrows {
        var protocolNumber = datagram.protocolNumber
        var payload = bytes
        if datagram.source.isIPv6 {
            do {
                let upper = try IPv6Header.upperLayer(protocolNumber, bytes)
                protocolNumber = upper.protocolNumber
                payload = upper.payload
            } catch {
                report(error, packet: packet, layer: "reassembled IPv6", diagnostics: diagnostics)
                return
            }
        }
        try decodeTransport(source: datagram.source, destination: datagram.destination, protocolNumber: protocolNumber,
                            payload: payload, truncated: false, packet: packet, diagnostics: diagnostics, deliver)
    }

    private func decodeTransport(source: IPAddress, destination: IPAddress, protocolNumber: UInt8,
                                 payload: UnsafeRawBufferPointer, truncated: Bool, packet: CapturedPacket,
                                 diagnostics: DiagnosticSink,
                                 _ deliver: (TransportSegment) throws -> Void) rethrows {
        var reader = ByteReader(payload)
        switch protocolNumber {
        case 17:
            guard let (udp, data) = decodeOrReport({ () throws(DecodeError) in try UDPHeader.decode(&reader) },
                                                   packet: packet, layer: "UDP", diagnostics: diagnostics) else { return }
            if udp.isLengthBeyondPacket, !truncated {
                diagnostics.record(.warning, "udp_length_beyond_packet", frame: packet.frame,
                                   "the UDP length field announces more bytes than the IP payload holds; the bytes present are decoded")
            }
            try deliver(TransportSegment(
                frame: packet.frame, timestamp: packet.timestamp,
                source: Endpoint(address: source, port: udp.sourcePort),
                destination: Endpoint(address: destination, port: udp.destinationPort),
                transport: .udp, tcp: nil, payload: data, isTruncated: truncated))
        case 6:
            guard let (tcp, data) = decodeOrReport({ () throws(DecodeError) in try TCPHeader.decode(&reader) },
                                                   packet: packet, layer: "TCP", diagnostics: diagnostics) else { return }
            try deliver(TransportSegment(
                frame: packet.frame, timestamp: packet.timestamp,
                source: Endpoint(address: source, port: tcp.sourcePort),
                destination: Endpoint(address: destination, port: tcp.destinationPort),
                transport: .tcp, tcp: tcp, payload: data, isTruncated: truncated))
        default:
            return
        }
    }

    private func decodeOrReport<T>(_ body: () throws(DecodeError) -> T, packet: CapturedPacket, layer: String,
                                   diagnostics: DiagnosticSink) -> T? {
        do {
            return try body()
        } catch {
            report(error, packet: packet, layer: layer, diagnostics: diagnostics)
            return nil
        }
    }

    private func report(_ error: DecodeError, packet: CapturedPacket, layer: String, diagnostics: DiagnosticSink) {
        // A header cut by the snap length is expected in short-snaplen captures: not an error.
        let severity: Diagnostic.Severity = packet.isSnapLengthCut ? .info : .warning
        diagnostics.record(severity, "malformed_packet", frame: packet.frame, "\(layer): \(error)")
    }
}
