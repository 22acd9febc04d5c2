import SafeXML
import SIP

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
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            guard !trimmed.isEmpty else { return nil }
            self.header = header
            scheme = trimmed
            parameters = [:]
            return
        }
        self.header = header
        let firstWord = trimmed[..<space]
        // RFC 3261 Authentication-Info has no scheme: it starts with a parameter.
        scheme = firstWord.contains("=") ? "" : String(firstWord)
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
        Substring(text).split(outsideQuotesAt: separator).compactMap { nameAndValue($0.utf8) }
    }

    /// `name=value` (value unquoted), `name`, or nil when there is no name.
    private static func nameAndValue(_ part: Substring.UTF8View.SubSequence) -> (String, String)? {
        let pair = part.split(separator: UInt8(ascii: "="), maxSplits: 1)
        guard let first = pair.first, case let name = Substring(first).trimmingWhitespace, !name.isEmpty else { return nil }
        var value = pair.count > 1 ? Substring(pair[1]).trimmingWhitespace : ""
        if value.utf8.count >= 2, value.utf8.first == UInt8(ascii: "\""), value.utf8.last == UInt8(ascii: "\"") {
            value = String(value.dropFirst().dropLast())
        }
        return (name, value)
    }
}
