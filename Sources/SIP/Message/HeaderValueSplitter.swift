/// Splits a header value at the commas that separate values (RFC 3261 §7.3.1), ignoring
/// commas inside quoted strings and angle brackets (`"Smith, J" <sip:j@x>, <sip:k@x>`).
enum HeaderValueSplitter {
    static func split(_ value: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var inQuotes = false, inAngle = false, escaped = false
        for character in value {
            if escaped { escaped = false; current.append(character); continue }
            switch character {
            case "\\" where inQuotes: escaped = true
            case "\"": inQuotes.toggle()
            case "<" where !inQuotes: inAngle = true
            case ">" where !inQuotes: inAngle = false
            case "," where !inQuotes && !inAngle:
                parts.append(current.trimmingSpaces)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        let last = current.trimmingSpaces
        if !last.isEmpty || parts.isEmpty { parts.append(last) }
        return parts
    }
}
