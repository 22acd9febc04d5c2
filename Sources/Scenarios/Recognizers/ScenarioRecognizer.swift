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
///
/// Related conversations are looked up among the same user's only (`byInitiator`), so a
/// capture of many users costs each lookup that user's conversations, not everyone's.
final class RecognitionContext {
    let conversations: [Conversation]
    /// Each user's conversations, in capture order.
    private let byInitiator: [String: [Conversation]]
    let connections: [WebConnection]
    let identities: IdentityRegistry
    private(set) var consumed: Set<String> = []
    private(set) var consumedConnections: Set<ObjectIdentifier> = []
    /// Conversations whose messages another scenario took in as its own steps.
    private(set) var attached: Set<String> = []

    /// What earlier batches of the same capture taught.
    private let memory: RecognitionMemory

    init(conversations: [Conversation], connections: [WebConnection], identities: IdentityRegistry,
         memory: RecognitionMemory = RecognitionMemory()) {
        self.conversations = conversations
        self.connections = connections
        self.identities = identities
        self.memory = memory
        byInitiator = Dictionary(grouping: conversations.filter { $0.initiator != nil }) { $0.initiator ?? "" }
    }

    /// The conversations `user` started, in capture order.
    func conversations(of user: String?) -> [Conversation] {
        user.map { byInitiator[$0] ?? [] } ?? []
    }

    /// The chat service's room-management base URL, from provisioning or getserverinfo
    /// earlier in the capture or in this batch; worked out once.
    private(set) lazy var roomManagementBase: String? = {
        var learned = memory
        learned.learn(from: conversations)
        return learned.roomManagementBase
    }()

    func consume(_ conversation: Conversation) { consumed.insert(conversation.callID) }
    func isConsumed(_ conversation: Conversation) -> Bool { consumed.contains(conversation.callID) }
    func attach(_ conversation: Conversation) { attached.insert(conversation.callID) }
    func isAttached(_ conversation: Conversation) -> Bool { attached.contains(conversation.callID) }
    func consume(_ connection: WebConnection) { consumedConnections.insert(ObjectIdentifier(connection)) }
    func isConsumed(_ connection: WebConnection) -> Bool { consumedConnections.contains(ObjectIdentifier(connection)) }

    /// Later conversations of the same user within `seconds` of `conversation`'s end, not yet taken.
    func following(_ conversation: Conversation, within seconds: Double, where matches: (Conversation) -> Bool) -> [Conversation] {
        conversations(of: conversation.initiator).filter { other in
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

    /// The first request's Event package, read as the subscription tracker reads it.
    var eventPackage: String? { firstRequest.flatMap(SubscriptionTracker.eventPackage) }

    /// The To of the first request is someone other than its From.
    var targetsSomeoneElse: Bool {
        guard let request = firstRequest, request.from != nil, request.to != nil else { return false }
        return request.fromAddressOfRecord != request.toAddressOfRecord
    }

    var targetUser: String? { firstRequest?.toAddressOfRecord }
}

/// What recognition carries from one batch of a capture's conversations to the next: the
/// room-management URLs the chat server and provisioning named.
struct RecognitionMemory {
    /// getserverinfo's, the first seen: the chat server's own wins.
    private var serverInfoURL: String?
    private var provisionedURL: String?

    var roomManagementBase: String? { serverInfoURL ?? provisionedURL }

    mutating func learn(from conversations: [Conversation]) {
        // Walked in place: listing a conversation's payloads (`payloads`) for this alone
        // would make arrays for every conversation of the batch.
        for conversation in conversations where serverInfoURL == nil {
            for message in conversation.messages { message.decoding.payload?.forEachFlattened { learn(from: $0) } }
        }
    }

    private mutating func learn(from payload: Payload) {
        switch payload {
        case .provisioning(let document):
            if provisionedURL == nil { provisionedURL = document.persistentChatWebManagerURI }
        case .xccos(let document):
            for item in document.items where serverInfoURL == nil {
                if let attributes = item.serverInfo { serverInfoURL = RoomManagementURL.serverURL(in: attributes) }
            }
        default: break
        }
    }
}
