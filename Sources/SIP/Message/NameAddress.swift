/// A From/To/Contact style value: optional display name, URI, parameters (RFC 3261 §20.10).
///
/// `"Alice" <sip:alice@contoso.com>;tag=1928301774` → uri `sip:alice@contoso.com`, tag `1928301774`.
/// Without angle brackets the URI runs to the first `;`, whose parameters belong to the header.
public struct NameAddress: Equatable, Sendable {
    public struct Parameter: Equatable, Sendable {
        /// Lower-cased.
        public let name: String
        /// "" for a flag parameter.
        public let value: String
    }

    public let displayName: String?
    public let uri: String
    /// Header parameters (after the URI) in written order. A short list, not a dictionary:
    /// every From and To of every message has one.
    public let parameterList: [Parameter]

    public var tag: String? { parameter("tag") }

    /// The first parameter of that (lower-case) name.
    public func parameter(_ name: String) -> String? {
        parameterList.first { $0.name == name }?.value
    }

    /// Header parameters by lower-cased name (the first of a repeated name wins).
    public var parameters: [String: String] {
        Dictionary(parameterList.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    public init(parsing value: String) {
        let text = value.trimmingSpaces
        let utf8 = text.utf8
        if let open = utf8.firstIndex(of: UInt8(ascii: "<")),
           let close = utf8[open...].firstIndex(of: UInt8(ascii: ">")) {
            let display = text[..<open].trimmingSpaces.trimmingQuotes
            displayName = display.isEmpty ? nil : display
            uri = String(text[utf8.index(after: open)..<close])
            parameterList = Self.parameters(text[utf8.index(after: close)...])
        } else {
            displayName = nil
            let semicolon = utf8.firstIndex(of: UInt8(ascii: ";")) ?? utf8.endIndex
            uri = String(text[..<semicolon]).trimmingSpaces
            parameterList = Self.parameters(text[semicolon...])
        }
    }

    private static func parameters(_ text: Substring) -> [Parameter] {
        var result: [Parameter] = []
        for part in text.split(outsideQuotesAt: UInt8(ascii: ";")) {
            let equals = part.utf8.firstIndex(of: UInt8(ascii: "="))
            let name = part[..<(equals ?? part.endIndex)].trimmingSpaces
            guard !name.isEmpty else { continue }
            let value = equals.map { part[part.utf8.index(after: $0)...].trimmingSpaces } ?? ""
            result.append(Parameter(name: name.lowercased(), value: value))
        }
        return result
    }
}

extension Substring {
    /// The non-empty parts between `separator`s outside quoted strings
    /// (`gruu="sip:a@b;opaque=…;gruu"` stays one part). Scans bytes: the separator and `"`
    /// are ASCII, so every cut falls on a character boundary.
    public func split(outsideQuotesAt separator: UInt8) -> [Substring] {
        var parts: [Substring] = []
        var start = utf8.startIndex
        var inQuotes = false
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if byte == separator, !inQuotes {
                if start < index { parts.append(self[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start < utf8.endIndex { parts.append(self[start...]) }
        return parts
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs, found by bytes (both are
    /// ASCII, so the cut falls between scalars).
    var trimmingSpaces: String {
        String(Substring(self).utf8.trimmingSpacesAndTabs) ?? ""
    }

    var trimmingQuotes: String {
        let utf8 = Substring(self).utf8
        let quote = UInt8(ascii: "\"")
        guard utf8.count >= 2, utf8.first == quote, utf8.last == quote else { return String(self) }
        return String(utf8.dropFirst().dropLast()) ?? String(self)
    }
}
