/// Identifies a transport flow the same way in both directions.
///
/// The endpoints are stored in sorted order; `Direction` says which way a packet went.
public struct FlowKey: Hashable, Sendable {
    public enum TransportProtocol: UInt8, Sendable {
        case udp = 17
        case tcp = 6
    }

    public let lower: Endpoint
    public let upper: Endpoint
    public let transport: TransportProtocol

    /// The key of a packet from `source` to `destination`, and the direction it went.
    public static func of(source: Endpoint, destination: Endpoint,
                          transport: TransportProtocol) -> (key: FlowKey, direction: Direction) {
        if source <= destination {
            return (FlowKey(lower: source, upper: destination, transport: transport), .lowerToUpper)
        }
        return (FlowKey(lower: destination, upper: source, transport: transport), .upperToLower)
    }

    /// Two words for an IPv4 flow instead of seven fields one by one: every TCP segment
    /// looks its connection up by this key.
    public func hash(into hasher: inout Hasher) {
        if case .v4(let lowerAddress) = lower.address, case .v4(let upperAddress) = upper.address {
            hasher.combine(UInt64(lowerAddress) << 32 | UInt64(upperAddress))
            hasher.combine(UInt64(lower.port) << 24 | UInt64(upper.port) << 8 | UInt64(transport.rawValue))
        } else {
            hasher.combine(lower)
            hasher.combine(upper)
            hasher.combine(transport)
        }
    }

    public func source(of direction: Direction) -> Endpoint {
        direction == .lowerToUpper ? lower : upper
    }

    public func destination(of direction: Direction) -> Endpoint {
        direction == .lowerToUpper ? upper : lower
    }
}

/// Which way along a `FlowKey` a packet travelled.
public enum Direction: Int, Hashable, Sendable {
    case lowerToUpper = 0
    case upperToLower = 1

    public var reversed: Direction { self == .lowerToUpper ? .upperToLower : .lowerToUpper }
}
