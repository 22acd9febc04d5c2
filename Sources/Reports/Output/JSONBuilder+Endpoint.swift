import Decode

extension JSONBuilder {
    /// An endpoint's text, an IPv4 one written in place (it needs no escaping).
    public mutating func member(_ name: StaticString, _ endpoint: Endpoint) {
        key(name)
        if !quotedInPlace(capacity: Endpoint.ipv4TextCapacity, { endpoint.writeIPv4(into: $0) }) {
            string(endpoint.description)
        }
    }
}
