import Wire

/// Frames SIP messages out of an ordered byte stream (TCP or decrypted TLS) by
/// Content-Length (RFC 3261 §18.3).
///
/// Bytes go in with `append`; events come out of `next()`, which answers nil when it
/// needs more bytes. CRLF keep-alives between messages (RFC 5626 §3.5.1: a double CRLF
/// ping, a single CRLF pong) are skipped. After garbage or a gap the framer
/// resynchronises on the next line that is a SIP start line.
///
/// ```
///            ┌───────── message done ◄───────────┐
///            ▼                                    │
///   readingHead ──head parsed──► readingBody ─────┘
///      │    ▲                         │ gap
///      │ garbage / gap / head too big ▼
///      └──────────────► seekingStartLine ──start line found──► readingHead
/// ```
public struct SIPStreamFramer {
    enum State: Equatable {
        case readingHead
        case readingBody(SIPHeadParser.Head, headLength: Int, bodyLength: Int)
        /// A body larger than the message limit: counted down, never buffered.
        case skippingBody(remaining: Int)
        case seekingStartLine
    }

    private(set) var state: State = .readingHead
    private var queue = ByteQueue()
    /// Where the head-boundary search resumes, so a head split over many segments is scanned once.
    private var headScanOffset = 0
    /// Problems found in the head being read, handed out before the framer goes on.
    private var pendingProblems: [SIPFramingEvent] = []
    private let limits: Limits

    public init(limits: Limits = .default) { self.limits = limits }

    /// Bytes held waiting for the rest of a message.
    public var bufferedByteCount: Int { queue.count }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if case .skippingBody(let remaining) = state {
            let skipped = min(remaining, bytes.count)
            state = remaining - skipped > 0 ? .skippingBody(remaining: remaining - skipped) : .readingHead
            queue.append(UnsafeRawBufferPointer(rebasing: bytes[skipped...]))
            return
        }
        queue.append(bytes)
    }

    /// The next message or problem, or nil when more bytes are needed.
    public mutating func next() -> SIPFramingEvent? {
        while true {
            if !pendingProblems.isEmpty { return pendingProblems.removeFirst() }
            switch state {
            case .skippingBody:
                return nil
            case .seekingStartLine:
                guard seekStartLine() else { return nil }
            case .readingHead:
                skipKeepAlives()
                guard !queue.isEmpty else { return nil }
                switch readHead() {
                case .needMore: return nil
                case .event(let event): return event
                case .continue: continue
                }
            case let .readingBody(head, headLength, bodyLength):
                guard queue.count >= headLength + bodyLength else { return nil }
                let body = queue.withBytes { Array(UnsafeRawBufferPointer(rebasing: $0[headLength..<(headLength + bodyLength)])) }
                queue.consume(headLength + bodyLength)
                state = .readingHead
                return .message(SIPMessage(startLine: head.startLine, fields: head.fields, body: body))
            }
        }
    }

    /// `byteCount` bytes of the stream were lost: whatever message was in progress is lost too.
    public mutating func noteGap(byteCount: Int) -> SIPFramingEvent? {
        if case .skippingBody(let remaining) = state, byteCount < remaining {
            state = .skippingBody(remaining: remaining - byteCount)
            return nil
        }
        let lostMessage = !queue.isOnlyLineEnds && state != .seekingStartLine
        queue.removeAll()
        headScanOffset = 0
        state = .seekingStartLine
        return lostMessage
            ? .problem(code: "sip_message_lost_in_gap", detail: "a SIP message in progress was cut by \(byteCount) missing bytes; framing resynchronises on the next start line")
            : nil
    }

    /// The stream ended: a partial message left over is reported.
    public mutating func finish() -> SIPFramingEvent? {
        defer { queue.removeAll(); state = .readingHead }
        switch state {
        case .skippingBody(let remaining):
            return .problem(code: "sip_message_incomplete", detail: "the stream ended \(remaining) bytes before the end of an oversized body")
        case .readingBody, .readingHead:
            guard !queue.isOnlyLineEnds else { return nil }
            return .problem(code: "sip_message_incomplete", detail: "the stream ended inside a SIP message (\(queue.count) bytes unframed)")
        case .seekingStartLine:
            return nil
        }
    }

    private enum HeadResult {
        case needMore
        case event(SIPFramingEvent)
        case `continue`
    }

    private mutating func readHead() -> HeadResult {
        let looksLikeSIP = queue.withBytes { SIPStartLine.looksLikeStart($0) }
        guard looksLikeSIP || queue.count < 8 else {
            return resynchronise(code: "sip_stream_garbage", detail: "bytes that are not a SIP start line where a message should begin")
        }
        let search = queue.withBytes { HeadBoundary.find(in: $0, from: headScanOffset, atEndOfData: false) }
        guard let boundary = search.found else {
            if case .notFound(let resumeAt) = search { headScanOffset = resumeAt }
            if queue.count > limits.sipHeaderBytes {
                return resynchronise(code: "sip_head_too_large", detail: "no end of headers within \(limits.sipHeaderBytes) bytes")
            }
            return .needMore
        }
        headScanOffset = 0
        guard let head = queue.withBytes({ SIPHeadParser.parse(UnsafeRawBufferPointer(rebasing: $0[..<boundary.headLength])) }) else {
            return resynchronise(code: "sip_stream_garbage", detail: "the first line of a message is not a SIP start line")
        }
        var bodyLength = 0
        var problems = HeadProblems.events(head)
        switch ContentLength.of(head.fields) {
        case .valid(let length): bodyLength = length
        case .absent: break
        case .invalid(let text):
            problems.append(.problem(code: "sip_bad_content_length", detail: "Content-Length '\(text)' is not a number; taken as 0"))
        }
        if bodyLength > limits.sipMessageBytes {
            queue.consume(boundary.bodyStart)
            let skippedNow = min(queue.count, bodyLength)
            queue.consume(skippedNow)
            state = bodyLength - skippedNow > 0 ? .skippingBody(remaining: bodyLength - skippedNow) : .readingHead
            pendingProblems = [.problem(code: "sip_message_too_large", detail: "body of \(bodyLength) bytes exceeds the \(limits.sipMessageBytes)-byte limit; headers kept, body skipped")] + problems
            return .event(.message(SIPMessage(startLine: head.startLine, fields: head.fields, body: [],
                                              bodyLength: bodyLength)))
        }
        state = .readingBody(head, headLength: boundary.bodyStart, bodyLength: bodyLength)
        pendingProblems = problems
        return .continue
    }

    private mutating func resynchronise(code: String, detail: String) -> HeadResult {
        state = .seekingStartLine
        headScanOffset = 0
        queue.consume(1)   // the current position is known bad
        return .event(.problem(code: code, detail: detail))
    }

    private mutating func skipKeepAlives() {
        let leading = queue.withBytes { bytes in bytes.prefix { $0 == 0x0D || $0 == 0x0A }.count }
        queue.consume(leading)
    }

    /// Drops bytes up to the next line that is a SIP start line. True when found.
    private mutating func seekStartLine() -> Bool {
        let (found, discard) = queue.withBytes { StartLineScanner.scan($0) }
        queue.consume(discard)
        if found { state = .readingHead }
        return found
    }
}
