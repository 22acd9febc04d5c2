import Foundation
import Payloads
import SIP
import Timeline

/// REGISTER rounds with their authentication schemes, the outcome, the GRUU, and the
/// provisioning subscription that follows sign-in.
struct RegistrationRecognizer: ScenarioRecognizer {
    func recognise(_ conversation: Conversation, in context: RecognitionContext) -> Recognition {
        guard conversation.firstRequest?.method == .register else { return .notMatched("no REGISTER") }
        var messages = conversation.messages
        let provisioning = context.following(conversation, within: 60) { other in
            other.initiator == conversation.initiator && other.eventPackage?.hasPrefix("vnd-microsoft-provisioning") == true
        }
        provisioning.forEach(context.consume)
        messages += provisioning.flatMap(\.messages)
        var schemes: [String] = []
        for message in conversation.messages where message.observed.message.statusCode == 401 || message.observed.message.statusCode == 407 {
            for challenge in message.decoding.authentication where challenge.header.hasSuffix("Authenticate") && !schemes.contains(challenge.scheme) {
                schemes.append(challenge.scheme)
            }
        }
        var details: [String: Detail] = ["authSchemes": .texts(schemes),
                                         "rounds": .number(conversation.messages.filter { $0.observed.message.method == .register }.count)]
        let registered = conversation.finalStatus(of: .register)
        if let contact = registered?.observed.message.values(.contact).first,
           let gruu = NameAddress(parsing: contact).parameter("gruu") {
            details["gruu"] = .text(gruu.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }
        let provisioningDocument = provisioning.lazy.compactMap { $0.firstPayload { payload -> ProvisioningDocument? in
            if case .provisioning(let document) = payload, !document.isRequest { return document }
            return nil
        } }.first
        if let pool = provisioningDocument?.persistentChatPoolURI { details["chatPool"] = .text(pool) }
        if let manager = provisioningDocument?.persistentChatWebManagerURI { details["roomManager"] = .text(manager) }
        let user = conversation.initiator ?? "?"
        return .matched([Scenario(id: "", kind: .registration, variant: nil, title: "\(user) signs in",
                                  participants: StepMaker.participants(messages, identities: context.identities),
                                  outcome: Outcomes.of(registered), steps: messages.map(StepMaker.step), details: details)])
    }
}
