import SafeXML
import Wire

/// Splits a MIME multipart body (RFC 2046 §5.1) into its parts: each part's headers and
/// bytes. Bounded: at most `maximumParts` parts; a body without its boundary is one problem.
enum MultipartBody {
    struct Part {
        let headers: [(name: String, value: String)]
        let body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    static let maximumParts = 1000

    static func split(_ body: [UInt8], boundary: String) -> [Part]? {
        let delimiter = Array(("--" + boundary).utf8)
        let positions = occurrences(of: delimiter, in: body)
        guard positions.count >= 2 else { return nil }
        var parts: [Part] = []
        for (start, end) in zip(positions, positions.dropFirst()) where parts.count < maximumParts {
            var partStart = start + delimiter.count
            // The delimiter line ends with CRLF (or LF); "--" after it closes the body.
            if partStart + 1 < body.count, body[partStart] == 0x2D, body[partStart + 1] == 0x2D { break }
            while partStart < end, body[partStart] == 0x20 || body[partStart] == 0x09 { partStart += 1 }
            if partStart < end, body[partStart] == 0x0D { partStart += 1 }
            if partStart < end, body[partStart] == 0x0A { partStart += 1 }
            var partEnd = end   // the CRLF before the next delimiter belongs to it
            if partEnd > partStart, body[partEnd - 1] == 0x0A { partEnd -= 1 }
            if partEnd > partStart, body[partEnd - 1] == 0x0D { partEnd -= 1 }
            parts.append(part(body[partStart..<max(partStart, partEnd)]))
        }
        return parts
    }

    /// Positions where `delimiter` starts a line: only line starts are compared, found
    /// by the line ends before them.
    private static func occurrences(of delimiter: [UInt8], in body: [UInt8]) -> [Int] {
        guard !delimiter.isEmpty, body.count >= delimiter.count else { return [] }
        return body.withUnsafeBufferPointer { body in
            delimiter.withUnsafeBufferPointer { delimiter in
                var found: [Int] = []
                let last = body.count - delimiter.count
                var lineStart = 0
                while lineStart <= last {
                    var searchFrom = lineStart
                    if body[lineStart] == delimiter[0],
                       body[lineStart..<(lineStart + delimiter.count)].elementsEqual(delimiter) {
                        found.append(lineStart)
                        searchFrom = lineStart + delimiter.count - 1
                    }
                    guard let lineEnd = body.firstIndex(of: 0x0A, in: searchFrom..<body.count) else { break }
                    lineStart = lineEnd + 1
                }
                return found
            }
        }
    }

    /// A part's headers and body, copied out of the slice once.
    private static func part(_ bytes: ArraySlice<UInt8>) -> Part {
        var headers: [(name: String, value: String)] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            // By bytes: the line end and the colon are ASCII, so every cut falls between characters.
            let lineEnd = bytes[index...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var contentEnd = lineEnd
            if contentEnd > index, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if contentEnd == index {
                let bodyStart = min(lineEnd + 1, bytes.endIndex)
                return Part(headers: headers, body: Array(bytes[bodyStart...]))
            }
            guard let colon = bytes[index..<contentEnd].firstIndex(of: UInt8(ascii: ":")) else {
                // No header section: the part is all body.
                return Part(headers: [], body: Array(bytes))
            }
            headers.append((String(decoding: bytes[index..<colon], as: UTF8.self).trimmingWhitespace,
                            String(decoding: bytes[(colon + 1)..<contentEnd], as: UTF8.self).trimmingWhitespace))
            index = lineEnd + 1
        }
        return Part(headers: headers, body: [])
    }
}

/// `type/subtype; name=value; …` from a Content-Type header.
public struct MediaType: Equatable, Sendable {
    /// Lower-cased `type/subtype`.
    public let essence: String
    /// Parameters by lower-cased name, quotes removed.
    public let parameters: [String: String]

    public init(_ header: String) {
        // The first `name[=value]` piece is the essence, the rest parameters: taken as they
        // are split, with no list of the pieces in between.
        var essence: String?, parameters: [String: String] = [:]
        ParameterList.forEach(in: header, separator: UInt8(ascii: ";")) { name, value in
            if essence == nil { essence = Self.lowercased(name) } else { parameters[Self.lowercased(name)] = value }
        }
        self.essence = essence ?? ""
        self.parameters = parameters
    }

    /// By bytes when ASCII, as every media type on the wire is; the same string when
    /// already lower-case. Every message with a body has its Content-Type read.
    private static func lowercased(_ text: String) -> String {
        text.withUTF8Bytes { bytes in
            bytes.isLowercaseASCII(0..<bytes.count) ? text : bytes.lowercasedString(0..<bytes.count)
        }
    }
}
