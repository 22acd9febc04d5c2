import Decode

extension JSONBuilder {
    /// An endpoint's text, an IPv4 one written in place (it needs no escaping).
    public mutating func member(_ name: StaticString, _ endpoint: Endpoint) {
        key(name)
        let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Endpoint.ipv4TextCapacity) { buffer -> Bool in
            guard let length = endpoint.writeIPv4(into: buffer) else { return false }
            append(UInt8(ascii: "\""))
            append(UnsafeBufferPointer(rebasing: buffer[..<length]))
            append(UInt8(ascii: "\""))
            return true
        }
        if !written { string(endpoint.description) }
    }
}
