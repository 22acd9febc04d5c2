/// Something the analysis could not take at face value, kept as data in the report.
///
/// Nothing is dropped silently: a packet, segment or message that cannot be decoded
/// becomes a diagnostic with a stable snake_case `code` that users can grep and check on.
public struct Diagnostic: Equatable, Sendable {
    public enum Severity: String, Sendable, Comparable {
        case info, warning, error

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public let severity: Severity
    public let code: String
    /// The 1-based frame the problem was found in, or nil for file-level problems.
    public let frame: UInt64?
    public let message: String

    public init(_ severity: Severity, _ code: String, frame: UInt64?, _ message: String) {
        self.severity = severity
        self.code = code
        self.frame = frame
        self.message = message
    }
}
