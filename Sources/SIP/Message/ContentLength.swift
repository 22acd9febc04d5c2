/// Reads Content-Length from parsed headers (RFC 3261 §20.14).
enum ContentLength {
    enum Value: Equatable {
        case absent
        case valid(Int)
        /// Present but not a non-negative decimal number.
        case invalid(String)
    }

    static func of(_ headers: [SIPHeader]) -> Value {
        guard let header = headers.first(where: { $0.name == .contentLength }) else { return .absent }
        let text = header.value.trimmingSpaces
        guard !text.isEmpty, text.utf8.count <= 12, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let number = Int(text) else { return .invalid(header.value) }
        return .valid(number)
    }
}
