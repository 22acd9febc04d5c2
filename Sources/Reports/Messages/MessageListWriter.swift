import SIP
import Timeline

/// Streams the `messages` listing as it is produced: text lines, or a JSON array
/// written element by element so memory does not grow with the capture.
public final class MessageListWriter {
    public enum Format: String, CaseIterable, Sendable {
        case text
        case json
    }

    private let format: Format
    private let output: OutputStream
    private let fractionDigits: Int
    private var json = JSONBuilder(pretty: false)
    private var written = 0

    public init(format: Format, output: OutputStream, timestampFractionDigits: Int) {
        self.format = format
        self.output = output
        self.fractionDigits = timestampFractionDigits
        if format == .json { output.write("[") }
    }

    public func write(_ message: AnalysedMessage) throws {
        let record = MessageRecord(message, timestampFractionDigits: fractionDigits)
        switch format {
        case .text:
            output.write(MessageLineRenderer.line(record) + "\n")
            if let summary = MessageLineRenderer.detail(record) { output.write(summary + "\n") }
        case .json:
            json.reset()
            try record.write(to: &json)
            output.write(written == 0 ? "\n  " : ",\n  ")
            output.write(bytes: json.bytes)
        }
        written += 1
    }

    public func finish() {
        if format == .json { output.write(written == 0 ? "]\n" : "\n]\n") }
        output.flush()
    }
}
