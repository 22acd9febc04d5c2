import CPcap
import Wire
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Captures from a live interface through libpcap (`pcap_create` / `pcap_activate`).
///
/// Immediate mode delivers each packet as it arrives, so ladders can be drawn as the
/// traffic happens; the kernel buffer is large enough for bursts of SIP. `any` works and
/// yields Linux cooked headers.
public final class LiveInterfaceSource: PacketSource {
    public struct Configuration: Sendable {
        public var interface: String
        /// A BPF filter in tcpdump syntax; nil captures everything.
        public var filter: String?
        public var snapLength: Int32 = 262_144
        public var bufferBytes: Int32 = 32 << 20
        /// How long libpcap may wait before handing back control with no packet.
        public var pollMilliseconds: Int32 = 100

        public init(interface: String, filter: String? = nil) {
            self.interface = interface
            self.filter = filter
        }
    }

    /// Kernel and interface counters from `pcap_stats`.
    public struct Statistics: Sendable, Equatable {
        public let received: UInt32
        public let droppedByKernel: UInt32
        public let droppedByInterface: UInt32
    }

    public let configuration: Configuration
    public let linkType: LinkType
    private let handle: OpaquePointer
    /// Checked between packets and on every poll timeout; return true to end the read.
    public var shouldStop: () -> Bool = { false }

    public init(_ configuration: Configuration) throws(CaptureError) {
        self.configuration = configuration
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let created = pcap_create(configuration.interface, &errorBuffer) else {
            throw CaptureError(path: configuration.interface, reason: errorText(errorBuffer))
        }
        pcap_set_snaplen(created, configuration.snapLength)
        pcap_set_immediate_mode(created, 1)
        pcap_set_buffer_size(created, configuration.bufferBytes)
        pcap_set_timeout(created, configuration.pollMilliseconds)
        let status = pcap_activate(created)
        if status < 0 {
            let reason = Self.describeActivationFailure(status, detail: String(cString: pcap_geterr(created)))
            pcap_close(created)
            throw CaptureError(path: configuration.interface, reason: reason)
        }
        handle = created
        linkType = LinkType(rawValue: UInt32(bitPattern: pcap_datalink(created)))
        // In immediate mode Linux may ignore the read timeout and block while no packet
        // comes; non-blocking reads with a poll of our own keep `shouldStop` responsive.
        var errorText = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        pcap_setnonblock(created, 1, &errorText)
        if let filter = configuration.filter {
            try Self.install(filter: filter, on: created, interface: configuration.interface)
        }
    }

    deinit { pcap_close(handle) }

    public func readPackets(into diagnostics: DiagnosticSink,
                            _ body: (CapturedPacket) throws -> ReadControl) throws {
        var frame: UInt64 = 0
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        while !shouldStop() {
            let status = pcap_next_ex(handle, &header, &data)
            if status == 0 {                                     // nothing yet: wait on the descriptor
                waitForPackets()
                continue
            }
            if status == PCAP_ERROR_BREAK { return }
            if status < 0 {
                throw CaptureError(path: configuration.interface, reason: String(cString: pcap_geterr(handle)))
            }
            guard let header, let data else { continue }
            frame += 1
            let packet = CapturedPacket(
                frame: frame,
                timestamp: Timestamp(seconds: Int64(header.pointee.ts.tv_sec),
                                     nanoseconds: UInt32(clamping: header.pointee.ts.tv_usec) &* 1000),
                linkType: linkType, interfaceIndex: 0,
                bytes: UnsafeRawBufferPointer(start: data, count: Int(header.pointee.caplen)),
                originalLength: Int(header.pointee.len))
            if try body(packet) == .stop { return }
        }
    }

    private func waitForPackets() {
        let descriptor = pcap_get_selectable_fd(handle)
        guard descriptor >= 0 else {
            usleep(UInt32(configuration.pollMilliseconds) * 1000)
            return
        }
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&entry, 1, configuration.pollMilliseconds)
    }

    /// Makes a blocked `readPackets` return; safe to call from a signal-handling thread.
    public func breakLoop() { pcap_breakloop(handle) }

    public func statistics() -> Statistics? {
        var stats = pcap_stat()
        guard pcap_stats(handle, &stats) == 0 else { return nil }
        return Statistics(received: stats.ps_recv, droppedByKernel: stats.ps_drop, droppedByInterface: stats.ps_ifdrop)
    }

    /// Compiles and sets a filter; on failure the caller's deinit closes the handle.
    private static func install(filter: String, on handle: OpaquePointer, interface: String) throws(CaptureError) {
        var program = bpf_program()
        guard pcap_compile(handle, &program, filter, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
            let reason = String(cString: pcap_geterr(handle))
            throw CaptureError(path: interface, reason: "bad capture filter '\(filter)': \(reason)")
        }
        defer { pcap_freecode(&program) }
        guard pcap_setfilter(handle, &program) == 0 else {
            let reason = String(cString: pcap_geterr(handle))
            throw CaptureError(path: interface, reason: "cannot set capture filter: \(reason)")
        }
    }

    private static func describeActivationFailure(_ status: Int32, detail: String) -> String {
        switch status {
        case PCAP_ERROR_PERM_DENIED:
            return "no permission to capture (\(detail)); run as root or grant CAP_NET_RAW and CAP_NET_ADMIN"
        case PCAP_ERROR_NO_SUCH_DEVICE:
            return "no such interface (\(detail))"
        default:
            return detail.isEmpty ? String(cString: pcap_statustostr(status)) : detail
        }
    }
}
