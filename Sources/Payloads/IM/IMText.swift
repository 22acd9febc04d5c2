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
        let parameters = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let format = parameters.first ?? "text/plain"
        var body: String?, formatting: String?
        for parameter in parameters.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            switch pair[0].lowercased() {
            case "ms-body": body = String(pair[1])
            case "msgr": formatting = Base64.decode(String(pair[1])).map { UTF16Text.decodeLittleEndian($0) }
            default: break
            }
        }
        guard let body else { return (nil, nil) }
        guard let bytes = Base64.decode(body) else {
            return (nil, "ms-text-format ms-body is not valid base64")
        }
        let raw = String(decoding: bytes, as: UTF8.self)
        let text = format.lowercased().hasPrefix("text/html") ? HTMLText.reduce(raw) : raw
        return (IMText(format: format, text: text, formatting: formatting?.trimmingCharacters(in: CharacterSet(charactersIn: "\r\n \0"))), nil)
    }
}
