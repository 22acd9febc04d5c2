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
    public static let headersRead: [SIPHeaderName] = [.callID, .event, .contact]

    /// Every scenario of a whole capture at once, in report order with their ids.
    public static func analyse(messages: [AnalysedMessage], connections: [WebConnection],
                               identities: IdentityRegistry) -> [Scenario] {
        var memory = RecognitionMemory()
        let found = recognise(ConversationGrouper.group(messages), connections: connections, identities: identities, memory: &memory)
        return numbered(found)
    }

    /// The scenarios of `conversations` (in order of first message), each with its place
    /// in the report. `memory` carries what earlier batches of the same capture taught.
    static func recognise(_ conversations: [Conversation], connections: [WebConnection], identities: IdentityRegistry,
                          memory: inout RecognitionMemory) -> [OrderedScenario] {
        let context = RecognitionContext(conversations: conversations, connections: connections, identities: identities,
                                         memory: memory)
        var scenarios: [OrderedScenario] = []
        for conversation in conversations where !context.isConsumed(conversation) {
            context.consume(conversation)
            var found: [Scenario]?
            for recognizer in recognizers {
                if case .matched(let result) = recognizer.recognise(conversation, in: context) {
                    found = result
                    break
                }
            }
            if found == nil, case .matched(let generic) = GenericRecognizer().recognise(conversation, in: context) {
                found = generic
            }
            for (index, scenario) in (found ?? []).enumerated() {
                scenarios.append(OrderedScenario(scenario: scenario,
                                                 order: ScenarioOrder(start: scenario.start, conversation: conversation.ordinal, index: index)))
            }
        }
        memory.learn(from: conversations)
        return scenarios
    }

    /// Sorted into report order, with ids `s1`, `s2`… in that order.
    public static func numbered(_ found: [OrderedScenario]) -> [Scenario] {
        found.sorted { $0.order < $1.order }.enumerated().map { index, ordered in
            var scenario = ordered.scenario
            scenario.id = "s\(index + 1)"
            return scenario
        }
    }
}
