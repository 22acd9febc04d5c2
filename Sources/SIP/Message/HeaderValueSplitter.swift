import Wire

/// Splits a header value at the commas that separate values (RFC 3261 §7.3.1), ignoring
/// commas inside quoted strings and angle brackets (`"Smith, J" <sip:j@x>, <sip:k@x>`).
enum HeaderValueSplitter {
    static func split(_ value: String) -> [String] {
        var parts: [String] = []
        forEachValue(of: value) { parts.append($0); return true }
        return parts
    }

    /// The first value only: what the Via of a transaction needs, without splitting the rest.
    static func first(_ value: String) -> String {
        var first = ""
        forEachValue(of: value) { first = $0; return false }
        return first
    }

    /// Scans bytes in place: the delimiters are ASCII, so every cut falls on a character
    /// boundary, and only the values become text.
    private static func forEachValue(of value: String, _ body: (String) -> Bool) {
        value.withUTF8Bytes { bytes in
            var inQuotes = false, inAngle = false, escaped = false
            var start = 0
            for index in 0..<bytes.count {
                if escaped {
                    escaped = false
                    continue
                }
                switch bytes[index] {
                case UInt8(ascii: "\\") where inQuotes: escaped = true
                case UInt8(ascii: "\""): inQuotes.toggle()
                case UInt8(ascii: "<") where !inQuotes: inAngle = true
                case UInt8(ascii: ">") where !inQuotes: inAngle = false
                case UInt8(ascii: ",") where !inQuotes && !inAngle:
                    guard body(bytes.string(bytes.trimmingSpaces(start..<index))) else { return }
                    start = index + 1
                default: break
                }
            }
            let last = bytes.trimmingSpaces(start..<bytes.count)
            // A trailing empty piece is dropped, unless it is the only one.
            if !last.isEmpty || start == 0 { _ = body(bytes.string(last)) }
        }
    }
}
