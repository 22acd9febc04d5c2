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
    /// What every correlation stage reads, worked out once when the message is made (on
    /// the extraction thread, off the correlating one) and kept by `retaining`.
    public let from: NameAddress?
    public let to: NameAddress?
    public let cseq: CSeq?
    public let callID: String?
    /// `NameAddress.addressOfRecord` of the From and To URIs.
    public let fromAddressOfRecord: String?
    public let toAddressOfRecord: String?
    /// The top Via's branch, when it carries the RFC 3261 cookie.
    public let transactionBranch: String?

    public init(startLine: SIPStartLine, headers: [SIPHeader], body: [UInt8], bodyLength: Int? = nil) {
        self.startLine = startLine
        self.headers = headers
        self.body = body
        self.bodyLength = bodyLength ?? body.count
        var from: NameAddress?, to: NameAddress?, cseq: CSeq?, callID: String?, via: String?
        for header in headers {
            switch header.name {
            case .from where from == nil: from = NameAddress(parsing: header.value)
            case .to where to == nil: to = NameAddress(parsing: header.value)
            case .cseq where cseq == nil: cseq = CSeq(parsing: header.value)
            case .callID where callID == nil: callID = header.value
            case .via where via == nil: via = header.value
            default: break
            }
        }
        self.from = from
        self.to = to
        self.cseq = cseq
        self.callID = callID
        fromAddressOfRecord = from.flatMap { NameAddress.addressOfRecord($0.uri) }
        toAddressOfRecord = to.flatMap { NameAddress.addressOfRecord($0.uri) }
        transactionBranch = via.flatMap(ViaBranch.rfc3261Branch(ofVia:))
    }

    public static func == (lhs: SIPMessage, rhs: SIPMessage) -> Bool {
        lhs === rhs || (lhs.startLine == rhs.startLine && lhs.headers == rhs.headers && lhs.body == rhs.body
                        && lhs.bodyLength == rhs.bodyLength)
    }

    private init(_ message: SIPMessage, keeping headers: [SIPHeader]) {
        startLine = message.startLine
        self.headers = headers
        body = []
        bodyLength = message.bodyLength
        from = message.from
        to = message.to
        cseq = message.cseq
        callID = message.callID
        fromAddressOfRecord = message.fromAddressOfRecord
        toAddressOfRecord = message.toAddressOfRecord
        transactionBranch = message.transactionBranch
    }

    /// The message without its body and without the headers not named: what a later
    /// stage keeps of it when holding many messages for long.
    public func retaining(_ names: Set<SIPHeaderName>) -> SIPMessage {
        SIPMessage(self, keeping: headers.filter { names.contains($0.name) })
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

    public var contentType: String? { first(.contentType) }
}
