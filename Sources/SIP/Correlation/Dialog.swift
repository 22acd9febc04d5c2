import Wire

/// A dialog (RFC 3261 §12) as observed: Call-ID and the two tags, its state, and the
/// method that created it.
///
/// ```
///   (INVITE/SUBSCRIBE/REFER sent) ──1xx with To tag──► early ──2xx──► confirmed
///          │                                  │                         │
///          └───────────── non-2xx final ──────┴──────► terminated ◄─────┘ BYE answered,
///                                                                         subscription ended
/// ```
public struct Dialog: Equatable, Sendable {
    public enum State: String, Sendable, Codable {
        /// Created by a request; no response with a To tag yet.
        case initiated
        case early
        case confirmed
        case terminated
    }

    public let id: String
    public let callID: String
    public let localTag: String
    public internal(set) var remoteTag: String?
    public let method: SIPMethod
    public internal(set) var state: State
    public let start: Timestamp
    public internal(set) var lastActivity: Timestamp
}
