import Reports

/// Holds a report to a rules file.
public enum RulesEvaluator {
    public static func evaluate(_ rules: Rules, against report: ReportSnapshot) -> CheckResult {
        var expectations: [CheckResult.Expectation] = []
        for rule in rules.scenarios {
            expectations += evaluate(rule, report)
        }
        if let line = rules.noFailedScenarios {
            let failed = report.scenarios.filter { $0.outcome.status == "failed" }
            expectations.append(.init(name: "line \(line): no failed scenarios",
                                      failure: failed.isEmpty ? nil : "failed: " + failed.map { "\($0.id) \($0.kind) (\($0.outcome.reason ?? "no reason"))" }.joined(separator: ", ")))
        }
        if let (severity, line) = rules.forbiddenSeverity {
            let ranks = ["info": 0, "warning": 1, "error": 2]
            let found = report.diagnostics.filter { (ranks[$0.severity] ?? 0) >= (ranks[severity] ?? 2) }
            expectations.append(.init(name: "line \(line): no diagnostics of severity \(severity) or worse",
                                      failure: found.isEmpty ? nil : "\(found.count) found, first: frame \(found[0].frame.map(String.init) ?? "-") \(found[0].code): \(found[0].message)"))
        }
        return CheckResult(capture: report.capture.file, expectations: expectations)
    }

    private static func evaluate(_ rule: Rules.ScenarioRule, _ report: ReportSnapshot) -> [CheckResult.Expectation] {
        let name = "line \(rule.line): \(rule.kind)\(rule.variant.map { " (\($0))" } ?? "")"
            + (rule.participants.isEmpty ? "" : " with " + rule.participants.joined(separator: ", "))
        let matching = report.scenarios.filter { scenario in
            scenario.kind == rule.kind && (rule.variant == nil || scenario.variant == rule.variant)
                && rule.participants.allSatisfy { uri in scenario.participants.contains { $0.uri.lowercased() == uri.lowercased() } }
        }
        var results: [CheckResult.Expectation] = []
        let countFailure: String?
        if let count = rule.count, matching.count != count {
            countFailure = "expected exactly \(count), found \(matching.count)"
        } else if let minimum = rule.minimum, matching.count < minimum {
            countFailure = "expected at least \(minimum), found \(matching.count)"
        } else if let maximum = rule.maximum, matching.count > maximum {
            countFailure = "expected at most \(maximum), found \(matching.count)"
        } else if rule.count == nil, rule.minimum == nil, rule.maximum == nil, matching.isEmpty {
            countFailure = "no such scenario"
        } else {
            countFailure = nil
        }
        results.append(.init(name: name + ": count", failure: countFailure))
        if let outcome = rule.outcome {
            let wrong = matching.filter { $0.outcome.status != outcome }
            results.append(.init(name: name + ": outcome \(outcome)",
                                 failure: wrong.isEmpty ? nil : wrong.map { "\($0.id) is \($0.outcome.status)\($0.outcome.reason.map { " (\($0))" } ?? "")" }.joined(separator: "; ")))
        }
        if let within = rule.within {
            let slow = matching.filter { ($0.duration ?? 0) > within }
            results.append(.init(name: name + ": within \(within) s",
                                 failure: slow.isEmpty ? nil : slow.map { "\($0.id) took \(String(format3: $0.duration ?? 0)) s" }.joined(separator: "; ")))
        }
        for step in rule.contains {
            let description = [step.message, step.from.map { "from \($0)" }, step.text.map { "text '\($0)'" }].compactMap { $0 }.joined(separator: " ")
            // At least one matching scenario has such a step (narrow with participants).
            let holder = matching.first { contains($0, step) }
            results.append(.init(name: "line \(step.line): \(rule.kind) contains \(description)",
                                 failure: matching.isEmpty ? "no \(rule.kind) scenario to look in"
                                     : holder != nil ? nil : "none of \(matching.map(\.id).joined(separator: ", ")) has such a step"))
        }
        return results
    }

    private static func contains(_ scenario: ReportSnapshot.ScenarioSnapshot, _ rule: Rules.StepRule) -> Bool {
        let senderEndpoints = rule.from.map { uri in
            Set(scenario.participants.filter { $0.uri.lowercased() == uri.lowercased() }.flatMap(\.endpoints))
        }
        return scenario.steps.contains { step in
            (rule.message == nil || step.label.lowercased().hasPrefix(rule.message?.lowercased() ?? ""))
                && (senderEndpoints == nil || senderEndpoints?.contains(step.from) == true)
                && (rule.text == nil || step.summary?.contains(rule.text ?? "") == true)
        }
    }
}
