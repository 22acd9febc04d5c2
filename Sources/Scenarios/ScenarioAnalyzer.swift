import SIP
import Timeline
import Web

/// Rebuilds what the users did from a capture's analysed messages and connections:
/// each conversation goes to the first recognizer that claims it; recognizers may take in
/// related conversations (a retry, the provisioning after sign-in, the lookup before a
/// join) and connections (the HTTPS upload after a file token). Nothing is left out: a
/// conversation no recognizer claims becomes a generic dialog or transaction.
public enum ScenarioAnalyzer {
    static let recognizers: [any ScenarioRecognizer] = [
        RegistrationRecognizer(), PresencePublishRecognizer(), AddContactRecognizer(), PresenceSubscribeRecognizer(),
        ChatRecognizer(), FileTransferRecognizer(), SendMessageRecognizer(), CallRecognizer(),
    ]

    /// The only headers the recognizers read (besides From, To and CSeq, parsed apart):
    /// a caller holding messages for `analyse` may drop the rest, and the bodies.
    public static let headersRead: Set<SIPHeaderName> = [.callID, .event, .contact]

    public static func analyse(messages: [AnalysedMessage], connections: [WebConnection],
                               identities: IdentityRegistry) -> [Scenario] {
        let conversations = ConversationGrouper.group(messages)
        let context = RecognitionContext(conversations: conversations, connections: connections, identities: identities)
        var scenarios: [Scenario] = []
        for conversation in conversations where !context.isConsumed(conversation) {
            context.consume(conversation)
            var found: [Scenario]?
            for recognizer in recognizers {
                if case .matched(let result) = recognizer.recognise(conversation, in: context) {
                    found = result
                    break
                }
            }
            if let found {
                scenarios += found
            } else if case .matched(let generic) = GenericRecognizer().recognise(conversation, in: context) {
                scenarios += generic
            }
        }
        scenarios.sort { ($0.start?.seconds ?? 0, $0.start?.nanoseconds ?? 0) < ($1.start?.seconds ?? 0, $1.start?.nanoseconds ?? 0) }
        for index in scenarios.indices { scenarios[index].id = "s\(index + 1)" }
        return scenarios
    }
}
