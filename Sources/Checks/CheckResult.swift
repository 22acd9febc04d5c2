/// The outcome of checking a capture: one entry per expectation, passed or not.
public struct CheckResult: Sendable {
    public struct Expectation: Sendable {
        public let name: String
        /// Why it did not hold; nil when it held.
        public let failure: String?
    }

    public let capture: String
    public let expectations: [Expectation]

    public var passed: Bool { expectations.allSatisfy { $0.failure == nil } }

    /// One line per expectation that did not hold, then a total.
    public var text: String {
        let failed = expectations.filter { $0.failure != nil }
        var lines = failed.map { "✘ \($0.name): \($0.failure ?? "")" }
        lines.append("\(capture): \(expectations.count - failed.count) passed, \(failed.count) failed")
        return lines.joined(separator: "\n") + "\n"
    }

    public var junit: JUnitReport {
        JUnitReport(suite: capture, cases: expectations.map { JUnitReport.Case(name: $0.name, className: "sipladder.check", failure: $0.failure) })
    }
}
