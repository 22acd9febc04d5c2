import Foundation
import Wire

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
        // falls between characters. Only the media type is made text; the base64 values are
        // decoded from the header's bytes where they lie.
        var format: String?, body: [UInt8]??, formatting: String?
        header.withUTF8Bytes { bytes in
            forEachTrimmedPart(of: bytes, at: UInt8(ascii: ";")) { part, range in
                guard format != nil else {
                    format = part.string(range)
                    return
                }
                // `name=value`, cut at the first `=`; an empty name or value is no pair.
                guard let equals = part.firstIndex(of: UInt8(ascii: "="), in: range), equals != range.lowerBound,
                      equals + 1 != range.upperBound else { return }
                let value = (equals + 1)..<range.upperBound
                let name = range.lowerBound..<equals
                if part.equalsIgnoringASCIICase(name, "ms-body") {
                    body = .some(Base64.decode(UnsafeBufferPointer(rebasing: part[value])))
                } else if part.equalsIgnoringASCIICase(name, "msgr") {
                    formatting = Base64.decode(UnsafeBufferPointer(rebasing: part[value])).map { UTF16Text.decodeLittleEndian($0) }
                }
            }
        }
        let mediaType = format ?? "text/plain"
        guard let body else { return (nil, nil) }
        guard let bytes = body else {
            return (nil, "ms-text-format ms-body is not valid base64")
        }
        let raw = String(decoding: bytes, as: UTF8.self)
        let text = mediaType.lowercased().hasPrefix("text/html") ? HTMLText.reduce(raw) : raw
        return (IMText(format: mediaType, text: text, formatting: formatting.map(trimmingLineEndsSpacesAndNULs)), nil)
    }

    /// Each non-empty piece of `bytes` between `separator`s (an ASCII byte), without the
    /// spaces and tabs at its ends: the bytes it lies in and its range there. A piece with
    /// other Unicode white space at an end is trimmed by Foundation, from text of its own.
    private static func forEachTrimmedPart(of bytes: UnsafeBufferPointer<UInt8>, at separator: UInt8,
                                           _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == separator {
            defer { start = index + 1 }
            guard start < index else { continue }
            let piece = bytes.trimmingSpaces(start..<index)
            guard let first = piece.first, let last = piece.last, bytes[first] >= 0x80 || bytes[last] >= 0x80 else {
                body(bytes, piece)
                continue
            }
            let trimmed = bytes.string(piece).trimmingCharacters(in: .whitespaces)
            trimmed.withUTF8Bytes { body($0, 0..<$0.count) }
        }
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
}
