import SafeXML
import SIP
import Wire

/// A `WWW-Authenticate` / `Proxy-Authenticate` challenge, or an `Authorization` /
/// `Authentication-Info` credential ([MS-SIPAE]): the scheme (NTLM, Kerberos, TLS-DSK,
/// Digest) and its parameters (realm, targetname, version, sts-uri, opaque…).
public struct AuthenticationChallenge: Equatable, Sendable, Codable {
    /// Which header it came from, as written.
    public let header: String
    public let scheme: String
    /// Parameters by lower-cased name, quotes removed. `gssapi-data`, `response` and other
    /// tokens are kept out: they are secrets or noise in a ladder.
    public let parameters: [String: String]

    public var realm: String? { parameters["realm"] }
    public var targetName: String? { parameters["targetname"] }
    public var version: String? { parameters["version"] }
    public var stsURI: String? { parameters["sts-uri"] }

    static let withheld: Set<String> = ["gssapi-data", "response", "rspauth", "nonce", "cnonce", "crand", "srand", "signature"]

    /// Parses `NTLM realm="SIP Communications Service", targetname="fe01", version=4`.
    public init?(header: String, value: String) {
        let trimmed = value.trimmingWhitespace
        // By bytes: space, tab and `=` are ASCII, so the cut falls between characters.
        guard let space = trimmed.utf8.firstIndex(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else {
            guard !trimmed.isEmpty else { return nil }
            self.header = header
            scheme = trimmed
            parameters = [:]
            return
        }
        self.header = header
        let firstWord = trimmed[..<space]
        // RFC 3261 Authentication-Info has no scheme: it starts with a parameter.
        scheme = firstWord.utf8.contains(UInt8(ascii: "=")) ? "" : String(firstWord)
        var parameters: [String: String] = [:]
        let list = scheme.isEmpty ? trimmed : String(trimmed[space...])
        for (name, parameterValue) in ParameterList.parse(list, separator: UInt8(ascii: ",")) {
            let key = name.lowercased()
            if !Self.withheld.contains(key) { parameters[key] = parameterValue }
        }
        self.parameters = parameters
    }

    public var summary: String {
        var text = scheme
        if let targetName { text += " \(targetName)" }
        if let version { text += " v\(version)" }
        return text
    }
}

/// `name="value", name=value` lists, with quoted values that may contain separators.
enum ParameterList {
    static func parse(_ text: String, separator: UInt8) -> [(String, String)] {
        var result: [(String, String)] = []
        forEach(in: text, separator: separator) { result.append(($0, $1)) }
        return result
    }

    /// Each `name[=value]` piece in order, as `parse` lists them.
    static func forEach(in text: String, separator: UInt8, _ body: (_ name: String, _ value: String) -> Void) {
        text.withUTF8Bytes { bytes in
            bytes.forEachPart(of: 0..<bytes.count, outsideQuotesAt: separator) { part in
                if let (name, value) = nameAndValue(bytes, part) { body(name, value) }
            }
        }
    }

    /// `name=value` (value unquoted), `name`, or nil when there is no name. Leading `=`s
    /// are skipped, as splitting at `=` without empty pieces would.
    private static func nameAndValue(_ bytes: UnsafeBufferPointer<UInt8>, _ part: Range<Int>) -> (String, String)? {
        var start = part.lowerBound
        while start < part.upperBound, bytes[start] == UInt8(ascii: "=") { start += 1 }
        let equals = bytes.firstIndex(of: UInt8(ascii: "="), in: start..<part.upperBound)
        let name = bytes.trimmingWhitespace(start..<(equals ?? part.upperBound))
        guard !name.isEmpty else { return nil }
        guard let equals else { return (bytes.string(name), "") }
        var value = bytes.trimmingWhitespace((equals + 1)..<part.upperBound)
        if value.count >= 2, bytes[value.lowerBound] == UInt8(ascii: "\""), bytes[value.upperBound - 1] == UInt8(ascii: "\"") {
            value = (value.lowerBound + 1)..<(value.upperBound - 1)
        }
        return (bytes.string(name), bytes.string(value))
    }
}
