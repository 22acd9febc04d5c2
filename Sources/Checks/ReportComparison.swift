/// Holds a fresh report to a saved one: one expectation per saved scenario (still there,
/// same outcome and steps) and one for scenarios that are new.
public enum ReportComparison {
    public static func compare(expected: ReportSnapshot, actual: ReportSnapshot, normalizer: Normalizer) -> CheckResult {
        let diff = ReportDiff(old: expected, new: actual, normalizer: normalizer)
        var expectations: [CheckResult.Expectation] = []
        for scenario in expected.scenarios {
            let name = "\(scenario.id) \(scenario.kind)\(scenario.variant.map { " (\($0))" } ?? "") \"\(scenario.title)\""
            let difference = diff.differences.first { $0.oldId == scenario.id }
            let failure: String?
            switch difference?.change {
            case nil: failure = nil
            case .removed: failure = "scenario missing from the capture's report"
            case .changed:
                let steps = (difference?.steps ?? []).prefix(5).map { step -> String in
                    switch step.change {
                    case .added: "step \(step.index + 1) added: \(step.new ?? "")"
                    case .removed: "step \(step.index + 1) missing: \(step.old ?? "")"
                    case .changed: "step \(step.index + 1): expected \(step.old ?? ""), got \(step.new ?? "")"
                    }
                }
                failure = ((difference?.fields ?? []) + steps).joined(separator: "\n")
            case .added: failure = nil
            }
            expectations.append(.init(name: name, failure: failure))
        }
        let added = diff.differences.filter { $0.change == .added }
        expectations.append(.init(name: "no unexpected scenarios",
                                  failure: added.isEmpty ? nil : added.map { "\($0.newId ?? "?") \($0.kind) \"\($0.title)\"" }.joined(separator: "\n")))
        return CheckResult(capture: actual.capture.file, expectations: expectations)
    }
}
