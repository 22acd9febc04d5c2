import CPcap
import Wire

/// Reads a classic pcap file through libpcap (both byte orders, micro- and nanosecond
/// magic, the modified/Kuznetzov variants libpcap knows).
///
/// Timestamps are always requested at nanosecond precision; libpcap scales microsecond
/// files up. A record cut short at the end of the file ends the read with a
/// `capture_truncated` diagnostic after every complete record has been delivered.
public final class LibpcapFileSource: PacketSource {
    public let path: String
    private var handle: OpaquePointer?
    public let linkType: LinkType

    public init(path: String) throws(CaptureError) {
        self.path = path
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let opened = pcap_open_offline_with_tstamp_precision(
            path, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errorBuffer
        ) else {
            throw CaptureError(path: path, reason: Self.describeOpenFailure(errorText(errorBuffer)))
        }
        handle = opened
        linkType = LinkType(rawValue: UInt32(bitPattern: pcap_datalink(opened)))
    }

    deinit {
        if let handle { pcap_close(handle) }
    }

    public func readPackets(into diagnostics: DiagnosticSink,
                            _ body: (CapturedPacket) throws -> ReadControl) throws {
        guard let handle else { return }
        var frame: UInt64 = 0
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        while true {
            let status = pcap_next_ex(handle, &header, &data)
            if status == PCAP_ERROR_BREAK { return }   // -2: end of file
            if status < 0 {
                let reason = String(cString: pcap_geterr(handle))
                diagnostics.record(.warning, "capture_truncated", frame: frame + 1,
                                   "the capture ends inside record \(frame + 1) (\(reason)); the records before it were analysed")
                return
            }
            guard status == 1, let header, let data else { continue }
            frame += 1
            let captured = Int(header.pointee.caplen)
            let packet = CapturedPacket(
                frame: frame,
                timestamp: Timestamp(seconds: Int64(header.pointee.ts.tv_sec),
                                     nanoseconds: UInt32(clamping: header.pointee.ts.tv_usec)),
                linkType: linkType,
                interfaceIndex: 0,
                bytes: UnsafeRawBufferPointer(start: data, count: captured),
                originalLength: Int(header.pointee.len)
            )
            if try body(packet) == .stop { return }
        }
    }

    private static func describeOpenFailure(_ libpcapReason: String) -> String {
        if libpcapReason.contains("unknown file format") || libpcapReason.contains("bad dump file format") {
            return "not a capture file (pcap or pcapng expected)"
        }
        return libpcapReason
    }
}
