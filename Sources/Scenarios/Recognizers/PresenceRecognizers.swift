import Payloads
import SIP
import Timeline

/// SERVICE category publishes; a 409 WrongDelta and the corrected retry are one scenario.
struct PresencePublishRecognizer: ScenarioRecognizer {
    func recognise(_ conversation: Conversation, in context: RecognitionContext) -> Recognition {
        guard let first = publication(conversation) else { return .notMatched("no category publish") }
        var parts = [conversation]
        var last = conversation
        while last.finalStatus(of: .service)?.observed.message.statusCode == 409,
              let retry = context.following(last, within: 30, where: { $0.initiator == conversation.initiator && publication($0) != nil }).first {
            context.consume(retry)
            parts.append(retry)
            last = retry
        }
        let messages = parts.flatMap(\.messages)
        var details: [String: Detail] = ["attempts": .number(parts.count)]
        let final = publication(last) ?? first
        if let availability = final.publications.compactMap(\.availability).first {
            details["availability"] = .number(availability.value)
            details["band"] = .text(availability.band)
        }
        if let note = final.publications.compactMap(\.note).first { details["note"] = .text(note) }
        details["categories"] = .texts(final.publications.compactMap(\.categoryName))
        return .matched([Scenario(id: "", kind: .presencePublish, variant: nil, title: "\(conversation.initiator ?? "?") publishes presence",
                                  participants: StepMaker.participants(messages, identities: context.identities),
                                  outcome: Outcomes.of(last.finalStatus(of: .service)), steps: messages.map(StepMaker.step),
                                  details: details)])
    }

    private func publication(_ conversation: Conversation) -> CategoryPublication? {
        guard conversation.firstRequest?.method == .service else { return nil }
        return conversation.firstPayload { if case .categoryPublish(let value) = $0 { value } else { nil } }
    }
}

/// A batched presence subscription to one's own URI, and what the notifications said.
struct PresenceSubscribeRecognizer: ScenarioRecognizer {
    func recognise(_ conversation: Conversation, in context: RecognitionContext) -> Recognition {
        guard conversation.firstRequest?.method == .subscribe, conversation.eventPackage == "presence", !conversation.targetsSomeoneElse,
              let batch = conversation.firstPayload({ if case .batchSubscribe(let value) = $0 { value } else { nil } })
        else { return .notMatched("no batch presence SUBSCRIBE to self") }
        let details: [String: Detail] = ["resources": .texts(batch.resources), "presence": .texts(PresenceStates.of(conversation))]
        return .matched([Scenario(id: "", kind: .presenceSubscribe, variant: nil,
                                  title: "\(conversation.initiator ?? "?") subscribes to \(batch.resources.count) contacts",
                                  participants: StepMaker.participants(conversation.messages, identities: context.identities, extraUsers: batch.resources),
                                  outcome: Outcomes.of(conversation.finalStatus(of: .subscribe)),
                                  steps: conversation.messages.map(StepMaker.step), details: details)])
    }
}

/// Presence states a conversation reported, in order: `sip:bob@… Available`, `open`…
enum PresenceStates {
    static func of(_ conversation: Conversation) -> [String] {
        var states: [String] = []
        var seenFrames: Set<String> = []
        for (message, payload) in conversation.payloads {
            switch payload {
            case .presence, .pidf, .rlmi: break
            default: continue   // reports no state: not summarised
            }
            // A relayed copy repeats the same body: count each notification once.
            let key = "\(message.observed.message.cseq?.sequence ?? 0)-\(payload.summary)"
            guard seenFrames.insert(key).inserted else { continue }
            switch payload {
            case .presence(let categories):
                if let availability = categories.availability { states.append("\(categories.uri ?? "?") \(availability.band)") }
            case .pidf(let document):
                states.append(contentsOf: document.tuples.compactMap(\.basic))
            case .rlmi(let list):
                states.append(contentsOf: list.resources.filter { $0.states.contains("resubscribe") }.map { "\($0.uri ?? "?") resubscribe" })
            default:
                break
            }
        }
        return states
    }
}
