import Wire

/// An event subscription (RFC 6665) as observed, with Lync's extensions: the first
/// NOTIFY piggy-backed in the 200 OK to SUBSCRIBE (`ms-piggyback-first-notify`) and
/// best-effort BENOTIFY.
public struct Subscription: Equatable, Sendable, Codable {
    /// `requested` (SUBSCRIBE sent), `pending`, `active`, `terminated`, `failed` (SUBSCRIBE refused).
    public enum State: String, Sendable, Codable {
        case requested, pending, active, terminated, failed
    }

    public let id: String
    public let event: String
    public internal(set) var state: State
    /// Seconds, from the last Expires or Subscription-State seen.
    public internal(set) var expires: Int?
    /// The 200 OK to SUBSCRIBE carried the first notification's body.
    public internal(set) var piggybackedNotify: Bool
    /// `reason=` of a terminated Subscription-State (timeout, rejected, deactivated…).
    public internal(set) var reason: String?
    public internal(set) var notifyCount: Int
}
