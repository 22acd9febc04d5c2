import Payloads
import SIP
import Timeline

/// Adding a contact: internally (SERVICE setContact → contactDelta addedContact → presence
/// SUBSCRIBE → setContainerMembers), or to a federated user (SUBSCRIBE refused 403, then a
/// batchSub SUBSCRIBE and NOTIFYs with the contact's presence over time).
struct AddContactRecognizer: ScenarioRecognizer {
    func recognise(_ conversation: Conversation, in context: RecognitionContext) -> Recognition {
        if let soap = conversation.firstPayload({ if case .soap(let value) = $0 { value } else { nil } }),
           conversation.firstRequest?.method == .service, soap.operation == "setContact" {
            return internalForm(conversation, contact: soap.fields["URI"] ?? "?", in: context)
        }
        if conversation.firstRequest?.method == .subscribe, conversation.eventPackage == "presence", conversation.targetsSomeoneElse {
            return federatedForm(conversation, in: context)
        }
        return .notMatched("neither setContact nor a presence SUBSCRIBE to another user")
    }

    private func internalForm(_ conversation: Conversation, contact: String, in context: RecognitionContext) -> Recognition {
        let contactAOR = NameAddress.addressOfRecord(contact) ?? contact
        let related = context.following(conversation, within: 60) { other in
            other.firstPayload { payload -> Bool? in
                switch payload {
                case .contacts(let list): return list.contacts.contains { $0.uri.flatMap(NameAddress.addressOfRecord) == contactAOR } ? true : nil
                case .batchSubscribe(let batch): return batch.resources.compactMap(NameAddress.addressOfRecord) == [contactAOR] ? true : nil
                case .containerMembers(let members): return members.changes.contains { ("sip:" + ($0.value ?? "")).lowercased() == contactAOR } ? true : nil
                default: return nil
                }
            } ?? false
        }
        related.forEach(context.consume)
        let parts = [conversation] + related
        let messages = parts.flatMap(\.messages).sorted { $0.observed.frame < $1.observed.frame }
        let states = related.flatMap(PresenceStates.of)
        return .matched([Scenario(id: "", kind: .addContact, variant: "internal",
                                  title: "\(conversation.initiator ?? "?") adds \(contactAOR)",
                                  participants: StepMaker.participants(messages, identities: context.identities, extraUsers: [contactAOR]),
                                  outcome: Outcomes.of(conversation.finalStatus(of: .service)), steps: messages.map(StepMaker.step),
                                  details: ["contact": .text(contactAOR), "presence": .texts(states)])])
    }

    private func federatedForm(_ conversation: Conversation, in context: RecognitionContext) -> Recognition {
        guard let contact = conversation.targetUser else { return .notMatched("no target") }
        var parts = [conversation]
        if conversation.finalStatus(of: .subscribe)?.observed.message.statusCode == 403 {
            let retry = context.following(conversation, within: 120) { $0.firstRequest?.method == .subscribe && $0.targetUser == contact }
            retry.prefix(1).forEach(context.consume)
            parts += retry.prefix(1)
        }
        let messages = parts.flatMap(\.messages)
        let last = parts.last ?? conversation
        var details: [String: Detail] = ["contact": .text(contact), "presence": .texts(parts.flatMap(PresenceStates.of))]
        if let refusal = conversation.finalStatus(of: .subscribe), refusal.observed.message.statusCode == 403 {
            details["firstRefusal"] = .text(Outcomes.reason(refusal))
        }
        return .matched([Scenario(id: "", kind: .addContact, variant: "federated",
                                  title: "\(conversation.initiator ?? "?") adds \(contact)",
                                  participants: StepMaker.participants(messages, identities: context.identities),
                                  outcome: Outcomes.of(last.finalStatus(of: .subscribe)), steps: messages.map(StepMaker.step),
                                  details: details)])
    }
}
