/// How a SIP message travelled.
public enum SIPTransport: String, Sendable, Codable {
    case udp
    case tcp
    /// SIP inside TLS records (only when decrypted).
    case tls
    /// SIP over WebSocket (RFC 7118).
    case ws
}
