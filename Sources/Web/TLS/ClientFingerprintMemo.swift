/// A client hello's fingerprints (the JA3 string, JA3, JA4) remembered by what they are
/// made of. Clients of one kind send the same hello but for its random, session id and key
/// shares, and a day's capture of a front-end server holds thousands of their connections:
/// each fingerprint costs tens of thousands of instructions (sorting, hex, MD5, SHA-256),
/// a lookup a few hundred.
///
/// Not for sharing between threads: each renderer keeps its own. Bounded: past `capacity`
/// distinct hellos it starts again empty.
public final class ClientFingerprintMemo {
    public struct Fingerprints: Sendable {
        public let ja3Full: String
        public let ja3: String
        public let ja4: String
    }

    /// What the fingerprints read of a hello: version, cipher suites, extension types in
    /// order, and the bodies of the extensions whose contents they read.
    private struct Key: Hashable {
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

    public static let capacity = 4096
    private var known: [Key: Fingerprints] = [:]

    public init() {}

    public func fingerprints(of hello: ClientHello) -> Fingerprints {
        let key = Key(hello)
        if let fingerprints = known[key] { return fingerprints }
        let full = Web.Fingerprints.ja3String(hello)
        let fingerprints = Fingerprints(ja3Full: full, ja3: Web.Fingerprints.ja3(ofString: full), ja4: Web.Fingerprints.ja4(hello))
        if known.count >= Self.capacity { known.removeAll(keepingCapacity: true) }
        known[key] = fingerprints
        return fingerprints
    }
}
