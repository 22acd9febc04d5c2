import Scenarios
import Wire

/// Draws scenarios as text ladders: one column per participant (a user, a server
/// endpoint or a room), one arrow per message with its label, the decoded summary under
/// it, relative times on the left, the outcome at the foot.
public struct LadderRenderer {
    public let width: Int
    public let colour: Bool
    static let margin = 16

    public init(width: Int, colour: Bool) {
        self.width = max(60, width)
        self.colour = colour
    }

    public func render(_ scenario: Scenario) -> String {
        let columns = columnOrder(scenario)
        let columnWidth = max(14, (width - Self.margin) / max(columns.count, 1))
        let centre = { (index: Int) in Self.margin + columnWidth * index + columnWidth / 2 }
        var lines: [String] = []
        let start = scenario.start
        var header = "\(scenario.id) \(scenario.kind.rawValue)"
        if let variant = scenario.variant { header += " (\(variant))" }
        header += " — \(clean(scenario.title))"
        if let start { header += "   \(start.iso8601())" }
        lines.append(bold(header))
        lines.append(labelRow(columns.map { shortName($0.uri) }, centre: centre, columnWidth: columnWidth))
        lines.append(labelRow(columns.map { $0.endpoints.first ?? ($0.role == .room ? "(room)" : "") }, centre: centre, columnWidth: columnWidth))
        for step in scenario.steps {
            let from = column(of: step.from, in: columns), to = column(of: step.to, in: columns)
            let offset = start.map { String(format3: step.time.seconds(since: $0)) } ?? ""
            lines.append(arrowRow(label: step.label, from: from, to: to, columns: columns.count, centre: centre,
                                  prefix: "+\(offset) f\(step.frame)"))
            if let summary = step.summary {
                let indent = min(centre(min(from, to)) + 2, width - 20)
                lines.append(String(repeating: " ", count: indent) + truncate(clean(summary), width - indent))
            }
        }
        var outcome = "→ \(scenario.outcome.status.rawValue)"
        if let reason = scenario.outcome.reason { outcome += ": \(clean(reason))" }
        lines.append(bold(outcome))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Participants with an endpoint in the steps, in order of first appearance, then rooms.
    private func columnOrder(_ scenario: Scenario) -> [Scenario.Participant] {
        var order: [Scenario.Participant] = []
        for step in scenario.steps {
            for endpoint in [step.from, step.to] {
                if let participant = scenario.participants.first(where: { $0.endpoints.contains(endpoint) }),
                   !order.contains(participant) {
                    order.append(participant)
                }
            }
        }
        return order.isEmpty ? scenario.participants : order
    }

    private func column(of endpoint: String, in columns: [Scenario.Participant]) -> Int {
        columns.firstIndex { $0.endpoints.contains(endpoint) } ?? 0
    }

    private func labelRow(_ labels: [String], centre: (Int) -> Int, columnWidth: Int) -> String {
        var row = [Character](repeating: " ", count: width)
        for (index, label) in labels.enumerated() {
            let text = Array(truncate(clean(label), columnWidth - 1))
            let begin = max(0, min(width - text.count, centre(index) - text.count / 2))
            for (offset, character) in text.enumerated() where begin + offset < width { row[begin + offset] = character }
        }
        return String(row).trimmingTrailingSpace
    }

    private func arrowRow(label: String, from: Int, to: Int, columns: Int, centre: (Int) -> Int, prefix: String) -> String {
        var row = [Character](repeating: " ", count: width)
        for (offset, character) in prefix.prefix(Self.margin - 1).enumerated() { row[offset] = character }
        for index in 0..<columns where centre(index) < width { row[centre(index)] = "│" }
        let left = centre(min(from, to)), right = centre(max(from, to))
        if from == to {
            let text = Array("↺ " + label)
            for (offset, character) in text.enumerated() where left + 2 + offset < width { row[left + 2 + offset] = character }
            return String(row).trimmingTrailingSpace
        }
        for x in (left + 1)..<right where x < width { row[x] = "─" }
        if from < to { row[min(right - 1, width - 1)] = "▶" } else { row[left + 1] = "◀" }
        let text = Array(truncate(clean(label), max(1, right - left - 5)))
        let begin = left + (right - left - text.count) / 2
        for (offset, character) in text.enumerated() where begin + offset < width { row[begin + offset] = character }
        return String(row).trimmingTrailingSpace
    }

    private func shortName(_ uri: String) -> String {
        uri.hasPrefix("sip:") ? String(uri.dropFirst(4)) : uri
    }

    private func truncate(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(0, limit - 1))) + "…"
    }

    private func clean(_ text: String) -> String { TextSanitizer.clean(text) }

    private func bold(_ text: String) -> String { colour ? "\u{1B}[1m" + text + "\u{1B}[0m" : text }
}

extension String {
    /// Seconds with three decimals: `1.500`.
    public init(format3 value: Double) {
        let thousandths = Int((value * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = abs(thousandths)
        let fraction = String(magnitude % 1000)
        self = sign + String(magnitude / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

}
