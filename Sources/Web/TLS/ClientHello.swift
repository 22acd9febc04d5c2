import Wire

/// A parsed ClientHello (RFC 8446 §4.1.2; TLS 1.0–1.2 share the layout):
///
/// ```
///  legacy_version(2) random(32) session_id<0..32> cipher_suites<2..2^16-2>
///  compression_methods<1..2^8-1> extensions<8..2^16-1>
/// ```
///
/// Every length is checked against what encloses it; a lie throws.
public struct ClientHello: Equatable, Sendable {
    public let legacyVersion: UInt16
    /// The 32-byte client random: the key under which a key log files this connection's secrets.
    public let random: [UInt8]
    public let sessionIDLength: Int
    public let cipherSuites: [UInt16]
    /// Extension types in the order sent, with their bodies.
    public let extensions: [TLSExtension]

    public var serverName: String? { extensions.lazy.compactMap(\.serverName).first }
    public var alpn: [String] { extensions.first { $0.type == 16 }.map(TLSExtension.alpnProtocols) ?? [] }
    public var supportedVersions: [UInt16] { extensions.first { $0.type == 43 }.map(TLSExtension.clientVersions) ?? [] }
    public var supportedGroups: [UInt16] { extensions.first { $0.type == 10 }.map(TLSExtension.uint16List) ?? [] }
    public var pointFormats: [UInt8] { extensions.first { $0.type == 11 }.map(TLSExtension.uint8List) ?? [] }
    public var signatureAlgorithms: [UInt16] { extensions.first { $0.type == 13 }.map(TLSExtension.uint16List) ?? [] }

    /// Resumption hints: a session id, a session ticket, a pre-shared key offer.
    public var resumption: [String] {
        var hints: [String] = []
        if sessionIDLength > 0 { hints.append("session-id") }
        if let ticket = extensions.first(where: { $0.type == 35 }), !ticket.data.isEmpty { hints.append("session-ticket") }
        if extensions.contains(where: { $0.type == 41 }) { hints.append("psk") }
        return hints
    }

    public init(parsing body: [UInt8]) throws(DecodeError) {
        var reader = TLSReader(body)
        legacyVersion = try reader.uint16("ClientHello version")
        random = try reader.bytes(32, "ClientHello random")
        let sessionID = try reader.vector8("session id")
        sessionIDLength = sessionID.count
        let suites = try reader.vector16("cipher suites")
        guard suites.count % 2 == 0 else { throw DecodeError(.invalidField, at: reader.offset, "odd cipher suite list length") }
        cipherSuites = stride(from: 0, to: suites.count, by: 2).map { UInt16(suites[$0]) << 8 | UInt16(suites[$0 + 1]) }
        _ = try reader.vector8("compression methods")
        extensions = reader.isAtEnd ? [] : try TLSExtension.parseList(try reader.vector16("extensions"))
    }
}
