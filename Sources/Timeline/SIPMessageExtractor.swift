import Capture
import Decode
import SIP
import Web
import Wire

/// Finds every SIP message in a packet stream: decodes packets, reassembles TCP,
/// recognises SIP by content on any port, frames it, and hands each message on in the
/// order the capture completes them.
public final class SIPMessageExtractor: MessageSink {
    public let diagnostics: DiagnosticSink
    public var packetCount: UInt64 { progress.packets }
    public private(set) var messageCount = 0
    private let limits: Limits
    private let decoder: PacketDecoder
    private let routers: StreamRouterFactory
    private let tcp: TCPReassembler
    private let onMessage: (ObservedMessage) -> Void
    /// Packets read and the latest one's frame and time, kept together: each packet
    /// updates them in one checked access to this class's state, not three.
    private var progress = (packets: UInt64(0), frame: UInt64(0), time: Timestamp(seconds: 0, nanoseconds: 0))

    /// With `web`, TLS and HTTP connections are recorded there too.
    public init(limits: Limits = .default, diagnostics: DiagnosticSink = DiagnosticSink(),
                web: WebConnectionRegistry? = nil, onMessage: @escaping (ObservedMessage) -> Void) {
        self.diagnostics = diagnostics
        self.limits = limits
        self.decoder = PacketDecoder(limits: limits)
        self.onMessage = onMessage
        routers = StreamRouterFactory(limits: limits, web: web)
        tcp = TCPReassembler(limits: limits, factory: routers)
        routers.sink = self
    }

    /// Reads a whole source (or until `keepGoing` says no), then ends every open stream.
    public func run(_ source: any PacketSource, while keepGoing: () -> Bool = { true }) throws {
        // The source reports into its own sink: `process` writes to `diagnostics` meanwhile.
        let sourceDiagnostics = DiagnosticSink()
        defer {
            finish()
            diagnostics.absorb(sourceDiagnostics)
        }
        try source.readPackets(into: sourceDiagnostics) { packet in
            process(packet)
            return keepGoing() ? .proceed : .stop
        }
    }

    public func process(_ packet: CapturedPacket) {
        progress = (progress.packets + 1, packet.frame, packet.timestamp)
        decoder.decode(packet, diagnostics: diagnostics) { segment in
            switch segment.transport {
            case .udp:
                deliverDatagram(segment.payload, frame: segment.frame, time: segment.timestamp,
                                source: segment.source, destination: segment.destination, transport: .udp)
            case .tcp:
                tcp.add(segment, diagnostics: diagnostics)
            }
        }
    }

    /// The capture is over: flush every stream and fragment still open.
    public func finish() {
        tcp.finish(frame: progress.frame, time: progress.time, diagnostics: diagnostics)
        decoder.finish(diagnostics: diagnostics)
    }

    func deliver(_ message: ObservedMessage) {
        messageCount += 1
        onMessage(message)
    }

    func deliverDatagram(_ payload: UnsafeRawBufferPointer, frame: UInt64, time: Timestamp,
                         source: Endpoint, destination: Endpoint, transport: SIPTransport) {
        guard let events = SIPDatagramParser.parse(payload) else { return }
        for event in events {
            switch event {
            case .message(let message):
                deliver(ObservedMessage(frame: frame, time: time, source: source, destination: destination,
                                        transport: transport, message: message))
            case .problem(let code, let detail):
                report(.warning, code, frame: frame, detail)
            }
        }
    }

    func report(_ severity: Diagnostic.Severity, _ code: String, frame: UInt64, _ message: String) {
        diagnostics.record(severity, code, frame: frame, message)
    }
}
