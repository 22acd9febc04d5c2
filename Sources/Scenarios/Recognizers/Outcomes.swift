import Payloads
import SIP
import Timeline

/// How a transaction ended, as a scenario outcome: 2xx completed; 3xx–6xx failed with
/// the ms-diagnostics reason when there is one; nothing final yet incomplete.
enum Outcomes {
    static func of(_ final: AnalysedMessage?) -> Scenario.Outcome {
        guard let final, let status = final.observed.message.statusCode else { return .incomplete }
        if (200..<300).contains(status) { return .completed }
        return .failed(reason(final))
    }

    static func reason(_ response: AnalysedMessage) -> String {
        let message = response.observed.message
        if let diagnostic = response.decoding.diagnostics.first {
            return [diagnostic.id.map(String.init), diagnostic.reason].compactMap { $0 }.joined(separator: " ")
        }
        return "\(message.statusCode ?? 0) \(message.reasonPhrase ?? "")".trimmingTrailingSpace
    }
}
