/// A capture link-layer type, as numbered by tcpdump.org's LINKTYPE_ registry.
///
/// Open: a value we cannot decode is kept and reported, not rejected.
public struct LinkType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let null = LinkType(rawValue: 0)           // BSD loopback, host-order family
    public static let ethernet = LinkType(rawValue: 1)
    public static let rawDLT = LinkType(rawValue: 12)        // DLT_RAW on some BSDs/Linux (raw IP)
    public static let loop = LinkType(rawValue: 108)         // OpenBSD loopback, network-order family
    public static let raw = LinkType(rawValue: 101)          // raw IPv4 or IPv6
    public static let linuxSLL = LinkType(rawValue: 113)
    public static let linuxSLL2 = LinkType(rawValue: 276)
    public static let ipv4 = LinkType(rawValue: 228)
    public static let ipv6 = LinkType(rawValue: 229)

    public var description: String {
        switch self {
        case .null: "null"
        case .ethernet: "ethernet"
        case .raw, .rawDLT: "raw"
        case .loop: "loop"
        case .linuxSLL: "linux-sll"
        case .linuxSLL2: "linux-sll2"
        case .ipv4: "ipv4"
        case .ipv6: "ipv6"
        default: "linktype \(rawValue)"
        }
    }
}
