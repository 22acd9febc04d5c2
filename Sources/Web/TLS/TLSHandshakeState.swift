import Wire

/// What one TLS connection's cleartext handshake revealed, fed record by record from
/// both directions.
struct TLSHandshakeState {
    private(set) var clientHello: ClientHello?
    private(set) var clientHelloFrame: UInt64?
    private(set) var serverHello: ServerHello?
    private(set) var certificate: CertificateSummary?
    private(set) var alerts: [TLSAlert] = []
    private(set) var handshakeDone: Timestamp?
    private(set) var problems: [(code: String, detail: String, frame: UInt64)] = []
    private var reassemblers = [HandshakeReassembler(), HandshakeReassembler()]
    /// After ChangeCipherSpec (or the TLS 1.3 ServerHello) a direction's handshake is encrypted.
    private var encrypted = [false, false]

    /// `side` 0 is the client, 1 the server.
    mutating func record(type: UInt8, fragment: [UInt8], side: Int, frame: UInt64, time: Timestamp) {
        switch TLSRecordFramer.ContentType(rawValue: type) {
        case .changeCipherSpec:
            // TLS 1.3 sends a dummy ChangeCipherSpec for middlebox compatibility (RFC 8446
            // §D.4), e.g. right after a HelloRetryRequest; its encrypted handshake travels
            // in application-data records anyway. Only TLS ≤ 1.2 encrypts after it.
            let isTLS13 = serverHello?.isHelloRetryRequest == true || (serverHello?.version ?? 0) >= 0x0304
            if !isTLS13 { encrypted[side] = true }
        case .alert where !encrypted[side] && fragment.count >= 2:
            alerts.append(TLSAlert(fromClient: side == 0, level: fragment[0], description: fragment[1], time: time))
        case .alert:
            alerts.append(TLSAlert(fromClient: side == 0, level: nil, description: nil, time: time))
        case .handshake where !encrypted[side]:
            for message in reassemblers[side].append(fragment) { handle(message, side: side, frame: frame, time: time) }
            if let failure = reassemblers[side].failure, !problems.contains(where: { $0.detail == failure }) {
                problems.append(("tls_handshake_too_large", failure, frame))
            }
        default:
            break
        }
    }

    /// The first application data after both hellos marks the handshake as done.
    mutating func applicationData(time: Timestamp) {
        if handshakeDone == nil, clientHello != nil, serverHello != nil { handshakeDone = time }
    }

    private mutating func handle(_ message: HandshakeReassembler.Message, side: Int, frame: UInt64, time: Timestamp) {
        do {
            switch (message.type, side) {
            case (1, 0) where clientHello == nil:
                clientHello = try ClientHello(parsing: message.body)
                clientHelloFrame = frame
            case (2, 1):
                let hello = try ServerHello(parsing: message.body)
                if serverHello == nil || serverHello?.isHelloRetryRequest == true { serverHello = hello }
                if hello.version >= 0x0304, !hello.isHelloRetryRequest { encrypted[1] = true }
            case (11, 1) where certificate == nil:
                if let der = CertificateSummary.firstCertificate(inCertificateMessage: message.body) {
                    switch CertificateCache.summary(der: der) {
                    case .success(let summary): certificate = summary
                    case .failure(let error): problems.append(("tls_certificate_unreadable", "server certificate: \(error)", frame))
                    }
                }
            default:
                break
            }
        } catch {
            problems.append(("tls_malformed_handshake", "handshake message \(message.type): \(error)", frame))
        }
    }
}

/// A cleartext alert (RFC 8446 §6); an encrypted one has no level or description.
public struct TLSAlert: Equatable, Sendable {
    public let fromClient: Bool
    public let level: UInt8?
    public let description: UInt8?
    public let time: Timestamp
}
