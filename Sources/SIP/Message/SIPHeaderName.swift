import Wire

/// A header name, compared case-insensitively with compact forms expanded
/// (RFC 3261 §7.3.3 and the registrations that followed it).
public struct SIPHeaderName: Hashable, Sendable, CustomStringConvertible {
    /// Lower-case full name: the key headers are compared by.
    public let canonical: String
    /// Position in `wellKnown` plus one, or 0: the names the stages look for compare and
    /// hash as a number, not as text, on every header of every message.
    @usableFromInline let wellKnownNumber: UInt8

    public init(_ name: String) {
        self = name.withUTF8Bytes { SIPHeaderName(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The name as written on the wire, recognised without making text of it when it is
    /// one the stages read or a compact form.
    init(bytes: UnsafeRawBufferPointer) {
        let bytes = bytes.assumingMemoryBound(to: UInt8.self)
        if bytes.count == 1, bytes[0] < 0x80, let full = Self.compactFormsByByte[Int(bytes[0].lowercasedASCII)] {
            self = full
        } else if bytes.count < Self.wellKnownByLength.count,
                  let known = Self.wellKnownByLength[bytes.count].first(where: { Self.equalIgnoringCase(bytes, $0.bytes) }) {
            self = known.name
        } else {
            self.init(canonical: bytes.lowercasedString(0..<bytes.count), number: 0)
        }
    }

    @usableFromInline init(canonical: String, number: UInt8) {
        self.canonical = canonical
        wellKnownNumber = number
    }

    public var description: String { canonical }

    @inlinable public static func == (lhs: SIPHeaderName, rhs: SIPHeaderName) -> Bool {
        lhs.wellKnownNumber == rhs.wellKnownNumber && (lhs.wellKnownNumber != 0 || lhs.canonical == rhs.canonical)
    }

    public func hash(into hasher: inout Hasher) {
        if wellKnownNumber != 0 { hasher.combine(wellKnownNumber) } else { hasher.combine(canonical) }
    }

    // The names some stage reads, each its number; `wellKnown` lists them in that order.
    @inlinable public static var callID: SIPHeaderName { SIPHeaderName(canonical: "call-id", number: 1) }
    @inlinable public static var from: SIPHeaderName { SIPHeaderName(canonical: "from", number: 2) }
    @inlinable public static var to: SIPHeaderName { SIPHeaderName(canonical: "to", number: 3) }
    @inlinable public static var cseq: SIPHeaderName { SIPHeaderName(canonical: "cseq", number: 4) }
    @inlinable public static var via: SIPHeaderName { SIPHeaderName(canonical: "via", number: 5) }
    @inlinable public static var contact: SIPHeaderName { SIPHeaderName(canonical: "contact", number: 6) }
    @inlinable public static var contentType: SIPHeaderName { SIPHeaderName(canonical: "content-type", number: 7) }
    @inlinable public static var contentLength: SIPHeaderName { SIPHeaderName(canonical: "content-length", number: 8) }
    @inlinable public static var event: SIPHeaderName { SIPHeaderName(canonical: "event", number: 9) }
    @inlinable public static var expires: SIPHeaderName { SIPHeaderName(canonical: "expires", number: 10) }
    @inlinable public static var userAgent: SIPHeaderName { SIPHeaderName(canonical: "user-agent", number: 11) }
    @inlinable public static var server: SIPHeaderName { SIPHeaderName(canonical: "server", number: 12) }
    @inlinable public static var upgrade: SIPHeaderName { SIPHeaderName(canonical: "upgrade", number: 13) }
    @inlinable public static var subscriptionState: SIPHeaderName { SIPHeaderName(canonical: "subscription-state", number: 14) }
    @inlinable public static var msTextFormat: SIPHeaderName { SIPHeaderName(canonical: "ms-text-format", number: 15) }
    @inlinable public static var msDiagnostics: SIPHeaderName { SIPHeaderName(canonical: "ms-diagnostics", number: 16) }
    @inlinable public static var msDiagnosticsPublic: SIPHeaderName { SIPHeaderName(canonical: "ms-diagnostics-public", number: 17) }
    @inlinable public static var msClientDiagnostics: SIPHeaderName { SIPHeaderName(canonical: "ms-client-diagnostics", number: 18) }
    @inlinable public static var wwwAuthenticate: SIPHeaderName { SIPHeaderName(canonical: "www-authenticate", number: 19) }
    @inlinable public static var proxyAuthenticate: SIPHeaderName { SIPHeaderName(canonical: "proxy-authenticate", number: 20) }
    @inlinable public static var authenticationInfo: SIPHeaderName { SIPHeaderName(canonical: "authentication-info", number: 21) }
    @inlinable public static var authorization: SIPHeaderName { SIPHeaderName(canonical: "authorization", number: 22) }
    @inlinable public static var proxyAuthorization: SIPHeaderName { SIPHeaderName(canonical: "proxy-authorization", number: 23) }

    /// In number order (`wellKnown[n - 1]` has number n).
    static let wellKnown: [SIPHeaderName] = [
        .callID, .from, .to, .cseq, .via, .contact, .contentType, .contentLength, .event, .expires,
        .userAgent, .server, .upgrade, .subscriptionState, .msTextFormat,
        .msDiagnostics, .msDiagnosticsPublic, .msClientDiagnostics,
        .wwwAuthenticate, .proxyAuthenticate, .authenticationInfo, .authorization, .proxyAuthorization,
    ]

    /// Every compact form in the IANA SIP header registry.
    static let compactForms: [String: String] = [
        "i": "call-id", "f": "from", "t": "to", "m": "contact", "l": "content-length",
        "c": "content-type", "v": "via", "k": "supported", "s": "subject", "e": "content-encoding",
        "o": "event", "u": "allow-events", "r": "refer-to", "b": "referred-by", "x": "session-expires",
        "y": "identity", "a": "accept-contact", "d": "request-disposition", "j": "reject-contact",
        "n": "identity-info",
    ]

    private static let wellKnownByLength: [[(name: SIPHeaderName, bytes: [UInt8])]] = {
        var table = Array(repeating: [(name: SIPHeaderName, bytes: [UInt8])](),
                          count: (wellKnown.map(\.canonical.utf8.count).max() ?? 0) + 1)
        for name in wellKnown { table[name.canonical.utf8.count].append((name, Array(name.canonical.utf8))) }
        return table
    }()

    /// A compact form's full name, well-known number included.
    private static let compactFormsByByte: [SIPHeaderName?] = (0..<128).map { byte in
        compactForms[String(UnicodeScalar(UInt8(byte)))].map { full in
            wellKnown.first { $0.canonical == full } ?? SIPHeaderName(canonical: full, number: 0)
        }
    }

    /// `lowercase` is lower-case ASCII of the same length as `bytes`.
    private static func equalIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercase: [UInt8]) -> Bool {
        for index in 0..<lowercase.count where bytes[index].lowercasedASCII != lowercase[index] { return false }
        return true
    }
}
