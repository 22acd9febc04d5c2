import Payloads

/// The one-line text form of a SIP message, for `sipladder messages`:
///
/// `    12 2026-01-02T10:00:00.123456Z 10.0.0.5:50123 → 10.0.0.1:5061 UDP INVITE sip:bob@contoso.com  CSeq: 1 INVITE  Call-ID: a84b4c76e66710`
public enum MessageLineRenderer {
    public static func line(_ record: MessageRecord) -> String {
        let frame = String(record.frame)
        let paddedFrame = String(repeating: " ", count: max(0, 6 - frame.count)) + frame
        let label: String
        if let method = record.method {
            label = method + " " + (record.requestUri ?? "")
        } else {
            label = "\(record.status ?? 0) \(record.reason ?? "")"
        }
        var line = "\(paddedFrame) \(record.time) \(record.src) → \(record.dst) \(record.transport.uppercased()) \(TextSanitizer.clean(label))"
        if let cseq = record.cseq { line += "  CSeq: \(cseq.seq) \(TextSanitizer.clean(cseq.method))" }
        if let callId = record.callId { line += "  Call-ID: \(TextSanitizer.clean(callId))" }
        if record.retransmission { line += "  (retransmission)" }
        return line
    }

    /// The indented line under a message: its decoded payload and diagnostics, if any.
    public static func detail(_ record: MessageRecord) -> String? {
        var parts: [String] = []
        if let payload = record.payload { parts.append(payload.payload.summary) }
        for diagnostic in record.diagnostics { parts.append("\(diagnostic.header): \(diagnostic.summary)") }
        let challenges = record.authentication.filter { $0.header.hasSuffix("Authenticate") }
        if !challenges.isEmpty { parts.append("auth: " + challenges.map(\.summary).joined(separator: ", ")) }
        guard !parts.isEmpty else { return nil }
        return "         ↳ " + TextSanitizer.clean(parts.joined(separator: "; "))
    }
}

/// Makes wire text safe for a terminal: control characters become `\xNN` escapes, so a
/// hostile header cannot move the cursor or change colours.
public enum TextSanitizer {
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
    }
}
