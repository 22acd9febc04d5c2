import Decode
import SIP
import Wire

/// The consumer of one TCP stream direction: decides by content what the stream carries
/// and hands its bytes to the matching framer.
///
/// Until a stream is recognised, each chunk's first bytes are checked (as tshark's
/// heuristic dissectors check each segment), so a capture that starts mid-stream is
/// picked up at the first message boundary. An unrecognised stream costs no buffering.
final class StreamRouter: StreamConsumer {
    enum Carrier {
        case undetermined
        case sip(SIPStreamFramer)
        case webSocket(WebSocketFramer)
    }

    private let stream: StreamDescriptor
    private let limits: Limits
    private weak var sink: MessageSink?
    private(set) var carrier: Carrier = .undetermined

    init(stream: StreamDescriptor, limits: Limits, sink: MessageSink?) {
        self.stream = stream
        self.limits = limits
        self.sink = sink
    }

    func receive(_ bytes: UnsafeRawBufferPointer, frame: UInt64, time: Timestamp) {
        if case .undetermined = carrier { carrier = Self.recognise(bytes, limits: limits) }
        switch carrier {
        case .undetermined:
            return
        case .sip(var framer):
            carrier = .undetermined   // let the framer be uniquely referenced while it mutates
            framer.append(bytes)
            drain(&framer, frame: frame, time: time)
            carrier = .sip(framer)
        case .webSocket(var framer):
            carrier = .undetermined
            framer.append(bytes)
            while let event = framer.next() { handle(event, frame: frame, time: time) }
            carrier = .webSocket(framer)
        }
    }

    func receiveGap(byteCount: Int, frame: UInt64, time: Timestamp) {
        switch carrier {
        case .undetermined:
            return
        case .sip(var framer):
            if case .problem(let code, let detail)? = framer.noteGap(byteCount: byteCount) {
                sink?.report(.warning, code, frame: frame, detail + " (\(describe()))")
            }
            carrier = .sip(framer)
        case .webSocket(var framer):
            handle(framer.noteGap(), frame: frame, time: time)
            carrier = .webSocket(framer)
        }
    }

    func finish(_ end: StreamEnd, frame: UInt64, time: Timestamp) {
        guard case .sip(var framer) = carrier else { return }
        if case .problem(let code, let detail)? = framer.finish() {
            sink?.report(.warning, code, frame: frame, detail + " (\(describe()), \(end.rawValue))")
        }
        carrier = .sip(framer)
    }

    static func recognise(_ bytes: UnsafeRawBufferPointer, limits: Limits) -> Carrier {
        let start = bytes.prefix { $0 == 0x0D || $0 == 0x0A }.count
        let rest = UnsafeRawBufferPointer(rebasing: bytes[start...])
        if WebSocketFramer.isUpgradeHead(rest) {
            return .webSocket(WebSocketFramer(maximumMessageBytes: limits.sipMessageBytes))
        }
        // A first line still incomplete in this chunk is given the benefit of the doubt:
        // the framer resynchronises if it turns out not to be SIP.
        guard SIPStartLine.startsMessage(rest) != false else { return .undetermined }
        return .sip(SIPStreamFramer(limits: limits))
    }

    private func drain(_ framer: inout SIPStreamFramer, frame: UInt64, time: Timestamp) {
        while let event = framer.next() {
            switch event {
            case .message(let message):
                sink?.deliver(ObservedMessage(frame: frame, time: time, source: stream.source,
                                             destination: stream.destination, transport: .tcp, message: message))
            case .problem(let code, let detail):
                sink?.report(.warning, code, frame: frame, detail + " (\(describe()))")
            }
        }
    }

    private func handle(_ event: WebSocketFramer.Event, frame: UInt64, time: Timestamp) {
        switch event {
        case .problem(let code, let detail):
            sink?.report(.warning, code, frame: frame, detail + " (\(describe()))")
        case .message(let payload):
            payload.withUnsafeBytes { bytes in
                sink?.deliverDatagram(bytes, frame: frame, time: time, source: stream.source,
                                     destination: stream.destination, transport: .ws)
            }
        }
    }

    private func describe() -> String { "TCP \(stream.source) → \(stream.destination)" }
}

/// Makes a `StreamRouter` for each TCP stream direction, all reporting to one sink.
final class StreamRouterFactory: StreamConsumerFactory {
    private let limits: Limits
    weak var sink: MessageSink?

    init(limits: Limits) { self.limits = limits }

    func makeConsumer(for stream: StreamDescriptor) -> StreamConsumer {
        StreamRouter(stream: stream, limits: limits, sink: sink)
    }
}
