import Decode
import SIP
import Web
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
        /// TLS or cleartext HTTP, accounted in a `WebConnection` shared by both directions.
        case web(WebConnection, fromClient: Bool)
    }

    private let stream: StreamDescriptor
    private let limits: Limits
    private weak var sink: MessageSink?
    private let web: WebConnectionRegistry?
    private(set) var carrier: Carrier = .undetermined
    /// SIP framing of the decrypted bytes of a TLS stream, once they show a SIP start line.
    private var decryptedSIP: SIPStreamFramer?

    init(stream: StreamDescriptor, limits: Limits, sink: MessageSink?, web: WebConnectionRegistry?) {
        self.stream = stream
        self.limits = limits
        self.sink = sink
        self.web = web
    }

    func receive(_ bytes: UnsafeRawBufferPointer, frame: UInt64, time: Timestamp) {
        if case .undetermined = carrier { carrier = recognise(bytes, time: time) }
        switch carrier {
        case .undetermined:
            return
        case .web(let connection, let fromClient):
            connection.receive(bytes, fromClient: fromClient, frame: frame, time: time)
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
        case .web(let connection, let fromClient):
            connection.noteGap(fromClient: fromClient, frame: frame)
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
        if case .web(let connection, let fromClient) = carrier {
            connection.finish(fromClient: fromClient, reason: end.rawValue, time: time)
            web?.noteFinished(connection, flow: stream.flow)
        }
        guard case .sip(var framer) = carrier else { return }
        if case .problem(let code, let detail)? = framer.finish() {
            sink?.report(.warning, code, frame: frame, detail + " (\(describe()), \(end.rawValue))")
        }
        carrier = .sip(framer)
    }

    /// Picks what the stream carries from its first bytes: SIP over WebSocket, SIP, and —
    /// when connections are being recorded — TLS records or HTTP/1.x.
    private func recognise(_ bytes: UnsafeRawBufferPointer, time: Timestamp) -> Carrier {
        let start = bytes.prefix { $0 == 0x0D || $0 == 0x0A }.count
        let rest = UnsafeRawBufferPointer(rebasing: bytes[start...])
        if WebSocketFramer.isUpgradeHead(rest) {
            return .webSocket(WebSocketFramer(maximumMessageBytes: limits.sipMessageBytes))
        }
        // A first line still incomplete in this chunk is given the benefit of the doubt:
        // the framer resynchronises if it turns out not to be SIP.
        if SIPStartLine.startsMessage(rest) != false { return .sip(SIPStreamFramer(limits: limits)) }
        guard let web else { return .undetermined }
        if WebProtocolSniffer.isTLSRecord(bytes) {
            // A handshake record opening with a ClientHello comes from the client, one
            // opening with a ServerHello from the server; anything else says nothing.
            let handshakeType: UInt8? = bytes.count > 5 && bytes[0] == 22 ? bytes[5] : nil
            let saysClient: Bool? = handshakeType == 1 ? true : handshakeType == 2 ? false : nil
            let (connection, fromClient) = web.connection(for: stream, kind: .tls, contentSaysClient: saysClient, time: time)
            guard connection.kind == .tls else { return .undetermined }
            connection.onPlaintext(fromClient: fromClient) { [weak self] bytes, frame, time in
                self?.receiveDecrypted(bytes, frame: frame, time: time)
            }
            return .web(connection, fromClient: fromClient)
        }
        if WebProtocolSniffer.isHTTP(rest) {
            let saysClient = !rest.starts(with: Array("HTTP/".utf8))
            let (connection, fromClient) = web.connection(for: stream, kind: .http, contentSaysClient: saysClient, time: time)
            return connection.kind == .http ? .web(connection, fromClient: fromClient) : .undetermined
        }
        return .undetermined
    }

    /// Decrypted TLS application data: SIP over TLS when it starts like SIP.
    private func receiveDecrypted(_ bytes: UnsafeRawBufferPointer, frame: UInt64, time: Timestamp) {
        if decryptedSIP == nil {
            guard SIPStartLine.startsMessage(bytes) != false else { return }
            decryptedSIP = SIPStreamFramer(limits: limits)
        }
        guard var framer = decryptedSIP else { return }
        decryptedSIP = nil
        framer.append(bytes)
        drain(&framer, frame: frame, time: time, transport: .tls)
        decryptedSIP = framer
    }

    private func drain(_ framer: inout SIPStreamFramer, frame: UInt64, time: Timestamp, transport: SIPTransport = .tcp) {
        while let event = framer.next() {
            switch event {
            case .message(let message):
                sink?.deliver(ObservedMessage(frame: frame, time: time, source: stream.source,
                                             destination: stream.destination, transport: transport, message: message))
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
    private let web: WebConnectionRegistry?
    weak var sink: MessageSink?

    init(limits: Limits, web: WebConnectionRegistry?) {
        self.limits = limits
        self.web = web
    }

    func makeConsumer(for stream: StreamDescriptor) -> StreamConsumer {
        StreamRouter(stream: stream, limits: limits, sink: sink, web: web)
    }
}
