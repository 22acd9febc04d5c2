import Payloads
import SIP
import Timeline
import Wire

/// The messages of one Call-ID, in capture order — both legs of a relayed exchange included.
///
/// Facts that recognizers ask for again and again are worked out once, on first use: a
/// conversation is complete before any recognizer sees it.
public final class Conversation {
    public let callID: String
    /// Where its first message stands among the capture's messages: conversations are
    /// recognised in this order.
    public let ordinal: Int
    public private(set) var messages: [AnalysedMessage] = []

    init(callID: String, ordinal: Int) {
        self.callID = callID
        self.ordinal = ordinal
    }

    func append(_ message: AnalysedMessage) { messages.append(message) }

    public private(set) lazy var firstRequest: SIPMessage? = messages.first { $0.observed.message.method != nil }?.observed.message
    public var start: Timestamp { messages.first?.observed.time ?? Timestamp(seconds: 0, nanoseconds: 0) }
    public var end: Timestamp { messages.last?.observed.time ?? start }

    /// The user who started it: the From of its first request.
    public private(set) lazy var initiator: String? = firstRequest?.fromAddressOfRecord

    /// The final status of the first transaction of `method`, answered last (after relays).
    func finalStatus(of method: SIPMethod) -> AnalysedMessage? {
        messages.last { candidate in
            let message = candidate.observed.message
            guard let status = message.statusCode, status >= 200 else { return false }
            return message.cseq?.method == method
        }
    }

    /// Every decoded payload, flattened through multiparts, with the message that carried it.
    private(set) lazy var payloads: [(message: AnalysedMessage, payload: Payload)] = {
        // One array, room for one payload per message: no list per message to flatten.
        var payloads: [(message: AnalysedMessage, payload: Payload)] = []
        payloads.reserveCapacity(messages.count)
        for message in messages { message.decoding.payload?.forEachFlattened { payloads.append((message, $0)) } }
        return payloads
    }()

    /// The request payloads without retransmissions and relayed copies (`Distinct`).
    private(set) lazy var distinctRequests = Distinct.requests(among: payloads)

    /// The messages of the transaction `message` belongs to — requests, retransmissions,
    /// relayed copies and answers alike — in capture order.
    func transaction(of message: SIPMessage) -> [AnalysedMessage] {
        guard let cseq = message.cseq else { return [] }
        return messagesByTransaction[TransactionOfRequest(sequence: cseq.sequence, method: cseq.method, fromTag: message.from?.tag)] ?? []
    }

    /// What the messages of one transaction share: CSeq and From tag.
    private struct TransactionOfRequest: Hashable {
        let sequence: UInt32
        let method: SIPMethod
        let fromTag: String?
    }

    /// Grouped in one pass on first use, rather than a pass over every message per request.
    private lazy var messagesByTransaction: [TransactionOfRequest: [AnalysedMessage]] = {
        var groups: [TransactionOfRequest: [AnalysedMessage]] = [:]
        for analysed in messages {
            let message = analysed.observed.message
            guard let cseq = message.cseq else { continue }
            groups[TransactionOfRequest(sequence: cseq.sequence, method: cseq.method, fromTag: message.from?.tag), default: []]
                .append(analysed)
        }
        return groups
    }()
}

/// Splits analysed messages into conversations by Call-ID, in order of their first message.
enum ConversationGrouper {
    static func group(_ messages: [AnalysedMessage]) -> [Conversation] {
        var byCallID: [String: Conversation] = [:]
        var ordered: [Conversation] = []
        for (index, message) in messages.enumerated() {
            let callID = message.observed.message.callID ?? "frame-\(message.observed.frame)"
            if let conversation = byCallID[callID] {
                conversation.append(message)
            } else {
                let conversation = Conversation(callID: callID, ordinal: index)
                conversation.append(message)
                byCallID[callID] = conversation
                ordered.append(conversation)
            }
        }
        return ordered
    }
}
