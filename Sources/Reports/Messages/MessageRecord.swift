import Decode
import Payloads
import SIP
import Timeline
import Wire

/// One SIP message in the `messages` listing; its JSON keys are a published interface
/// (README "messages JSON"), so they change only with the schema version.
public struct MessageRecord: Encodable, Sendable {
    public struct CSeqRecord: Encodable, Equatable, Sendable {
        public let seq: UInt32
        public let method: String
    }

    public struct Party: Encodable, Equatable, Sendable {
        public let uri: String
        public let tag: String?

        enum CodingKeys: String, CodingKey { case uri, tag }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(uri, forKey: .uri)
            try container.encode(tag, forKey: .tag)
        }
    }

    public let frame: UInt64
    public let time: String
    public let src: String
    public let dst: String
    public let transport: String
    public let method: String?
    public let requestUri: String?
    public let status: Int?
    public let reason: String?
    public let callId: String?
    public let cseq: CSeqRecord?
    public let from: Party?
    public let to: Party?
    public let contentType: String?
    public let bodyLength: Int
    public let transaction: String?
    public let retransmission: Bool
    /// On the first final response of a transaction: seconds since its request.
    public let responseTime: Double?
    public let dialog: String?
    public let subscription: Subscription?
    public let payload: PayloadRecord?
    public let diagnostics: [MicrosoftDiagnostic]
    public let authentication: [AuthenticationChallenge]

    public init(_ analysed: AnalysedMessage, timestampFractionDigits: Int = 6) {
        let observed = analysed.observed
        let message = observed.message
        frame = observed.frame
        time = observed.time.iso8601(fractionDigits: timestampFractionDigits)
        src = observed.source.description
        dst = observed.destination.description
        transport = observed.transport.rawValue
        method = message.method?.rawValue
        requestUri = message.requestURI
        status = message.statusCode
        reason = message.reasonPhrase
        callId = message.callID
        cseq = message.cseq.map { CSeqRecord(seq: $0.sequence, method: $0.method.rawValue) }
        from = message.from.map { Party(uri: $0.uri, tag: $0.tag) }
        to = message.to.map { Party(uri: $0.uri, tag: $0.tag) }
        contentType = message.contentType
        bodyLength = message.bodyLength
        transaction = analysed.transaction.transactionID
        retransmission = analysed.transaction.isRetransmission
        responseTime = analysed.transaction.responseTime
        dialog = analysed.dialogID
        subscription = analysed.subscription
        payload = analysed.decoding.payload.map(PayloadRecord.init)
        diagnostics = analysed.decoding.diagnostics
        authentication = analysed.decoding.authentication
    }

    /// Absent values are written as `null`, not left out: consumers can rely on every key.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(frame, forKey: .frame)
        try container.encode(time, forKey: .time)
        try container.encode(src, forKey: .src)
        try container.encode(dst, forKey: .dst)
        try container.encode(transport, forKey: .transport)
        try container.encode(method, forKey: .method)
        try container.encode(requestUri, forKey: .requestUri)
        try container.encode(status, forKey: .status)
        try container.encode(reason, forKey: .reason)
        try container.encode(callId, forKey: .callId)
        try container.encode(cseq, forKey: .cseq)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(contentType, forKey: .contentType)
        try container.encode(bodyLength, forKey: .bodyLength)
        try container.encode(transaction, forKey: .transaction)
        try container.encode(retransmission, forKey: .retransmission)
        try container.encode(responseTime, forKey: .responseTime)
        try container.encode(dialog, forKey: .dialog)
        try container.encode(subscription, forKey: .subscription)
        try container.encode(payload, forKey: .payload)
        try container.encode(diagnostics, forKey: .diagnostics)
        try container.encode(authentication, forKey: .authentication)
    }

    enum CodingKeys: String, CodingKey {
        case frame, time, src, dst, transport, method, requestUri, status, reason, callId, cseq, from, to
        case contentType, bodyLength, transaction, retransmission, responseTime, dialog, subscription, payload
        case diagnostics, authentication
    }
}
