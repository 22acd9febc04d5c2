#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Payloads
import Scenarios

/// Replaces what identifies people in a report — user parts of SIP URIs, message texts,
/// file names — with stable placeholders (`user1`, `text1`, `file1`), so a report can be
/// shared. The same value always gets the same placeholder within one report.
public struct Redactor {
    /// What one scenario names that is to be hidden, in the order it names them.
    public struct Terms: Sendable {
        var users: [String] = []
        var texts: [String] = []
        var files: [String] = []

        public init(_ scenario: Scenario) {
            scenario.participants.forEach { addUser($0.uri) }
            for (key, value) in scenario.details {
                switch (key, value) {
                case ("texts", .texts(let values)): texts += values
                case ("fileName", .text(let name)): files.append(name)
                case (_, .text(let text)): addUser(text)
                case (_, .texts(let values)): values.forEach { addUser($0) }
                default: break
                }
            }
        }

        private mutating func addUser(_ uri: String) {
            guard uri.hasPrefix("sip:"), let at = uri.firstIndex(of: "@") else { return }
            let user = String(uri[uri.index(uri.startIndex, offsetBy: 4)..<at])
            if !user.isEmpty { users.append(user) }
        }
    }

    /// Each secret with its placeholder, as UTF-8, longest first.
    private var replacements: [(secret: [UInt8], placeholder: [UInt8])] = []
    /// For each pair of first bytes, the secrets that start with them, longest first; one-byte
    /// secrets by their byte. A report is scanned once, not once per secret.
    private var byFirstTwoBytes: [UInt16: [Int]] = [:]
    private var byOnlyByte: [UInt8: Int] = [:]

    public init(scenarios: [Scenario]) {
        self.init(terms: scenarios.map(Terms.init))
    }

    /// From each scenario's terms, in report order: placeholders are numbered by first appearance.
    public init(terms: [Terms]) {
        var users: [String] = [], texts: [String] = [], files: [String] = []
        var seenUsers: Set<String> = [], seenTexts: Set<String> = [], seenFiles: Set<String> = []
        for scenario in terms {
            for user in scenario.users where seenUsers.insert(user).inserted { users.append(user) }
            for text in scenario.texts where seenTexts.insert(text).inserted { texts.append(text) }
            for file in scenario.files where seenFiles.insert(file).inserted { files.append(file) }
        }
        let pairs = texts.enumerated().map { ($1, "text\($0 + 1)") }
            + files.enumerated().map { ($1, "file\($0 + 1)") }
            + users.enumerated().flatMap { index, user in [("sip:\(user)@", "sip:user\(index + 1)@"), (user + "@", "user\(index + 1)@")] }
        var seenSecrets: Set<[UInt8]> = []
        for (secret, placeholder) in pairs where !secret.isEmpty {
            // A summary shows a text on one line and cut short (`Abbreviation`); a JSON report
            // holds either with quotes, backslashes and line breaks escaped.
            let shown = String(Abbreviation.quoted(secret).dropFirst().dropLast())
            for text in [secret, shown] {
                for form in [Array(text.utf8), Self.jsonEscaped(text)] where !form.isEmpty && seenSecrets.insert(form).inserted {
                    replacements.append((form, Array(placeholder.utf8)))
                }
            }
        }
        replacements.sort { $0.secret.count > $1.secret.count }
        for (index, replacement) in replacements.enumerated() {
            let secret = replacement.secret
            if secret.count == 1 {
                byOnlyByte[secret[0]] = byOnlyByte[secret[0]] ?? index
            } else {
                byFirstTwoBytes[UInt16(secret[0]) << 8 | UInt16(secret[1]), default: []].append(index)
            }
        }
    }

    /// Every secret replaced by its placeholder, in one pass: at each place the longest
    /// secret that starts there is replaced, and the scan goes on after it.
    public func redact(_ output: String) -> String {
        guard !replacements.isEmpty else { return output }
        let bytes = Array(output.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0, copiedUpTo = 0
        bytes.withUnsafeBufferPointer { bytes in
            while index < bytes.count {
                var found: Int?
                if index + 1 < bytes.count, let candidates = byFirstTwoBytes[UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])] {
                    found = candidates.first { candidate in
                        let secret = replacements[candidate].secret
                        return secret.count <= bytes.count - index
                            && secret.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress! + index, secret.count) == 0 }
                    }
                }
                if found == nil { found = byOnlyByte[bytes[index]] }
                guard let found else {
                    index += 1
                    continue
                }
                result.append(contentsOf: bytes[copiedUpTo..<index])
                result.append(contentsOf: replacements[found].placeholder)
                index += replacements[found].secret.count
                copiedUpTo = index
            }
            result.append(contentsOf: bytes[copiedUpTo..<bytes.count])
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The text as a JSON string holds it, without the quotes.
    private static func jsonEscaped(_ text: String) -> [UInt8] {
        var json = JSONBuilder(pretty: false)
        json.string(text)
        return Array(json.bytes.dropFirst().dropLast())
    }
}
