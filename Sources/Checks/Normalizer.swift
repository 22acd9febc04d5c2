import Foundation

/// What varies from run to run and is masked before two reports are compared: addresses
/// and ports, Call-IDs, tags, branches, epids, tokens and GUIDs, times. More patterns can
/// be added with `--ignore REGEX`.
public struct Normalizer: Sendable {
    private let patterns: [NSRegularExpression]

    static let defaults = [
        #"\b\d{4}-\d{2}-\d{2}T[\d:.]+Z\b"#,            // times, before anything with colons
        #"\[[0-9a-fA-F:]+\](:\d+)?"#,                 // [ipv6]:port
        #"(?<![\w:])([0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(?![\w:])"#,   // bare ipv6
        #"\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b"#,          // ipv4:port
        #"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"#,   // GUIDs, tokens
        #"(tag|branch|epid|envid)[=\s]\S+"#,
        #"\b[0-9a-f]{16,}\b"#,                          // long hex ids
        #"\d+/(sip|RTP/AVP|TCP/RTP/AVP|udptl)"#,        // media ports
    ]

    public init(extra: [String] = []) throws {
        patterns = try (Self.defaults + extra).map { try NSRegularExpression(pattern: $0) }
    }

    public func normalize(_ text: String) -> String {
        var result = text
        for pattern in patterns {
            result = pattern.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: "…")
        }
        return result
    }
}
