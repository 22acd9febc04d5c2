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

    private var replacements: [(String, String)] = []

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
        replacements = texts.enumerated().map { ($1, "text\($0 + 1)") }
            + files.enumerated().map { ($1, "file\($0 + 1)") }
            + users.enumerated().flatMap { index, user in [("sip:\(user)@", "sip:user\(index + 1)@"), (user + "@", "user\(index + 1)@")] }
        replacements.sort { $0.0.count > $1.0.count }
    }

    public func redact(_ output: String) -> String {
        var text = output
        for (secret, placeholder) in replacements where !secret.isEmpty {
            text = text.replacingEvery(secret, with: placeholder)
        }
        return text
    }
}

extension String {
    func replacingEvery(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
