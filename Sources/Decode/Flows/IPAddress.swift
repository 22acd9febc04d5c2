import Wire

/// An IPv4 or IPv6 address, stored inline so that flow keys never allocate.
public enum IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    case v4(UInt32)
    case v6(UInt64, UInt64)

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .v4(let value):
            hasher.combine(UInt64(value))
        case .v6(let high, let low):
            hasher.combine(high)
            hasher.combine(low)
        }
    }

    init(ipv4 bytes: UnsafeRawBufferPointer) {
        self = .v4(UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3]))
    }

    init(ipv6 bytes: UnsafeRawBufferPointer) {
        var high: UInt64 = 0, low: UInt64 = 0
        for index in 0..<8 { high = high << 8 | UInt64(bytes[index]) }
        for index in 8..<16 { low = low << 8 | UInt64(bytes[index]) }
        self = .v6(high, low)
    }

    public var isIPv6: Bool {
        if case .v6 = self { return true }
        return false
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        switch (lhs, rhs) {
        case let (.v4(a), .v4(b)): a < b
        case let (.v6(a1, a2), .v6(b1, b2)): (a1, a2) < (b1, b2)
        case (.v4, .v6): true
        case (.v6, .v4): false
        }
    }

    /// Dotted quad, or RFC 5952 text (lower case, longest zero run compressed).
    public var description: String {
        switch self {
        case .v4(let value):
            return String(unsafeUninitializedCapacity: Self.dottedQuadCapacity) { Self.writeDottedQuad(value, into: $0) }
        case .v6(let high, let low):
            let groups = (0..<8).map { index -> UInt16 in
                let word = index < 4 ? high : low
                return UInt16(truncatingIfNeeded: word >> (UInt64(3 - index % 4) * 16))
            }
            return Self.rfc5952(groups)
        }
    }

    /// The most a dotted quad takes: `255.255.255.255`.
    static let dottedQuadCapacity = 15

    /// Writes `value` as a dotted quad at the start of `buffer` (at least
    /// `dottedQuadCapacity` bytes) and returns its length. One to three digits an octet, each
    /// by a division by a constant: no digit count to find.
    static func writeDottedQuad(_ value: UInt32, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        for octet in 0..<4 {
            if octet > 0 { buffer[count] = UInt8(ascii: "."); count += 1 }
            let byte = UInt8(truncatingIfNeeded: value >> UInt32(24 - 8 * octet))
            if byte >= 100 { buffer[count] = UInt8(ascii: "0") + byte / 100; count += 1 }
            if byte >= 10 { buffer[count] = UInt8(ascii: "0") + byte / 10 % 10; count += 1 }
            buffer[count] = UInt8(ascii: "0") + byte % 10
            count += 1
        }
        return count
    }

    private static func rfc5952(_ groups: [UInt16]) -> String {
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...8 {
            if index < 8, groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength { bestStart = runStart; bestLength = index - runStart }
                runStart = -1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestLength >= 2 else { return hex.joined(separator: ":") }
        let head = hex[0..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}
