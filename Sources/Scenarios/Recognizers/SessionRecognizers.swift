import Payloads
import SIP
import Timeline

/// An IM session: INVITE with `m=message`, the first text in ms-text-format, MESSAGEs both
/// ways, typing, BYE. A legacy file offer (msmsgsinvite) inside it is a file transfer too.
struct SendMessageRecognizer: ScenarioRecognizer {
    func recognise(_ conversation: Conversation, in context: RecognitionContext) -> Recognition {
        guard conversation.firstRequest?.method == .invite,
              let offer = conversation.firstPayload({ if case .sdp(let value) = $0, value.isInstantMessaging { value } else { nil } })
        else { return .notMatched("no INVITE with m=message") }
        guard !conversation.payloads.contains(where: { if case .xccos = $0.payload { true } else { false } }) else {
            return .notMatched("a chat-room session")
        }
        var texts: [String] = offer.firstMessage.map { [$0.text] } ?? []
        // A caller whose first text was not taken in the INVITE sends it again as the first MESSAGE.
        var mayRepeatFirst = offer.firstMessage != nil
        var typing = 0
        for (message, payload) in conversation.distinctRequests {
            switch payload {
            case .imText(let text) where message.observed.message.method == .message:
                defer { mayRepeatFirst = false }
                if mayRepeatFirst, text.text == texts.first { continue }
                texts.append(text.text)
            case .typing(let indication) where indication.isTyping: typing += 1
            default: break
            }
        }
        let invite = conversation.messages.last { $0.observed.message.cseq?.method == .invite && ($0.observed.message.statusCode ?? 0) >= 200 }
        let participants = StepMaker.participants(conversation.messages, identities: context.identities)
        let users = participants.filter { $0.role == .user }.map(\.uri)
        var scenarios = [Scenario(id: "", kind: .sendMessage, variant: nil, title: users.joined(separator: " → "),
                                  participants: participants, outcome: Outcomes.of(invite), steps: conversation.messages.map(StepMaker.step),
                                  details: ["texts": .texts(texts), "typing": .number(typing)])]
        if let transfer = LegacyTransfer.scenario(conversation, participants: participants) { scenarios.append(transfer) }
        return .matched(scenarios)
    }
}

/// `text/x-msmsgsinvite` offers and their answers inside an IM dialog.
enum LegacyTransfer {
    static func scenario(_ conversation: Conversation, participants: [Scenario.Participant]) -> Scenario? {
        let invites = conversation.distinctRequests.compactMap { entry -> (AnalysedMessage, MSMsgsInvite)? in
            if case .msmsgsinvite(let value) = entry.payload { return (entry.message, value) }
            return nil
        }
        guard let offer = invites.first(where: { $0.1.command?.uppercased() == "INVITE" })?.1 else { return nil }
        let answer = invites.last { $0.1.cookie == offer.cookie && $0.1.command?.uppercased() != "INVITE" }?.1
        let outcome: Scenario.Outcome
        switch answer?.command?.uppercased() {
        case "ACCEPT": outcome = .completed
        case "CANCEL": outcome = .failed(answer?.cancelCode)
        default: outcome = .incomplete
        }
        let cseqs = Set(invites.compactMap { $0.0.observed.message.cseq.map { "\($0.sequence) \($0.method.rawValue)" } })
        let steps = conversation.messages.filter { message in
            message.observed.message.cseq.map { cseqs.contains("\($0.sequence) \($0.method.rawValue)") } == true
        }.map(StepMaker.step)
        var details: [String: Detail] = ["fileName": .text(offer.fileName ?? "?"), "cookie": .text(offer.cookie ?? "?")]
        if let size = offer.fileSize { details["fileSize"] = .number(size) }
        return Scenario(id: "", kind: .fileTransfer, variant: "p2p-legacy", title: "\(offer.fileName ?? "a file") offered",
                        participants: participants, outcome: outcome, steps: steps, details: details)
    }
}

/// A Lync peer-to-peer file transfer: INVITE multipart/mixed with publishFile, then INFO
/// downloadFile, progress and the final response (success, or failure with a reason).
struct FileTransferRecognizer: ScenarioRecognizer {
    func recognise(_ conversation: Conversation, in context: RecognitionContext) -> Recognition {
        let documents = conversation.distinctRequests.compactMap { entry -> FileTransferDocument? in
            if case .fileTransfer(let value) = entry.payload { return value }
            return nil
        }
        guard conversation.firstRequest?.method == .invite, let publish = documents.first(where: { $0.operation == "publishFile" })
        else { return .notMatched("no INVITE with publishFile") }
        let download = documents.first { $0.operation == "downloadFile" }
        let outcome: Scenario.Outcome
        if let failure = documents.first(where: { $0.kind == "response" && $0.code == "failure" }) {
            outcome = .failed(failure.reason ?? "failure")
        } else if let download, documents.contains(where: { $0.kind == "response" && $0.code == "success" && $0.requestID == download.requestID }) {
            outcome = .completed
        } else {
            outcome = .incomplete
        }
        var details: [String: Detail] = ["fileName": .text(publish.fileName ?? "?")]
        if let size = publish.fileSize { details["fileSize"] = .number(size) }
        if let received = documents.compactMap(\.bytesTo).last { details["bytesReceived"] = .number(received + 1) }
        return .matched([Scenario(id: "", kind: .fileTransfer, variant: "p2p", title: "\(publish.fileName ?? "a file") sent",
                                  participants: StepMaker.participants(conversation.messages, identities: context.identities),
                                  outcome: outcome, steps: conversation.messages.map(StepMaker.step), details: details)])
    }
}

/// An audio or video call.
struct CallRecognizer: ScenarioRecognizer {
    func recognise(_ conversation: Conversation, in context: RecognitionContext) -> Recognition {
        guard conversation.firstRequest?.method == .invite,
              let offer = conversation.firstPayload({ if case .sdp(let value) = $0 { value } else { nil } }),
              offer.media.contains(where: { $0.kind == "audio" || $0.kind == "video" || $0.kind == "image" })
        else { return .notMatched("no INVITE offering audio or video") }
        let final = conversation.messages.first { $0.observed.message.cseq?.method == .invite && ($0.observed.message.statusCode ?? 0) >= 200 }
        let media = offer.media.map(\.kind)
        return .matched([Scenario(id: "", kind: .call, variant: nil, title: "call (\(media.joined(separator: ", ")))",
                                  participants: StepMaker.participants(conversation.messages, identities: context.identities),
                                  outcome: Outcomes.of(final), steps: conversation.messages.map(StepMaker.step),
                                  details: ["media": .texts(media)])])
    }
}

/// Everything else, so that no SIP message is left out of the report.
struct GenericRecognizer: ScenarioRecognizer {
    func recognise(_ conversation: Conversation, in context: RecognitionContext) -> Recognition {
        let isDialog = conversation.messages.contains { $0.dialogID != nil }
        let method = conversation.firstRequest?.method?.rawValue ?? conversation.messages.first?.observed.message.cseq?.method.rawValue ?? "?"
        let final = conversation.messages.first { ($0.observed.message.statusCode ?? 0) >= 200 }
        return .matched([Scenario(id: "", kind: isDialog ? .sipDialog : .sipTransaction, variant: nil,
                                  title: "\(method) \(conversation.callID)",
                                  participants: StepMaker.participants(conversation.messages, identities: context.identities),
                                  outcome: Outcomes.of(final), steps: conversation.messages.map(StepMaker.step),
                                  details: ["method": .text(method)])])
    }
}

/// Requests seen once each — a relayed copy of a request repeats its CSeq and From tag.
enum Distinct {
    /// What makes two requests the same besides their payload.
    struct RequestKey: Hashable {
        let sequence: UInt32
        let method: SIPMethod
        let fromTag: String
    }

    /// The request payloads, each once: a retransmission (same CSeq, From tag and payload)
    /// or the relayed copy of a request is left out. A payload is summarised only when its
    /// key repeats and it differs from the payloads kept under that key.
    static func requests(among payloads: [(message: AnalysedMessage, payload: Payload)])
        -> [(message: AnalysedMessage, payload: Payload)] {
        var kept: [RequestKey: [(payload: Payload, summary: String?)]] = [:]
        return payloads.filter { entry in
            let message = entry.message.observed.message
            guard message.method != nil, let cseq = message.cseq else { return false }
            let key = RequestKey(sequence: cseq.sequence, method: cseq.method, fromTag: message.from?.tag ?? "")
            guard var same = kept[key] else {
                kept[key] = [(entry.payload, nil)]
                return true
            }
            // Equal payloads have equal summaries: the relayed copy of a request, the usual
            // repeat, is told apart without making any summary.
            if same.contains(where: { $0.payload == entry.payload }) { return false }
            let summary = entry.payload.summary
            defer { kept[key] = same }
            for index in same.indices {
                let earlier = same[index].summary ?? same[index].payload.summary
                same[index].summary = earlier
                if earlier == summary { return false }
            }
            same.append((entry.payload, summary))
            return true
        }
    }
}
