/// Reads Content-Length from parsed header fields (RFC 3261 §20.14).
enum ContentLength {
    enum Value: Equatable {
        case absent
        case valid(Int)
        /// Present but not a non-negative decimal number.
        case invalid(String)
    }

    static func of(_ fields: SIPHeaderFields) -> Value {
        guard let index = fields.firstIndex(of: .contentLength) else { return .absent }
        // Read as bytes: the value is made text only to report it.
        let number = fields.withValueBytes(at: index) { bytes -> Int? in
            guard !bytes.isEmpty, bytes.count <= 12 else { return nil }
            var number = 0
            for byte in bytes {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                number = number * 10 + Int(byte - 0x30)
            }
            return number
        }
        return number.map { .valid($0) } ?? .invalid(fields.value(at: index))
    }
}
