import Wire

/// A parsed ServerHello (RFC 8446 §4.1.3). In TLS 1.3 the negotiated version is in the
/// supported_versions extension; a HelloRetryRequest is a ServerHello with a fixed random.
public struct ServerHello: Equatable, Sendable {
    public let legacyVersion: UInt16
    public let cipherSuite: UInt16
    public let extensions: [TLSExtension]
    public let isHelloRetryRequest: Bool

    /// The version actually negotiated.
    public var version: UInt16 {
        extensions.first { $0.type == 43 }.flatMap { TLSExtension.uint16List(prefixed: false, $0).first } ?? legacyVersion
    }

    public var alpn: String? { extensions.first { $0.type == 16 }.flatMap { TLSExtension.alpnProtocols($0).first } }

    /// SHA-256 of "HelloRetryRequest" (RFC 8446 §4.1.3).
    static let helloRetryRandom: [UInt8] = [
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    ]

    public init(parsing body: [UInt8]) throws(DecodeError) {
        var reader = TLSReader(body)
        legacyVersion = try reader.uint16("ServerHello version")
        let random = try reader.bytes(32, "ServerHello random")
        isHelloRetryRequest = random == Self.helloRetryRandom
        _ = try reader.vector8("session id")
        cipherSuite = try reader.uint16("cipher suite")
        try reader.skip(1, "compression method")
        extensions = reader.isAtEnd ? [] : try TLSExtension.parseList(try reader.vector16("extensions"))
    }
}
