import Foundation

/// The text of an instant message, as the user typed it.
public struct IMText: Equatable, Sendable, Codable {
    /// The media type the text came in (`text/plain`, `text/html`, `text/rtf`…).
    public let format: String
    public let text: String
    /// From `ms-text-format`'s `msgr=`: the font and effects spec (`X-MMS-IM-Format`).
    public let formatting: String?

    public var summary: String { "text \(Abbreviation.quoted(text))" }
}

/// `ms-text-format: text/plain; charset=UTF-8;msgr=<base64>;ms-body=<base64>`: the first
/// message of a conversation riding in the INVITE ([MS-SIP]; pidgin-sipe sipe-im.c).
enum MSTextFormat {
    static func decode(_ header: String) -> (IMText?, problem: String?) {
        // Split by bytes: `ms-body` is long base64, and `;` and `=` are ASCII, so every cut
        // falls between characters.
        let parameters = parts(of: header, at: UInt8(ascii: ";")).map(trimmingWhitespaces)
        let format = parameters.first ?? "text/plain"
        var body: String?, formatting: String?
        for parameter in parameters.dropFirst() {
            // `name=value`, cut at the first `=`; an empty name or value is no pair.
            let utf8 = parameter.utf8
            guard let equals = utf8.firstIndex(of: UInt8(ascii: "=")), equals != utf8.startIndex,
                  utf8.index(after: equals) != utf8.endIndex else { continue }
            let value = parameter[utf8.index(after: equals)...]
            switch parameter[..<equals].lowercased() {
            case "ms-body": body = String(value)
            case "msgr": formatting = Base64.decode(String(value)).map { UTF16Text.decodeLittleEndian($0) }
            default: break
            }
        }
        guard let body else { return (nil, nil) }
        guard let bytes = Base64.decode(body) else {
            return (nil, "ms-text-format ms-body is not valid base64")
        }
        let raw = String(decoding: bytes, as: UTF8.self)
        let text = format.lowercased().hasPrefix("text/html") ? HTMLText.reduce(raw) : raw
        return (IMText(format: format, text: text, formatting: formatting.map(trimmingLineEndsSpacesAndNULs)), nil)
    }

    /// The non-empty pieces of `text` between `separator`s (an ASCII byte).
    private static func parts(of text: String, at separator: UInt8) -> [Substring] {
        let utf8 = text.utf8
        var parts: [Substring] = [], start = utf8.startIndex, index = start
        while index != utf8.endIndex {
            if utf8[index] == separator {
                if start != index { parts.append(text[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start != utf8.endIndex { parts.append(text[start...]) }
        return parts
    }

    /// The text without CR, LF, space and NUL at either end, cut by scalars (as
    /// `trimmingCharacters(in:)` cuts, without building a character set for each message).
    private static func trimmingLineEndsSpacesAndNULs(_ text: String) -> String {
        let isTrimmed = { (scalar: Unicode.Scalar) in scalar == "\r" || scalar == "\n" || scalar == " " || scalar == "\0" }
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, isTrimmed(first) { scalars.removeFirst() }
        while let last = scalars.last, isTrimmed(last) { scalars.removeLast() }
        return String(scalars)
    }

    /// `trimmingCharacters(in: .whitespaces)`, by bytes when spaces and tabs are all there
    /// is to trim (Foundation's trimming is most of the cost of this header otherwise).
    private static func trimmingWhitespaces(_ text: Substring) -> String {
        let utf8 = text.utf8
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        // Other Unicode white space at either end: Foundation decides.
        guard utf8[first] < 0x80, utf8[last] < 0x80 else { return text.trimmingCharacters(in: .whitespaces) }
        return String(text[first...last])
    }
}
