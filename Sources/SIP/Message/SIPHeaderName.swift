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
        let lowered = name.withUTF8Bytes { $0.lowercasedString(0..<$0.count) }
        // Every compact form is one letter: longer names need no lookup.
        canonical = lowered.utf8.count == 1 ? Self.compactForms[lowered] ?? lowered : lowered
        wellKnownNumber = Self.wellKnownNumbers[canonical] ?? 0
    }

    /// The name as written on the wire, recognised without making text of it when it is
    /// one the stages read or a compact form.
    init(bytes: UnsafeRawBufferPointer) {
        let bytes = bytes.assumingMemoryBound(to: UInt8.self)
        if bytes.count == 1, bytes[0] < 0x80, let full = Self.compactFormsByByte[Int(bytes[0].lowercasedASCII)] {
            self.init(wellKnown: full)
        } else if bytes.count < Self.wellKnownByLength.count,
                  let known = Self.wellKnownByLength[bytes.count].first(where: { bytes.equalsIgnoringASCIICase($0.name, in: 0..<bytes.count) }) {
            self.init(canonical: known.name, number: known.number)
        } else {
            self.init(wellKnown: bytes.lowercasedString(0..<bytes.count))
        }
    }

    /// `canonical` is already lower-case and expanded.
    private init(wellKnown canonical: String) {
        self.init(canonical: canonical, number: Self.wellKnownNumbers[canonical] ?? 0)
    }

    private init(canonical: String, number: UInt8) {
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

    /// Every compact form in the IANA SIP header registry.
    static let compactForms: [String: String] = [
        "i": "call-id", "f": "from", "t": "to", "m": "contact", "l": "content-length",
        "c": "content-type", "v": "via", "k": "supported", "s": "subject", "e": "content-encoding",
        "o": "event", "u": "allow-events", "r": "refer-to", "b": "referred-by", "x": "session-expires",
        "y": "identity", "a": "accept-contact", "d": "request-disposition", "j": "reject-contact",
        "n": "identity-info",
    ]

    /// The names some stage reads; any other name works the same, compared as text.
    static let wellKnown = [
        "call-id", "from", "to", "cseq", "via", "contact", "content-type", "content-length", "event", "expires",
        "user-agent", "server", "upgrade", "subscription-state", "ms-text-format",
        "ms-diagnostics", "ms-diagnostics-public", "ms-client-diagnostics",
        "www-authenticate", "proxy-authenticate", "authentication-info", "authorization", "proxy-authorization",
    ]
    private static let wellKnownNumbers = Dictionary(uniqueKeysWithValues: wellKnown.enumerated().map { ($1, UInt8($0 + 1)) })
    private static let wellKnownByLength: [[(name: String, number: UInt8)]] = {
        var table = Array(repeating: [(name: String, number: UInt8)](), count: (wellKnown.map(\.utf8.count).max() ?? 0) + 1)
        for (name, number) in wellKnownNumbers { table[name.utf8.count].append((name, number)) }
        return table
    }()
    private static let compactFormsByByte: [String?] = (0..<128).map { byte in
        compactForms[String(UnicodeScalar(UInt8(byte)))]
    }

    public static let callID = SIPHeaderName("Call-ID")
    public static let from = SIPHeaderName("From")
    public static let to = SIPHeaderName("To")
    public static let cseq = SIPHeaderName("CSeq")
    public static let via = SIPHeaderName("Via")
    public static let contact = SIPHeaderName("Contact")
    public static let contentType = SIPHeaderName("Content-Type")
    public static let contentLength = SIPHeaderName("Content-Length")
    public static let event = SIPHeaderName("Event")
    public static let expires = SIPHeaderName("Expires")
    public static let userAgent = SIPHeaderName("User-Agent")
    public static let server = SIPHeaderName("Server")
    public static let upgrade = SIPHeaderName("Upgrade")
    public static let subscriptionState = SIPHeaderName("Subscription-State")
}
