/// What a YAML rules file expects of a capture's report.
///
/// ```yaml
/// scenarios:
///   - kind: send-message          # required
///     variant: p2p                # optional
///     participants: [sip:alice@contoso.com]
///     count: 2                    # exactly; or min: / max:
///     outcome: completed          # every matching scenario
///     within: 3s                  # first to last step, every matching scenario (ms, s)
///     contains:                   # at least one matching scenario has such a step
///       - message: MESSAGE        # label: a method or a status ("200 OK", "504")
///         from: sip:alice@contoso.com
///         text: hi                # in the step's decoded summary
/// no-failed-scenarios: true
/// no-diagnostics-of-severity: error   # or warning
/// ```
public struct Rules: Sendable {
    public struct ScenarioRule: Sendable {
        public let line: Int
        public let kind: String
        public let variant: String?
        public let participants: [String]
        public let count: Int?
        public let minimum: Int?
        public let maximum: Int?
        public let outcome: String?
        public let within: Double?
        public let contains: [StepRule]
    }

    public struct StepRule: Sendable {
        public let line: Int
        public let message: String?
        public let from: String?
        public let text: String?
    }

    public var scenarios: [ScenarioRule] = []
    /// Line of `no-failed-scenarios: true`, when set.
    public var noFailedScenarios: Int?
    /// The severity no diagnostic may have, and its line.
    public var forbiddenSeverity: (severity: String, line: Int)?
}

/// A rules file that cannot be read; names the line.
public struct RulesError: Error, CustomStringConvertible, Sendable {
    public let line: Int
    public let reason: String

    public var description: String { "line \(line): \(reason)" }
}
