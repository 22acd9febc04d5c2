/// A SIP request method. Open: SERVICE, BENOTIFY and any method not yet invented
/// round-trip unchanged, as the token written on the wire (RFC 3261 §7.1, case-sensitive).
public struct SIPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static let invite = SIPMethod("INVITE")
    public static let ack = SIPMethod("ACK")
    public static let bye = SIPMethod("BYE")
    public static let cancel = SIPMethod("CANCEL")
    public static let register = SIPMethod("REGISTER")
    public static let options = SIPMethod("OPTIONS")
    public static let subscribe = SIPMethod("SUBSCRIBE")
    public static let notify = SIPMethod("NOTIFY")
    public static let publish = SIPMethod("PUBLISH")
    public static let message = SIPMethod("MESSAGE")
    public static let info = SIPMethod("INFO")
    public static let update = SIPMethod("UPDATE")
    public static let prack = SIPMethod("PRACK")
    public static let refer = SIPMethod("REFER")
    /// Microsoft: roaming data and contact-list operations ([MS-SIP]).
    public static let service = SIPMethod("SERVICE")
    /// Microsoft: a NOTIFY that expects no response ([MS-SIP] best-effort NOTIFY).
    public static let benotify = SIPMethod("BENOTIFY")

    public var description: String { rawValue }
}
