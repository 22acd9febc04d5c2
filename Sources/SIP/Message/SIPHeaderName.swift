/// A header name, compared case-insensitively with compact forms expanded
/// (RFC 3261 §7.3.3 and the registrations that followed it).
public struct SIPHeaderName: Hashable, Sendable, CustomStringConvertible {
    /// Lower-case full name: the key headers are compared by.
    public let canonical: String

    public init(_ name: String) {
        let lowered = name.lowercased()
        // Every compact form is one letter: longer names need no lookup.
        canonical = lowered.utf8.count == 1 ? Self.compactForms[lowered] ?? lowered : lowered
    }

    public var description: String { canonical }

    /// Every compact form in the IANA SIP header registry.
    static let compactForms: [String: String] = [
        "i": "call-id", "f": "from", "t": "to", "m": "contact", "l": "content-length",
        "c": "content-type", "v": "via", "k": "supported", "s": "subject", "e": "content-encoding",
        "o": "event", "u": "allow-events", "r": "refer-to", "b": "referred-by", "x": "session-expires",
        "y": "identity", "a": "accept-contact", "d": "request-disposition", "j": "reject-contact",
        "n": "identity-info",
    ]

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
}
