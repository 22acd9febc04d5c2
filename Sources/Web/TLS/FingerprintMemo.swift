/// Hello fingerprints (a client's JA3 string, JA3 and JA4, a server's JA3S) remembered by
/// what they are made of. Clients of one kind send the same hello but for its random,
/// session id and key shares, a server answers them alike, and a day's capture of a
/// front-end server holds thousands of their connections: a client's fingerprints cost tens
/// of thousands of instructions (sorting, hex, MD5, SHA-256), a lookup a few hundred.
///
/// Not for sharing between threads: each renderer keeps its own. Bounded: past `capacity`
/// distinct hellos of a side it starts that side again empty.
public final class FingerprintMemo {
    public struct ClientFingerprints: Sendable {
        public let ja3Full: String
        public let ja3: String
        public let ja4: String
    }

    /// What the fingerprints read of a hello: version, cipher suites, extension types in
    /// order, and the bodies of the extensions whose contents they read.
    private struct ClientKey: Hashable {
        let version: UInt16
        let cipherSuites: [UInt16]
        let extensionTypes: [UInt16]
        let readBodies: [[UInt8]]

        /// Server name (its presence), supported groups, point formats, signature algorithms,
        /// ALPN, supported versions.
        static let readTypes: Set<UInt16> = [0, 10, 11, 13, 16, 43]

        init(_ hello: ClientHello) {
            version = hello.legacyVersion
            cipherSuites = hello.cipherSuites
            extensionTypes = hello.extensions.map(\.type)
            readBodies = hello.extensions.filter { Self.readTypes.contains($0.type) }.map(\.data)
        }
    }

    /// What JA3S reads of a server hello.
    private struct ServerKey: Hashable {
        let version: UInt16
        let cipherSuite: UInt16
        let extensionTypes: [UInt16]
    }

    public static let capacity = 4096
    private var knownClients: [ClientKey: ClientFingerprints] = [:]
    private var knownServers: [ServerKey: String] = [:]

    public init() {}

    public func ja3s(of hello: ServerHello) -> String {
        let key = ServerKey(version: hello.legacyVersion, cipherSuite: hello.cipherSuite,
                            extensionTypes: hello.extensions.map(\.type))
        if let ja3s = knownServers[key] { return ja3s }
        let ja3s = Fingerprints.ja3s(hello)
        if knownServers.count >= Self.capacity { knownServers.removeAll(keepingCapacity: true) }
        knownServers[key] = ja3s
        return ja3s
    }

    public func fingerprints(of hello: ClientHello) -> ClientFingerprints {
        let key = ClientKey(hello)
        if let fingerprints = knownClients[key] { return fingerprints }
        let full = Fingerprints.ja3String(hello)
        let fingerprints = ClientFingerprints(ja3Full: full, ja3: Fingerprints.ja3(ofString: full), ja4: Fingerprints.ja4(hello))
        if knownClients.count >= Self.capacity { knownClients.removeAll(keepingCapacity: true) }
        knownClients[key] = fingerprints
        return fingerprints
    }
}
