import Wire

/// A SIP request or response: start line, headers in wire order (repeats kept), body.
///
/// A class, immutable: every stage hands messages on, and a copy is then one reference
/// rather than the dozens of strings and arrays a message holds.
public final class SIPMessage: Equatable, Sendable {
    public let startLine: SIPStartLine
    /// The request's method, or nil for a response; read by every stage, so kept apart
    /// from the start line rather than copied out of it each time.
    public let method: SIPMethod?
    /// The response's status code, or nil for a request.
    public let statusCode: Int?
    /// The header lines; a value is made text when asked for (`first`, `values`).
    public let fields: SIPHeaderFields
    public let body: [UInt8]
    /// Length of the body on the wire. Larger than `body.count` only when the body was
    /// over the message-size limit and skipped rather than kept.
    public let bodyLength: Int
    /// What every correlation stage reads, worked out once when the message is made (on
    /// the extraction thread, off the correlating one) and kept by `retaining`.
    public let from: NameAddress?
    public let to: NameAddress?
    public let cseq: CSeq?
    /// The Call-ID and the From and To addresses of record (`NameAddress.addressOfRecord`
    /// of their URIs), hashed here: they key the correlating thread's largest tables.
    public let callIDKey: HashedText?
    public let fromAddressOfRecordKey: HashedText?
    public let toAddressOfRecordKey: HashedText?
    public var callID: String? { callIDKey?.text }
    public var fromAddressOfRecord: String? { fromAddressOfRecordKey?.text }
    public var toAddressOfRecord: String? { toAddressOfRecordKey?.text }
    /// The top Via's branch, when it carries the RFC 3261 cookie.
    public let transactionBranch: String?
    /// Exactly one Via value: the message came straight from the agent that sent it, or
    /// (a response) goes straight back to it, through no proxy.
    public let hasSingleVia: Bool

    public convenience init(startLine: SIPStartLine, headers: [SIPHeader], body: [UInt8], bodyLength: Int? = nil) {
        self.init(startLine: startLine, fields: SIPHeaderFields(headers), body: body, bodyLength: bodyLength)
    }

    public init(startLine: SIPStartLine, fields: SIPHeaderFields, body: [UInt8], bodyLength: Int? = nil) {
        self.startLine = startLine
        switch startLine {
        case .request(let method, _): (self.method, statusCode) = (method, nil)
        case .response(let status, _): (method, statusCode) = (nil, status)
        }
        self.fields = fields
        self.body = body
        self.bodyLength = bodyLength ?? body.count
        var from: NameAddress?, to: NameAddress?, cseq: CSeq?, callID: String?, topVia: Int?
        var viaLines = 0
        // Compared by number: taking each name out of the fields would retain its text.
        for index in fields.indices {
            switch fields.wellKnownNumber(at: index) {
            case SIPHeaderName.from.wellKnownNumber where from == nil:
                from = fields.withValueBytes(at: index) { NameAddress(bytes: $0) }
            case SIPHeaderName.to.wellKnownNumber where to == nil:
                to = fields.withValueBytes(at: index) { NameAddress(bytes: $0) }
            case SIPHeaderName.cseq.wellKnownNumber where cseq == nil:
                cseq = fields.withValueBytes(at: index) { CSeq(bytes: $0) }
            case SIPHeaderName.callID.wellKnownNumber where callID == nil: callID = fields.value(at: index)
            case SIPHeaderName.via.wellKnownNumber:
                viaLines += 1
                if topVia == nil { topVia = index }
            default: break
            }
        }
        self.from = from
        self.to = to
        self.cseq = cseq
        callIDKey = callID.map { HashedText($0) }
        fromAddressOfRecordKey = from.flatMap { NameAddress.addressOfRecord($0.uri) }.map { HashedText($0) }
        toAddressOfRecordKey = to.flatMap { NameAddress.addressOfRecord($0.uri) }.map { HashedText($0) }
        // The top Via read from its bytes; made text and split only when the line may hold several values.
        let (branch, topLineHoldsOne) = topVia.map { index in
            fields.withValueBytes(at: index) { bytes -> (String?, Bool) in
                guard bytes.contains(UInt8(ascii: ",")) else { return (ViaBranch.rfc3261Branch(ofViaValue: bytes), true) }
                let line = String(decoding: bytes, as: UTF8.self)
                return (ViaBranch.rfc3261Branch(ofVia: line), HeaderValueSplitter.split(line).count == 1)
            }
        } ?? (nil, false)
        transactionBranch = branch
        hasSingleVia = viaLines == 1 && topLineHoldsOne
    }

    /// Every header as text, in wire order.
    public var headers: [SIPHeader] { fields.headers }

    public static func == (lhs: SIPMessage, rhs: SIPMessage) -> Bool {
        lhs === rhs || (lhs.startLine == rhs.startLine && lhs.fields == rhs.fields && lhs.body == rhs.body
                        && lhs.bodyLength == rhs.bodyLength)
    }

    private init(_ message: SIPMessage, keeping fields: SIPHeaderFields) {
        startLine = message.startLine
        method = message.method
        statusCode = message.statusCode
        self.fields = fields
        body = []
        bodyLength = message.bodyLength
        from = message.from
        to = message.to
        cseq = message.cseq
        callIDKey = message.callIDKey
        fromAddressOfRecordKey = message.fromAddressOfRecordKey
        toAddressOfRecordKey = message.toAddressOfRecordKey
        transactionBranch = message.transactionBranch
        hasSingleVia = message.hasSingleVia
    }

    /// The message without its body and without the headers not named: what a later
    /// stage keeps of it when holding many messages for long. A short list of names,
    /// compared as numbers, rather than a set to hash every header into.
    public func retaining(_ names: [SIPHeaderName]) -> SIPMessage {
        SIPMessage(self, keeping: fields.keeping(names))
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
        fields.firstIndex(of: name).map { fields.value(at: $0) }
    }

    /// Every value of a header: repeated lines and comma-separated values alike, in order.
    public func values(_ name: SIPHeaderName) -> [String] {
        var values: [String] = []
        fields.forEachIndex(named: name) { values += HeaderValueSplitter.split(fields.value(at: $0)) }
        return values
    }

    /// Each header whose name is one of `names`, in wire order, with the position of its
    /// name in `names`: one pass for several names, none of the others copied out.
    public func forEachHeader(namedAnyOf names: [SIPHeaderName], _ body: (_ nameIndex: Int, _ value: String) throws -> Void) rethrows {
        try fields.forEachIndex(namedAnyOf: names) { index, nameIndex in try body(nameIndex, fields.value(at: index)) }
    }

    public var contentType: String? { first(.contentType) }
}
