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
        guard case .v4(let value) = address else { return "[\(address)]:\(port)" }
        // Digit by digit into one buffer: every message record and ladder step names two.
        return String(unsafeUninitializedCapacity: 21) { buffer in
            var count = 0
            for octet in 0..<4 {
                let shift = UInt32(24 - 8 * octet)
                if octet > 0 { buffer[count] = UInt8(ascii: "."); count += 1 }
                count += IPAddress.writeDecimal(value >> shift & 0xFF, into: buffer, at: count)
            }
            buffer[count] = UInt8(ascii: ":")
            count += 1
            count += IPAddress.writeDecimal(UInt32(port), into: buffer, at: count)
            return count
        }
    }
}
