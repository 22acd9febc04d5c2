import Yams

/// Reads a rules file with Yams, keeping each node's line for error messages.
public enum RulesParser {
    static let scenarioKeys: Set<String> = ["kind", "variant", "participants", "count", "min", "max", "outcome", "within", "contains"]
    static let stepKeys: Set<String> = ["message", "from", "text"]
    static let kinds: Set<String> = ["registration", "presence-publish", "presence-subscribe", "add-contact", "send-message", "file-transfer",
                                     "chat-room-join", "chat-room-post", "chat-room-leave", "call", "sip-dialog", "sip-transaction"]

    public static func parse(_ text: String) throws(RulesError) -> Rules {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw RulesError(line: 1, reason: "the rules file is empty") }
            root = node
        } catch let error as RulesError {
            throw error
        } catch let error as YamlError {
            throw RulesError(line: Self.line(of: error), reason: "not YAML: \(error)")
        } catch {
            throw RulesError(line: 1, reason: "not YAML: \(error)")
        }
        guard let mapping = root.mapping else { throw RulesError(line: line(root), reason: "expected a mapping of rules at the top") }
        var rules = Rules()
        for (key, value) in mapping {
            switch key.string {
            case "scenarios":
                guard let list = value.sequence else { throw RulesError(line: line(value), reason: "'scenarios' must be a list") }
                rules.scenarios = try list.map(scenarioRule)
            case "no-failed-scenarios":
                guard let flag = value.bool else { throw RulesError(line: line(value), reason: "'no-failed-scenarios' must be true or false") }
                rules.noFailedScenarios = flag ? line(key) : nil
            case "no-diagnostics-of-severity":
                guard let severity = value.string, ["error", "warning", "info"].contains(severity) else {
                    throw RulesError(line: line(value), reason: "'no-diagnostics-of-severity' must be error, warning or info")
                }
                rules.forbiddenSeverity = (severity, line(key))
            default:
                throw RulesError(line: line(key), reason: "unknown rule '\(key.string ?? "?")'; expected scenarios, no-failed-scenarios or no-diagnostics-of-severity")
            }
        }
        return rules
    }

    private static func scenarioRule(_ node: Node) throws(RulesError) -> Rules.ScenarioRule {
        guard let mapping = node.mapping else { throw RulesError(line: line(node), reason: "a scenario rule must be a mapping") }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string, scenarioKeys.contains(name) else {
                throw RulesError(line: line(key), reason: "unknown key '\(key.string ?? "?")' in a scenario rule; expected one of \(scenarioKeys.sorted().joined(separator: ", "))")
            }
            values[name] = value
        }
        guard let kind = values["kind"]?.string else { throw RulesError(line: line(node), reason: "a scenario rule needs 'kind'") }
        guard kinds.contains(kind) else { throw RulesError(line: line(values["kind"] ?? node), reason: "unknown scenario kind '\(kind)'") }
        let integer = { (name: String) throws(RulesError) -> Int? in
            guard let value = values[name] else { return nil }
            guard let number = value.int, number >= 0 else { throw RulesError(line: line(value), reason: "'\(name)' must be a whole number") }
            return number
        }
        var within: Double?
        if let value = values["within"] {
            guard let text = value.string, let seconds = duration(text) else {
                throw RulesError(line: line(value), reason: "'within' must be a duration such as 3s or 500ms")
            }
            within = seconds
        }
        if let outcome = values["outcome"]?.string, !["completed", "failed", "incomplete"].contains(outcome) {
            throw RulesError(line: line(values["outcome"] ?? node), reason: "'outcome' must be completed, failed or incomplete")
        }
        var contains: [Rules.StepRule] = []
        if let list = values["contains"] {
            guard let items = list.sequence else { throw RulesError(line: line(list), reason: "'contains' must be a list of steps") }
            contains = try items.map(stepRule)
        }
        return Rules.ScenarioRule(line: line(node), kind: kind, variant: values["variant"]?.string,
                                  participants: values["participants"]?.sequence?.compactMap(\.string) ?? [],
                                  count: try integer("count"), minimum: try integer("min"), maximum: try integer("max"),
                                  outcome: values["outcome"]?.string, within: within, contains: contains)
    }

    private static func stepRule(_ node: Node) throws(RulesError) -> Rules.StepRule {
        guard let mapping = node.mapping else { throw RulesError(line: line(node), reason: "a step in 'contains' must be a mapping") }
        var values: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.string, stepKeys.contains(name) else {
                throw RulesError(line: line(key), reason: "unknown key '\(key.string ?? "?")' in a step; expected message, from or text")
            }
            values[name] = value.string ?? value.int.map(String.init)
        }
        return Rules.StepRule(line: line(node), message: values["message"], from: values["from"], text: values["text"])
    }

    /// `3s`, `1.5s`, `500ms`.
    static func duration(_ text: String) -> Double? {
        if text.hasSuffix("ms"), let value = Double(text.dropLast(2)) { return value / 1000 }
        if text.hasSuffix("s"), let value = Double(text.dropLast()) { return value }
        return nil
    }

    private static func line(_ node: Node) -> Int { node.mark.map { $0.line } ?? 1 }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 1
        }
    }
}
