import Web
import Wire

/// One connection in the `connections` report; its JSON keys are documented in README.
public struct ConnectionRecord: Encodable, Sendable {
    public struct Bytes: Encodable, Sendable {
        public let toServer: Int
        public let toClient: Int
    }

    public struct ExchangeRecord: Encodable, Sendable {
        /// Kept as a time and written as text in place: a long connection has thousands.
        public let startTime: Timestamp
        public let fractionDigits: Int
        public let toServerBytes: Int
        public let toClientBytes: Int

        public var start: String { startTime.iso8601(fractionDigits: fractionDigits) }

        enum CodingKeys: String, CodingKey { case start, toServerBytes, toClientBytes }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(start, forKey: .start)
            try container.encode(toServerBytes, forKey: .toServerBytes)
            try container.encode(toClientBytes, forKey: .toClientBytes)
        }
    }

    public struct AlertRecord: Encodable, Sendable {
        public let from: String
        public let time: String
        public let level: String?
        public let description: String?
    }

    public let client: String
    public let server: String
    public let start: String
    public let end: String?
    public let endReason: String?
    public let handshakeDone: String?
    public let `protocol`: String
    public let clientHelloFrame: UInt64?
    public let sni: String?
    /// The negotiated protocol when the ServerHello names one, else the client's first offer.
    public let alpn: String?
    public let alpnOffered: [String]
    public let version: String?
    public let cipher: String?
    public let cipherId: Int?
    public let resumption: [String]
    public let ja3: String?
    /// The string JA3 hashes (tshark's `tls.handshake.ja3_full`).
    public let ja3Full: String?
    public let ja3s: String?
    public let ja4: String?
    public let certificate: CertificateSummary?
    public let bytes: Bytes
    public let records: Bytes
    public let exchanges: [ExchangeRecord]
    public let requests: [HTTPRequestRecord]
    public let alerts: [AlertRecord]

    enum CodingKeys: String, CodingKey {
        case client, server, start, end, endReason, handshakeDone, `protocol`, clientHelloFrame, sni, alpn, alpnOffered, version, cipher, cipherId, resumption, ja3, ja3Full, ja3s, ja4, certificate, bytes, records, exchanges, requests, alerts
    }

    /// Absent values are written as `null`: every key is always present.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(client, forKey: .client)
        try container.encode(server, forKey: .server)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(endReason, forKey: .endReason)
        try container.encode(handshakeDone, forKey: .handshakeDone)
        try container.encode(`protocol`, forKey: .`protocol`)
        try container.encode(clientHelloFrame, forKey: .clientHelloFrame)
        try container.encode(sni, forKey: .sni)
        try container.encode(alpn, forKey: .alpn)
        try container.encode(alpnOffered, forKey: .alpnOffered)
        try container.encode(version, forKey: .version)
        try container.encode(cipher, forKey: .cipher)
        try container.encode(cipherId, forKey: .cipherId)
        try container.encode(resumption, forKey: .resumption)
        try container.encode(ja3, forKey: .ja3)
        try container.encode(ja3Full, forKey: .ja3Full)
        try container.encode(ja3s, forKey: .ja3s)
        try container.encode(ja4, forKey: .ja4)
        try container.encode(certificate, forKey: .certificate)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(records, forKey: .records)
        try container.encode(exchanges, forKey: .exchanges)
        try container.encode(requests, forKey: .requests)
        try container.encode(alerts, forKey: .alerts)
    }

    /// `fingerprints` remembers the fingerprints of hellos seen before, for a caller that
    /// makes many records on one thread.
    public init(_ connection: WebConnection, fractionDigits: Int = 6, fingerprints: FingerprintMemo? = nil) {
        let time = { (stamp: Timestamp) in stamp.iso8601(fractionDigits: fractionDigits) }
        let clientHello = connection.clientHello, serverHello = connection.serverHello
        client = connection.client.description
        server = connection.server.description
        start = time(connection.start)
        end = connection.end.map(time)
        endReason = connection.endReason
        handshakeDone = connection.handshakeDone.map(time)
        `protocol` = connection.kind.rawValue
        clientHelloFrame = connection.clientHelloFrame
        sni = clientHello?.serverName
        alpnOffered = clientHello?.alpn ?? []
        alpn = serverHello?.alpn ?? (serverHello == nil ? alpnOffered.first : nil)
        version = (serverHello?.version ?? clientHello.map { hello in
            hello.supportedVersions.filter { !TLSExtension.isGREASE($0) }.max() ?? hello.legacyVersion
        }).map(TLSNames.version)
        cipher = serverHello.map { TLSNames.cipher($0.cipherSuite) }
        cipherId = serverHello.map { Int($0.cipherSuite) }
        resumption = clientHello?.resumption ?? []
        let fingerprints = fingerprints ?? FingerprintMemo()
        if let clientHello {
            let client = fingerprints.fingerprints(of: clientHello)
            (ja3Full, ja3, ja4) = (client.ja3Full, client.ja3, client.ja4)
        } else {
            (ja3Full, ja3, ja4) = (nil, nil, nil)
        }
        ja3s = serverHello.map(fingerprints.ja3s)
        certificate = connection.certificate
        bytes = Bytes(toServer: connection.toServerBytes, toClient: connection.toClientBytes)
        records = Bytes(toServer: connection.toServerRecords, toClient: connection.toClientRecords)
        exchanges = connection.exchanges.map {
            ExchangeRecord(startTime: $0.start, fractionDigits: fractionDigits, toServerBytes: $0.toServerBytes,
                           toClientBytes: $0.toClientBytes)
        }
        requests = connection.requests
        alerts = connection.alerts.map { alert in
            AlertRecord(from: alert.fromClient ? "client" : "server", time: time(alert.time),
                        level: alert.level.map { $0 == 2 ? "fatal" : $0 == 1 ? "warning" : String($0) },
                        description: alert.description.map(TLSNames.alert))
        }
    }
}
