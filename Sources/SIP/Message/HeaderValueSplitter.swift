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

    /// Scans bytes: the delimiters are ASCII, so every cut falls on a character boundary.
    private static func forEachValue(of value: String, _ body: (String) -> Bool) {
        let utf8 = value.utf8
        var inQuotes = false, inAngle = false, escaped = false
        var start = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if escaped {
                escaped = false
            } else {
                switch byte {
                case UInt8(ascii: "\\") where inQuotes: escaped = true
                case UInt8(ascii: "\""): inQuotes.toggle()
                case UInt8(ascii: "<") where !inQuotes: inAngle = true
                case UInt8(ascii: ">") where !inQuotes: inAngle = false
                case UInt8(ascii: ",") where !inQuotes && !inAngle:
                    guard body(String(Substring(value[start..<index].utf8.trimmingSpacesAndTabs))) else { return }
                    start = utf8.index(after: index)
                default: break
                }
            }
            index = utf8.index(after: index)
        }
        let last = String(Substring(value[start...].utf8.trimmingSpacesAndTabs))
        // A trailing empty piece is dropped, unless it is the only one.
        if !last.isEmpty || start == utf8.startIndex { _ = body(last) }
    }
}
