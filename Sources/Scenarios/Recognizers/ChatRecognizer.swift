import Payloads
import SIP
import Timeline
import Web

/// Persistent chat over XCCOS: the lookup dialog (cmd:requri) and the channel dialog give
/// a join (cmd:join / bjoin and the reply with the room and members, history), each
/// grpchat a post, cmd:part a leave, and a file token exchange followed by HTTPS to the
/// service it names a chat-room file upload or download.
struct ChatRecognizer: ScenarioRecognizer {
    /// Seconds after a token reply within which an HTTPS connection to its service counts.
    static let transferWindow = 300.0

    func recognise(_ conversation: Conversation, in context: RecognitionContext) -> Recognition {
        let items = XCCOSExchange.items(conversation)
        guard !items.isEmpty else { return .notMatched("no XCCOS") }
        if items.allSatisfy({ $0.item.id.hasSuffix(":requri") }) {
            // A lookup dialog: the join in the channel dialog that follows takes it in.
            let channelFollows = context.conversations(of: conversation.initiator).contains { other in
                other !== conversation && other.start >= conversation.start && other.start.seconds(since: conversation.end) <= 60
                    && XCCOSExchange.items(other).contains { !$0.item.id.hasSuffix(":requri") }
            }
            if channelFollows { return .matched([]) }
        }
        let lookup = context.conversations(of: conversation.initiator).last { other in
            other.start <= conversation.start && other !== conversation && !context.isAttached(other)
                && XCCOSExchange.items(other).allSatisfy { $0.item.id.hasSuffix(":requri") }
                && !XCCOSExchange.items(other).isEmpty
        }
        if let lookup { context.attach(lookup) }
        var builder = ChatScenarioBuilder(conversation: conversation, context: context, lookup: lookup)
        for exchange in items { builder.add(exchange) }
        return .matched(builder.finish())
    }
}

/// One XCCOS item with the INFO transaction that carried it (both relayed legs and answers).
struct XCCOSExchange {
    let item: XCCOSItem
    let envelope: XCCOSDocument
    let messages: [AnalysedMessage]
    let fromClient: Bool

    static func items(_ conversation: Conversation) -> [XCCOSExchange] {
        var result: [XCCOSExchange] = []
        var seen: Set<String> = []
        for (message, payload) in conversation.payloads {
            guard case .xccos(let document) = payload, let cseq = message.observed.message.cseq,
                  message.observed.message.method == .info else { continue }
            let key = "\(cseq.sequence) \(message.observed.message.from?.tag ?? "")"
            guard seen.insert(key).inserted else { continue }
            let transaction = conversation.transaction(of: message.observed.message)
            let fromClient = message.observed.message.fromAddressOfRecord == conversation.initiator
            for item in document.items {
                result.append(XCCOSExchange(item: item, envelope: document, messages: transaction, fromClient: fromClient))
            }
        }
        return result
    }

    var succeeded: Bool { item.response.map { $0.code == 200 } ?? messages.contains { $0.observed.message.statusCode == 200 } }
}
