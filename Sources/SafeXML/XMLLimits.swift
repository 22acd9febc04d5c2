/// Bounds on a parsed document. SIP payloads are small; a Lync contact list or RLMI
/// NOTIFY reaches a few hundred KB and a few thousand elements.
public struct XMLLimits: Sendable, Equatable {
    public var maximumBytes: Int = 4 << 20
    public var maximumDepth: Int = 64
    public var maximumElements: Int = 100_000

    public init() {}

    public static let `default` = XMLLimits()
}
