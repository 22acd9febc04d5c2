/// Collects diagnostics for one analysis (a reference: every stage writes to the same log),
/// folding repeats of a cap-hit cause into one entry with a count.
///
/// Per-frame problems are kept one by one up to `maximumKept`; past that only counts per
/// code are kept, so a hostile file cannot grow the report without bound.
public final class DiagnosticSink {
    public private(set) var kept: [Diagnostic] = []
    public private(set) var countsByCode: [String: Int] = [:]
    /// For a cap-hit code: how many times the cap was hit (its diagnostic is kept once).
    public private(set) var limitHits: [String: Int] = [:]
    public let maximumKept: Int
    /// Every diagnostic recorded, kept or not.
    public private(set) var recordedCount = 0

    public init(maximumKept: Int = 10_000) {
        self.maximumKept = maximumKept
    }

    public func record(_ diagnostic: Diagnostic) {
        recordedCount += 1
        countsByCode[diagnostic.code, default: 0] += 1
        if kept.count < maximumKept { kept.append(diagnostic) }
    }

    public func record(_ severity: Diagnostic.Severity, _ code: String, frame: UInt64?, _ message: String) {
        record(Diagnostic(severity, code, frame: frame, message))
    }

    /// A cap was hit: the first time becomes a diagnostic, later times only count, so a
    /// hostile capture that hits a cap a million times yields one line saying how often.
    public func recordLimit(_ code: String, frame: UInt64?, _ message: String) {
        limitHits[code, default: 0] += 1
        if limitHits[code] == 1 { record(.warning, code, frame: frame, message) }
    }

    /// Diagnostics past `maximumKept` that were counted but not kept.
    public var droppedCount: Int { countsByCode.values.reduce(0, +) - kept.count }

    /// Takes in every diagnostic another sink kept.
    public func absorb(_ other: DiagnosticSink) {
        for diagnostic in other.kept { record(diagnostic) }
        for (code, hits) in other.limitHits { limitHits[code, default: 0] += hits }
    }

    /// One sink from two filled side by side (extraction and analysis on two threads), in
    /// the order a single sink would have recorded them: `second.kept[i]` came after the
    /// first `positions[i]` diagnostics of `first`.
    public static func interleaving(_ first: DiagnosticSink, _ second: DiagnosticSink, positions: [Int]) -> DiagnosticSink {
        let merged = DiagnosticSink(maximumKept: first.maximumKept)
        var next = 0
        for (index, diagnostic) in second.kept.enumerated() {
            while next < first.kept.count, next < positions[index] {
                merged.keep(first.kept[next])
                next += 1
            }
            merged.keep(diagnostic)
        }
        for diagnostic in first.kept[next...] { merged.keep(diagnostic) }
        merged.countsByCode = first.countsByCode.merging(second.countsByCode, uniquingKeysWith: +)
        merged.limitHits = first.limitHits.merging(second.limitHits, uniquingKeysWith: +)
        merged.recordedCount = first.recordedCount + second.recordedCount
        return merged
    }

    private func keep(_ diagnostic: Diagnostic) {
        if kept.count < maximumKept { kept.append(diagnostic) }
    }
}
