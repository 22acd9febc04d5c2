/// Reads the SIP message in a UDP datagram or a WebSocket message (RFC 3261 §18.3,
/// RFC 7118 §5): the whole payload is one message; the body is what Content-Length
/// announces, or the rest of the payload when it announces nothing.
public enum SIPDatagramParser {
    /// Nil when the payload does not start with a SIP start line (not SIP).
    public static func parse(_ payload: UnsafeRawBufferPointer) -> [SIPFramingEvent]? {
        var start = 0
        // Keep-alives (CRLF) and stray line ends before the start line are skipped.
        while start < payload.count, payload[start] == 0x0D || payload[start] == 0x0A { start += 1 }
        let bytes = UnsafeRawBufferPointer(rebasing: payload[start...])
        guard SIPStartLine.looksLikeStart(bytes) else { return nil }
        let headEnd = HeadBoundary.find(in: bytes, from: 0, atEndOfData: true).found
        let headBytes = UnsafeRawBufferPointer(rebasing: bytes[..<(headEnd?.headLength ?? bytes.count)])
        guard let head = SIPHeadParser.parse(headBytes) else { return nil }
        var events: [SIPFramingEvent] = []
        let bodyStart = headEnd?.bodyStart ?? bytes.count
        let available = bytes.count - bodyStart
        var bodyLength = available
        switch ContentLength.of(head.fields) {
        case .absent:
            break
        case .valid(let length):
            bodyLength = min(length, available)
            if length > available {
                events.append(.problem(code: "sip_body_truncated",
                                       detail: "Content-Length \(length) but only \(available) body bytes in the datagram"))
            }
        case .invalid(let text):
            events.append(.problem(code: "sip_bad_content_length", detail: "Content-Length '\(text)' is not a number; the rest of the datagram is the body"))
        }
        if headEnd == nil {
            events.append(.problem(code: "sip_headers_unterminated", detail: "no empty line ends the headers"))
        }
        events.append(contentsOf: HeadProblems.events(head))
        let body = Array(UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<(bodyStart + bodyLength)]))
        events.insert(.message(SIPMessage(startLine: head.startLine, fields: head.fields, body: body)), at: 0)
        return events
    }
}

/// Problems in a parsed head worth a diagnostic.
enum HeadProblems {
    static func events(_ head: SIPHeadParser.Head) -> [SIPFramingEvent] {
        var events: [SIPFramingEvent] = []
        if head.malformedLineCount > 0 {
            events.append(.problem(code: "sip_malformed_header",
                                   detail: "\(head.malformedLineCount) header line(s) without a name and colon were skipped"))
        }
        if head.droppedHeaderCount > 0 {
            events.append(.problem(code: "sip_too_many_headers",
                                   detail: "\(head.droppedHeaderCount) headers past the first \(SIPHeadParser.maximumHeaderCount) were ignored"))
        }
        return events
    }
}
