import Foundation

/// The parts of a saved report that checks and diffs compare, read back from its JSON —
/// the same path for a saved report and a fresh one, so they compare like with like.
public struct ReportSnapshot: Decodable, Sendable {
    public struct Outcome: Decodable, Sendable, Equatable {
        public let status: String
        public let reason: String?
    }

    public struct Step: Decodable, Sendable {
        public let frame: Int
        public let label: String
        public let summary: String?
        public let from: String
        public let to: String
    }

    public struct Participant: Decodable, Sendable {
        public let uri: String
        public let role: String
        public let endpoints: [String]
    }

    public struct ScenarioSnapshot: Decodable, Sendable {
        public let id: String
        public let kind: String
        public let variant: String?
        public let title: String
        public let participants: [Participant]
        public let outcome: Outcome
        public let start: String?
        public let end: String?
        public let steps: [Step]
        public let details: [String: DetailValue]

        /// Seconds from the first step to the last.
        public var duration: Double? {
            guard let start = start.flatMap(Timing.seconds), let end = end.flatMap(Timing.seconds) else { return nil }
            return end - start
        }
    }

    public struct Diagnostic: Decodable, Sendable {
        public let severity: String
        public let code: String
        public let frame: Int?
        public let message: String
    }

    public struct CaptureSummary: Decodable, Sendable {
        public let file: String
    }

    public let schemaVersion: Int
    public let capture: CaptureSummary
    public let scenarios: [ScenarioSnapshot]
    public let diagnostics: [Diagnostic]

    public static func decode(_ data: Data) throws -> ReportSnapshot {
        try JSONDecoder().decode(ReportSnapshot.self, from: data)
    }
}

/// A detail value as saved: text, number, flag or list of texts.
public enum DetailValue: Decodable, Sendable, Equatable, CustomStringConvertible {
    case text(String)
    case number(Int)
    case flag(Bool)
    case texts([String])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) { self = .number(value) }
        else if let value = try? container.decode(Bool.self) { self = .flag(value) }
        else if let value = try? container.decode(String.self) { self = .text(value) }
        else { self = .texts(try container.decode([String].self)) }
    }

    public var description: String {
        switch self {
        case .text(let value): value
        case .number(let value): String(value)
        case .flag(let value): String(value)
        case .texts(let values): values.joined(separator: " | ")
        }
    }
}

/// Seconds since the epoch of the report's RFC 3339 times.
enum Timing {
    static func seconds(_ text: String) -> Double? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let trimmed = text.count > 27 ? String(text.prefix(26)) + "Z" : text   // nanoseconds: keep microseconds
        return formatter.date(from: trimmed)?.timeIntervalSince1970
    }
}
