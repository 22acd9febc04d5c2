import Wire

/// An IP address and a transport port.
public struct Endpoint: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let address: IPAddress
    public let port: UInt16

    public init(address: IPAddress, port: UInt16) {
        self.address = address
        self.port = port
    }

    /// An IPv4 endpoint as one word: endpoints fill the sets of every ladder's participants.
    public func hash(into hasher: inout Hasher) {
        switch address {
        case .v4(let value):
            hasher.combine(UInt64(value) << 16 | UInt64(port))
        case .v6(let high, let low):
            hasher.combine(high)
            hasher.combine(low)
            hasher.combine(port)
        }
    }

    public static func < (lhs: Endpoint, rhs: Endpoint) -> Bool {
        (lhs.address, lhs.port) < (rhs.address, rhs.port)
    }

    /// `10.0.0.5:5060`, or `[2001:db8::1]:5060` for IPv6.
    public var description: String {
        guard case .v4 = address else { return "[\(address)]:\(port)" }
        // Digit by digit into one buffer: every message record and ladder step names two.
        return String(unsafeUninitializedCapacity: Self.ipv4TextCapacity) { writeIPv4(into: $0) ?? 0 }
    }

    /// The most an IPv4 endpoint's text takes: `255.255.255.255:65535`.
    public static let ipv4TextCapacity = 21

    /// Writes an IPv4 endpoint's text into `buffer` (at least `ipv4TextCapacity` bytes) and
    /// returns its length; nil for IPv6, whose text `description` makes. A report writes
    /// two endpoints for every step, straight into its output.
    public func writeIPv4(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        guard case .v4(let value) = address, buffer.count >= Self.ipv4TextCapacity else { return nil }
        var count = IPAddress.writeDottedQuad(value, into: buffer)
        buffer[count] = UInt8(ascii: ":")
        count += 1
        count += buffer.writeDecimal(UInt64(port), at: count)
        return count
    }
}
