import SafeXML

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
        for (name, parameterValue) in ParameterList.parse(list, separator: ",") {
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
    static func parse(_ text: String, separator: Character) -> [(String, String)] {
        var result: [(String, String)] = []
        var current = "", inQuotes = false
        var parts: [String] = []
        for character in text {
            if character == "\"" { inQuotes.toggle() }
            if character == separator && !inQuotes {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        for part in parts {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard let name = pair.first?.trimmingWhitespace, !name.isEmpty else { continue }
            var value = pair.count > 1 ? String(pair[1]).trimmingWhitespace : ""
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            result.append((name, value))
        }
        return result
    }
}
