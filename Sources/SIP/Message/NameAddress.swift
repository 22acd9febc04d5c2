import Wire

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
        self = value.withUTF8Bytes { Self(bytes: $0) }
    }

    init(bytes: UnsafeBufferPointer<UInt8>) {
        let text = bytes.trimmingSpaces(0..<bytes.count)
        if let open = bytes.firstIndex(of: UInt8(ascii: "<"), in: text),
           let close = bytes.firstIndex(of: UInt8(ascii: ">"), in: open..<text.upperBound) {
            let display = bytes.trimmingQuotes(bytes.trimmingSpaces(text.lowerBound..<open))
            displayName = display.isEmpty ? nil : bytes.string(display)
            uri = bytes.string((open + 1)..<close)
            parameterList = Self.parameters(bytes, (close + 1)..<text.upperBound)
        } else {
            displayName = nil
            let semicolon = bytes.firstIndex(of: UInt8(ascii: ";"), in: text) ?? text.upperBound
            uri = bytes.string(bytes.trimmingSpaces(text.lowerBound..<semicolon))
            parameterList = Self.parameters(bytes, semicolon..<text.upperBound)
        }
    }

    /// The names nearly every From and To carries, as text made once.
    private static func knownName(_ bytes: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> String? {
        if bytes.equalsIgnoringASCIICase(name, "tag") { return "tag" }
        if bytes.equalsIgnoringASCIICase(name, "epid") { return "epid" }
        return nil
    }

    /// `;name=value` pairs, split at the semicolons outside quoted strings.
    private static func parameters(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Parameter] {
        var result: [Parameter] = []
        var start = range.lowerBound, inQuotes = false
        func add(_ part: Range<Int>) {
            guard !part.isEmpty else { return }
            let equals = bytes.firstIndex(of: UInt8(ascii: "="), in: part)
            let name = bytes.trimmingSpaces(part.lowerBound..<(equals ?? part.upperBound))
            guard !name.isEmpty else { return }
            let value = equals.map { bytes.string(bytes.trimmingSpaces(($0 + 1)..<part.upperBound)) } ?? ""
            // Room for the usual tag and epid and two more at once, not grown one by one.
            if result.isEmpty { result.reserveCapacity(4) }
            result.append(Parameter(name: knownName(bytes, name) ?? bytes.lowercasedString(name), value: value))
        }
        for index in range {
            switch bytes[index] {
            case UInt8(ascii: "\""): inQuotes.toggle()
            case UInt8(ascii: ";") where !inQuotes:
                add(start..<index)
                start = index + 1
            default: break
            }
        }
        if start < range.upperBound { add(start..<range.upperBound) }
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
