/// The structural difference between two reports, scenario by scenario and step by step:
/// scenarios are aligned by kind and variant, steps by label and (normalised) summary.
public struct ReportDiff: Sendable {
    public enum Change: String, Sendable, Encodable {
        case added, removed, changed
    }

    public struct StepDifference: Sendable, Encodable {
        public let change: Change
        /// Position in the old scenario (removed, changed) or the new one (added).
        public let index: Int
        public let old: String?
        public let new: String?
    }

    public struct ScenarioDifference: Sendable, Encodable {
        public let change: Change
        public let kind: String
        public let variant: String?
        public let oldId: String?
        public let newId: String?
        public let title: String
        /// Outcome, details and the like: "outcome: completed → failed (…)".
        public let fields: [String]
        public let steps: [StepDifference]
    }

    public let differences: [ScenarioDifference]
    public var isEmpty: Bool { differences.isEmpty }

    public init(old: ReportSnapshot, new: ReportSnapshot, normalizer: Normalizer) {
        let key = { (scenario: ReportSnapshot.ScenarioSnapshot) in "\(scenario.kind)/\(scenario.variant ?? "")" }
        var differences: [ScenarioDifference] = []
        for pair in Alignment.align(old.scenarios.map(key), new.scenarios.map(key)) {
            switch pair {
            case .removed(let index):
                let scenario = old.scenarios[index]
                differences.append(ScenarioDifference(change: .removed, kind: scenario.kind, variant: scenario.variant, oldId: scenario.id,
                                                      newId: nil, title: scenario.title, fields: [], steps: []))
            case .added(let index):
                let scenario = new.scenarios[index]
                differences.append(ScenarioDifference(change: .added, kind: scenario.kind, variant: scenario.variant, oldId: nil,
                                                      newId: scenario.id, title: scenario.title, fields: [], steps: []))
            case .same(let oldIndex, let newIndex):
                if let changed = Self.compare(old.scenarios[oldIndex], new.scenarios[newIndex], normalizer) { differences.append(changed) }
            }
        }
        self.differences = differences
    }

    static func compare(_ old: ReportSnapshot.ScenarioSnapshot, _ new: ReportSnapshot.ScenarioSnapshot,
                        _ normalizer: Normalizer) -> ScenarioDifference? {
        var fields: [String] = []
        let oldOutcome = old.outcome.status + (old.outcome.reason.map { " (\(normalizer.normalize($0)))" } ?? "")
        let newOutcome = new.outcome.status + (new.outcome.reason.map { " (\(normalizer.normalize($0)))" } ?? "")
        if oldOutcome != newOutcome { fields.append("outcome: \(oldOutcome) → \(newOutcome)") }
        for key in Set(old.details.keys).union(new.details.keys).sorted() {
            let before = old.details[key].map { normalizer.normalize($0.description) }
            let after = new.details[key].map { normalizer.normalize($0.description) }
            if before != after { fields.append("\(key): \(before ?? "(none)") → \(after ?? "(none)")") }
        }
        let signature = { (step: ReportSnapshot.Step) in
            step.label + (step.summary.map { " — " + normalizer.normalize($0) } ?? "")
        }
        let oldSteps = old.steps.map(signature), newSteps = new.steps.map(signature)
        var steps: [StepDifference] = []
        var removed: [Int] = [], added: [Int] = []
        // Between two matching steps, a removed and an added step pair up as one change.
        func flush() {
            let paired = min(removed.count, added.count)
            for index in 0..<paired {
                steps.append(StepDifference(change: .changed, index: removed[index], old: oldSteps[removed[index]], new: newSteps[added[index]]))
            }
            steps += removed.dropFirst(paired).map { StepDifference(change: .removed, index: $0, old: oldSteps[$0], new: nil) }
            steps += added.dropFirst(paired).map { StepDifference(change: .added, index: $0, old: nil, new: newSteps[$0]) }
            removed.removeAll()
            added.removeAll()
        }
        for pair in Alignment.align(oldSteps, newSteps) {
            switch pair {
            case .removed(let index): removed.append(index)
            case .added(let index): added.append(index)
            case .same: flush()
            }
        }
        flush()
        guard !fields.isEmpty || !steps.isEmpty else { return nil }
        return ScenarioDifference(change: .changed, kind: new.kind, variant: new.variant, oldId: old.id, newId: new.id,
                                  title: new.title, fields: fields, steps: steps)
    }

    /// One line per difference, for people.
    public var text: String {
        var lines: [String] = []
        for difference in differences {
            let name = "\(difference.kind)\(difference.variant.map { " (\($0))" } ?? "") \"\(difference.title)\""
            switch difference.change {
            case .added: lines.append("+ scenario \(difference.newId ?? "?") \(name)")
            case .removed: lines.append("- scenario \(difference.oldId ?? "?") \(name)")
            case .changed:
                lines.append("~ scenario \(difference.oldId ?? "?") → \(difference.newId ?? "?") \(name)")
                lines += difference.fields.map { "    \($0)" }
                for step in difference.steps {
                    switch step.change {
                    case .added: lines.append("    + step \(step.index + 1): \(step.new ?? "")")
                    case .removed: lines.append("    - step \(step.index + 1): \(step.old ?? "")")
                    case .changed: lines.append("    ~ step \(step.index + 1): \(step.old ?? "") → \(step.new ?? "")")
                    }
                }
            }
        }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }
}

/// Longest-common-subsequence alignment of two key lists.
enum Alignment {
    enum Pair: Equatable {
        case same(Int, Int)
        case removed(Int)
        case added(Int)
    }

    static func align(_ old: [String], _ new: [String]) -> [Pair] {
        let n = old.count, m = new.count
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var pairs: [Pair] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, old[i] == new[j] {
                pairs.append(.same(i, j)); i += 1; j += 1
            } else if j < m, i == n || table[i][j + 1] >= table[i + 1][j] {
                pairs.append(.added(j)); j += 1
            } else {
                pairs.append(.removed(i)); i += 1
            }
        }
        return pairs
    }
}
