/// Decrypts both directions of one TLS 1.3 connection when the key log holds its secrets,
/// and hands the application data on.
struct TLSDecryption {
    private var decryptors: [TLS13RecordDecryptor?] = [nil, nil]
    private var ready = false

    /// Sets the decryptors up once both hellos are known; false when this connection cannot be decrypted.
    mutating func prepare(clientHello: ClientHello, serverHello: ServerHello, keyLog: KeyLog) -> Bool {
        if ready { return true }
        guard serverHello.version == 0x0304, let suite = TLS13RecordDecryptor.Suite(serverHello.cipherSuite) else { return false }
        let random = clientHello.random
        guard let clientHandshake = keyLog.secret("CLIENT_HANDSHAKE_TRAFFIC_SECRET", clientRandom: random),
              let serverHandshake = keyLog.secret("SERVER_HANDSHAKE_TRAFFIC_SECRET", clientRandom: random) else { return false }
        decryptors = [
            TLS13RecordDecryptor(suite: suite, handshakeSecret: clientHandshake,
                                 applicationSecret: keyLog.secret("CLIENT_TRAFFIC_SECRET_0", clientRandom: random)),
            TLS13RecordDecryptor(suite: suite, handshakeSecret: serverHandshake,
                                 applicationSecret: keyLog.secret("SERVER_TRAFFIC_SECRET_0", clientRandom: random)),
        ]
        ready = true
        return true
    }

    /// Opens one protected record from `side` (0 client, 1 server); application data comes
    /// back, handshake records only move the keys on after Finished.
    mutating func open(side: Int, header: [UInt8], ciphertext: [UInt8]) -> [UInt8]? {
        guard ready, var decryptor = decryptors[side] else { return nil }
        defer { decryptors[side] = decryptor }
        guard let (type, content) = decryptor.open(header: header, ciphertext: ciphertext) else { return nil }
        if type == 22, HandshakeScan.containsFinished(content) { decryptor.switchToApplicationKeys() }
        return type == 23 ? content : nil
    }
}

/// Finds a Finished (type 20) among the handshake messages of a decrypted record.
enum HandshakeScan {
    static func containsFinished(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset + 4 <= bytes.count {
            if bytes[offset] == 20 { return true }
            let length = Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            offset += 4 + length
        }
        return false
    }
}
