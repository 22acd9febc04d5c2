/// A SIP request or response: start line, headers in wire order (repeats kept), body.
///
/// A class, immutable: every stage hands messages on, and a copy is then one reference
/// rather than the dozens of strings and arrays a message holds.
public final class SIPMessage: Equatable, Sendable {
    public let startLine: SIPStartLine
    public let headers: [SIPHeader]
    public let body: [UInt8]
    /// Length of the body on the wire. Larger than `body.count` only when the body was
    /// over the message-size limit and skipped rather than kept.
    public let bodyLength: Int
    /// From, To and CSeq, parsed once: every correlation stage reads them.
    public let from: NameAddress?
    public let to: NameAddress?
    public let cseq: CSeq?

    public init(startLine: SIPStartLine, headers: [SIPHeader], body: [UInt8], bodyLength: Int? = nil) {
        self.startLine = startLine
        self.headers = headers
        self.body = body
        self.bodyLength = bodyLength ?? body.count
        from = headers.first { $0.name == .from }.map { NameAddress(parsing: $0.value) }
        to = headers.first { $0.name == .to }.map { NameAddress(parsing: $0.value) }
        cseq = headers.first { $0.name == .cseq }.flatMap { CSeq(parsing: $0.value) }
    }

    public static func == (lhs: SIPMessage, rhs: SIPMessage) -> Bool {
        lhs === rhs || (lhs.startLine == rhs.startLine && lhs.headers == rhs.headers && lhs.body == rhs.body
                        && lhs.bodyLength == rhs.bodyLength)
    }

    private init(startLine: SIPStartLine, headers: [SIPHeader], bodyLength: Int,
                 from: NameAddress?, to: NameAddress?, cseq: CSeq?) {
        self.startLine = startLine
        self.headers = headers
        body = []
        self.bodyLength = bodyLength
        self.from = from
        self.to = to
        self.cseq = cseq
    }

    /// The message without its body and without the headers not named: what a later
    /// stage keeps of it when holding many messages for long.
    public func retaining(_ names: Set<SIPHeaderName>) -> SIPMessage {
        SIPMessage(startLine: startLine, headers: headers.filter { names.contains($0.name) }, bodyLength: bodyLength,
                   from: from, to: to, cseq: cseq)
    }

    public var method: SIPMethod? {
        if case .request(let method, _) = startLine { return method }
        return nil
    }

    public var statusCode: Int? {
        if case .response(let status, _) = startLine { return status }
        return nil
    }

    public var reasonPhrase: String? {
        if case .response(_, let reason) = startLine { return reason }
        return nil
    }

    public var requestURI: String? {
        if case .request(_, let uri) = startLine { return uri }
        return nil
    }

    /// The first value of a header, or nil if absent.
    public func first(_ name: SIPHeaderName) -> String? {
        headers.first { $0.name == name }?.value
    }

    /// Every value of a header: repeated lines and comma-separated values alike, in order.
    public func values(_ name: SIPHeaderName) -> [String] {
        headers.filter { $0.name == name }.flatMap { HeaderValueSplitter.split($0.value) }
    }

    public var callID: String? { first(.callID) }
    public var contentType: String? { first(.contentType) }
}
