import Payloads
import SIP
import Timeline
import Web

/// Recognises one kind of scenario in a conversation, and says why when it does not.
protocol ScenarioRecognizer: Sendable {
    func recognise(_ conversation: Conversation, in context: RecognitionContext) -> Recognition
}

enum Recognition {
    case matched([Scenario])
    case notMatched(String)
}

/// What recognizers share: every conversation (to merge related ones), the connections,
/// the identities, and which conversations a scenario already took.
final class RecognitionContext {
    let conversations: [Conversation]
    let connections: [WebConnection]
    let identities: IdentityRegistry
    private(set) var consumed: Set<String> = []
    private(set) var consumedConnections: Set<ObjectIdentifier> = []
    /// Conversations whose messages another scenario took in as its own steps.
    private(set) var attached: Set<String> = []

    init(conversations: [Conversation], connections: [WebConnection], identities: IdentityRegistry) {
        self.conversations = conversations
        self.connections = connections
        self.identities = identities
    }

    func consume(_ conversation: Conversation) { consumed.insert(conversation.callID) }
    func isConsumed(_ conversation: Conversation) -> Bool { consumed.contains(conversation.callID) }
    func attach(_ conversation: Conversation) { attached.insert(conversation.callID) }
    func isAttached(_ conversation: Conversation) -> Bool { attached.contains(conversation.callID) }
    func consume(_ connection: WebConnection) { consumedConnections.insert(ObjectIdentifier(connection)) }
    func isConsumed(_ connection: WebConnection) -> Bool { consumedConnections.contains(ObjectIdentifier(connection)) }

    /// Later conversations of the same user within `seconds` of `conversation`'s end, not yet taken.
    func following(_ conversation: Conversation, within seconds: Double, where matches: (Conversation) -> Bool) -> [Conversation] {
        conversations.filter { other in
            other !== conversation && !isConsumed(other) && other.start >= conversation.start
                && other.start.seconds(since: conversation.end) <= seconds && matches(other)
        }
    }
}

/// Facts about a conversation that several recognizers test.
extension Conversation {
    func firstPayload<T>(_ extract: (Payload) -> T?) -> T? {
        for (_, payload) in payloads { if let value = extract(payload) { return value } }
        return nil
    }

    var eventPackage: String? {
        firstRequest?.first(.event).map { String($0.split(separator: ";").first ?? "").lowercased() }
    }

    /// The To of the first request is someone other than its From.
    var targetsSomeoneElse: Bool {
        guard let request = firstRequest, let from = request.from, let to = request.to else { return false }
        return IdentityRegistry.addressOfRecord(from.uri) != IdentityRegistry.addressOfRecord(to.uri)
    }

    var targetUser: String? { firstRequest?.to.flatMap { IdentityRegistry.addressOfRecord($0.uri) } }
}
