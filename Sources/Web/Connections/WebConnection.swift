import Decode
import Wire

/// One TLS or HTTP connection as a passive observer sees it: who talked to which
/// service, when, how it ended, and how much data went each way.
public final class WebConnection {
    public enum Kind: String, Sendable {
        case tls
        case http
    }

    public let kind: Kind
    public let client: Endpoint
    public let server: Endpoint
    public let start: Timestamp
    /// Its place among the capture's connections in the order they were first seen.
    public let sequence: Int
    public private(set) var end: Timestamp?
    /// `fin`, `reset`, `idle`, `capture-end`.
    public private(set) var endReason: String?
    public var toServerBytes: Int { streams.traffic.toServerBytes }
    public var toClientBytes: Int { streams.traffic.toClientBytes }
    public var toServerRecords: Int { streams.traffic.toServerRecords }
    public var toClientRecords: Int { streams.traffic.toClientRecords }
    /// All that the bytes of either side change, as one value: each access to a class's
    /// stored property is checked for exclusivity at run time, and a record touches most of it.
    private var streams = Streams()
    public private(set) var requests: [HTTPRequestRecord] = []
    private var answered = 0
    private var endReasons: [String] = []
    private let diagnostics: DiagnosticSink
    private let keyLog: KeyLog?
    private var decryption = TLSDecryption()
    private var decryptable: Bool?
    /// Receives decrypted application data, per side (false: the client's, true: the server's).
    private var plaintextHandlers: [Bool: (UnsafeRawBufferPointer, UInt64, Timestamp) -> Void] = [:]
    public private(set) var decryptedRecords = 0

    init(kind: Kind, client: Endpoint, server: Endpoint, start: Timestamp, sequence: Int = 0, diagnostics: DiagnosticSink,
         keyLog: KeyLog?) {
        self.sequence = sequence
        self.kind = kind
        self.client = client
        self.server = server
        self.start = start
        self.diagnostics = diagnostics
        self.keyLog = keyLog
        if let keyLog, !keyLog.isEmpty {
            streams.framers[0].keepsApplicationData = true
            streams.framers[1].keepsApplicationData = true
        }
    }

    /// Where the decrypted bytes of one direction go (a SIP framer, for SIP over TLS).
    public func onPlaintext(fromClient: Bool, _ handler: @escaping (UnsafeRawBufferPointer, UInt64, Timestamp) -> Void) {
        plaintextHandlers[!fromClient] = handler
    }

    public var exchanges: [Exchange] { streams.exchangeLog.exchanges }
    public var clientHello: ClientHello? { streams.handshake.clientHello }
    public var serverHello: ServerHello? { streams.handshake.serverHello }
    public var certificate: CertificateSummary? { streams.handshake.certificate }
    public var alerts: [TLSAlert] { streams.handshake.alerts }
    public var handshakeDone: Timestamp? { streams.handshake.handshakeDone }
    public var clientHelloFrame: UInt64? { streams.handshake.clientHelloFrame }

    /// Bytes from one side, in stream order.
    public func receive(_ bytes: UnsafeRawBufferPointer, fromClient: Bool, frame: UInt64, time: Timestamp) {
        let side = fromClient ? 0 : 1
        withStreams { streams in
            streams.lastFrames[side] = frame
            guard !streams.lost[side] else { return }
            switch kind {
            case .tls: receiveTLS(bytes, into: &streams, side: side, frame: frame, time: time)
            case .http: receiveHTTP(bytes, into: &streams, side: side, frame: frame, time: time)
            }
        }
    }

    /// Both sides have ended.
    public var isClosed: Bool { streams.ended[0] && streams.ended[1] }

    public func finish(fromClient: Bool, reason: String, time: Timestamp) {
        let side = fromClient ? 0 : 1
        let (alreadyEnded, lastMessage, truncation) = withStreams { streams -> (Bool, HTTPMessageParser.Message?, Int?) in
            guard !streams.ended[side] else { return (true, nil, nil) }
            streams.ended[side] = true
            let lastMessage = kind == .http ? streams.httpParsers[side].finish() : nil
            let missing = streams.framers[side].missingRecordBytes
            let truncated = kind == .tls && !streams.lost[side] && !streams.framers[side].isDesynchronised && missing > 0
            return (false, lastMessage, truncated ? missing : nil)
        }
        guard !alreadyEnded else { return }
        endReasons.append(reason)
        if let lastMessage { deliverHTTP(lastMessage, side: side) }
        if let missing = truncation {
            diagnostics.record(.warning, "tls_record_truncated", frame: streams.lastFrames[side],
                               "the stream \(fromClient ? client : server) → \(fromClient ? server : client) ended (\(reason)) \(missing) bytes short of the TLS record its last header announced")
        }
        end = max(end ?? time, time)
        endReason = endReasons.contains("reset") ? "reset" : endReasons.contains("capture-end") ? "capture-end"
            : endReasons.contains("idle") ? "idle" : "fin"
    }

    public func noteGap(fromClient: Bool, frame: UInt64) {
        diagnostics.record(.info, "web_stream_gap", frame: frame,
                           "bytes missing from \(kind.rawValue) \(fromClient ? client : server) → \(fromClient ? server : client); later records of that direction are not parsed")
        let side = fromClient ? 0 : 1
        streams.lost[side] = true
    }

    private func withStreams<Result>(_ body: (inout Streams) -> Result) -> Result {
        body(&streams)
    }

    private func receiveTLS(_ bytes: UnsafeRawBufferPointer, into streams: inout Streams, side: Int, frame: UInt64,
                            time: Timestamp) {
        streams.framers[side].append(bytes, into: &streams.events)
        defer { streams.events.removeAll(keepingCapacity: true) }
        for event in streams.events {
            switch event {
            case .record(23, let version, let fragment):
                streams.traffic.count(fragment.count + 5, side: side)
                streams.handshake.applicationData(time: time)
                streams.exchangeLog.add(bytes: fragment.count, toServer: side == 0, time: time)
                decrypt(fragment, version: version, side: side, frame: frame, time: time,
                        hellos: (streams.handshake.clientHello, streams.handshake.serverHello))
            case .record(let type, _, let fragment):
                streams.traffic.count(fragment.count + 5, side: side)
                streams.handshake.record(type: type, fragment: fragment, side: side, frame: frame, time: time)
            case .applicationData(let length):
                streams.traffic.count(length + 5, side: side)
                streams.handshake.applicationData(time: time)
                streams.exchangeLog.add(bytes: length, toServer: side == 0, time: time)
            case .malformed(let reason):
                diagnostics.record(.warning, "tls_not_a_record", frame: frame, "\(reason) (\(side == 0 ? client : server) → \(side == 0 ? server : client))")
            }
        }
        for problem in streams.handshake.problems where problem.frame == frame {
            diagnostics.record(.warning, problem.code, frame: frame, problem.detail)
        }
    }

    /// `hellos` are passed in: the handshake is part of `streams`, which the caller holds.
    private func decrypt(_ ciphertext: [UInt8], version: UInt16, side: Int, frame: UInt64, time: Timestamp,
                         hellos: (client: ClientHello?, server: ServerHello?)) {
        guard let keyLog, let clientHello = hellos.client, let serverHello = hellos.server else { return }
        if decryptable == nil {
            decryptable = decryption.prepare(clientHello: clientHello, serverHello: serverHello, keyLog: keyLog)
            if decryptable == false {
                diagnostics.record(.info, "tls_not_decrypted", frame: frame,
                                   "no TLS 1.3 secrets in the key log for \(client) → \(server); its data stays encrypted")
            }
        }
        guard decryptable == true else { return }
        let header: [UInt8] = [23, UInt8(version >> 8), UInt8(version & 0xFF), UInt8(ciphertext.count >> 8), UInt8(ciphertext.count & 0xFF)]
        guard let plaintext = decryption.open(side: side, header: header, ciphertext: ciphertext) else { return }
        decryptedRecords += 1
        plaintext.withUnsafeBytes { bytes in plaintextHandlers[side == 1]?(bytes, frame, time) }
    }

    private func receiveHTTP(_ bytes: UnsafeRawBufferPointer, into streams: inout Streams, side: Int, frame: UInt64,
                             time: Timestamp) {
        streams.traffic.count(bytes.count, side: side)
        streams.exchangeLog.add(bytes: bytes.count, toServer: side == 0, time: time)
        for message in streams.httpParsers[side].append(bytes) { deliverHTTP(message, side: side) }
        if let failure = streams.httpParsers[side].failure {
            diagnostics.record(.warning, "http_malformed", frame: frame, failure)
            streams.lost[side] = true
        }
    }

    private func deliverHTTP(_ message: HTTPMessageParser.Message, side: Int) {
        if side == 0 {
            if requests.count < 100_000 { requests.append(HTTPRequestRecord(request: message)) }
        } else if answered < requests.count {
            if message.startLine.split(separator: " ").dropFirst().first.map({ $0.hasPrefix("1") }) == true { return }
            requests[answered].attach(response: message)
            answered += 1
        }
    }
}

/// What the two sides' bytes go through and what they leave behind.
private struct Streams {
    var traffic = Traffic()
    var handshake = TLSHandshakeState()
    var exchangeLog = ExchangeLog()
    var framers = [TLSRecordFramer(), TLSRecordFramer()]
    var httpParsers = [HTTPMessageParser(), HTTPMessageParser()]
    /// A side whose stream lost bytes: its later records are not parsed.
    var lost = [false, false]
    var ended = [false, false]
    var lastFrames: [UInt64] = [0, 0]
    /// The records of one read, kept between reads for its room.
    var events: [TLSRecordFramer.Event] = []
}

/// Bytes and records each way.
private struct Traffic {
    var toServerBytes = 0, toClientBytes = 0, toServerRecords = 0, toClientRecords = 0

    /// One record of `bytes` from the client (side 0) or the server.
    mutating func count(_ bytes: Int, side: Int) {
        if side == 0 {
            toServerBytes += bytes
            toServerRecords += 1
        } else {
            toClientBytes += bytes
            toClientRecords += 1
        }
    }
}
