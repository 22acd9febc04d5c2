/// A From/To/Contact style value: optional display name, URI, parameters (RFC 3261 §20.10).
///
/// `"Alice" <sip:alice@contoso.com>;tag=1928301774` → uri `sip:alice@contoso.com`, tag `1928301774`.
/// Without angle brackets the URI runs to the first `;`, whose parameters belong to the header.
public struct NameAddress: Equatable, Sendable {
    public let displayName: String?
    public let uri: String
    /// Header parameters (after the URI), names lower-cased; a flag parameter maps to "".
    public let parameters: [String: String]

    public var tag: String? { parameters["tag"] }

    public init(parsing value: String) {
        let text = value.trimmingSpaces
        if let open = text.firstIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            let display = text[..<open].trimmingSpaces.trimmingQuotes
            displayName = display.isEmpty ? nil : display
            uri = String(text[text.index(after: open)..<close])
            parameters = Self.parameters(text[text.index(after: close)...])
        } else {
            displayName = nil
            let semicolon = text.firstIndex(of: ";") ?? text.endIndex
            uri = String(text[..<semicolon]).trimmingSpaces
            parameters = Self.parameters(text[semicolon...])
        }
    }

    private static func parameters(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        for part in splitOutsideQuotes(text) {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard let name = pair.first?.trimmingSpaces, !name.isEmpty else { continue }
            let key = name.lowercased()
            if result[key] == nil { result[key] = pair.count > 1 ? pair[1].trimmingSpaces : "" }
        }
        return result
    }
}

/// Splits at `;` except inside quoted strings (`gruu="sip:a@b;opaque=…;gruu"`).
private func splitOutsideQuotes(_ text: Substring) -> [Substring] {
    var parts: [Substring] = []
    var start = text.startIndex
    var inQuotes = false
    var index = text.startIndex
    while index < text.endIndex {
        let character = text[index]
        if character == "\"" { inQuotes.toggle() }
        if character == ";", !inQuotes {
            if start < index { parts.append(text[start..<index]) }
            start = text.index(after: index)
        }
        index = text.index(after: index)
    }
    if start < text.endIndex { parts.append(text[start...]) }
    return parts
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace = { (character: Character) in character == " " || character == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }),
              let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }

    var trimmingQuotes: String {
        guard count >= 2, hasPrefix("\""), hasSuffix("\"") else { return String(self) }
        return String(dropFirst().dropLast())
    }
}
