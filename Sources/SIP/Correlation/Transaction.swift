import Wire

/// One SIP transaction as observed: the request, its provisional and final responses.
public struct Transaction: Equatable, Sendable {
    public let id: String
    public let method: SIPMethod
    public let firstFrame: UInt64
    public let start: Timestamp
    /// Status codes of provisional responses, in order, retransmissions left out.
    public internal(set) var provisionalStatuses: [Int] = []
    public internal(set) var finalStatus: Int?
    public internal(set) var finalTime: Timestamp?
    /// Seconds from the first request to the first final response.
    public var responseTime: Double? { finalTime.map { $0.seconds(since: start) } }
    /// BENOTIFY and ACK expect no response.
    public let expectsResponse: Bool
    public internal(set) var retransmissionCount = 0
    /// Set when the request was an ACK that belongs to this INVITE transaction's non-2xx final.
    public internal(set) var sawAck = false
    public internal(set) var lastActivity: Timestamp

    public var isComplete: Bool { finalStatus != nil || !expectsResponse }
}
