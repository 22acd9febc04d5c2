import SafeXML

/// Someone is typing, or stopped: Microsoft's INFO `<KeyboardActivity><status status="type"/>`
/// or RFC 3994 `application/im-iscomposing+xml` `<state>active|idle</state>`.
public struct TypingIndication: Equatable, Sendable, Codable {
    /// The form it came in: `KeyboardActivity` or `isComposing`.
    public let form: String
    /// `type` / `idle` (KeyboardActivity), `active` / `idle` (RFC 3994).
    public let state: String

    public var isTyping: Bool { state == "type" || state == "active" }

    public var summary: String { isTyping ? "typing" : "stopped typing" }

    static func decode(_ root: XMLElement) -> TypingIndication? {
        switch root.name {
        case "KeyboardActivity":
            return TypingIndication(form: "KeyboardActivity", state: root.child("status")?[attribute: "status"] ?? "?")
        case "isComposing":
            return TypingIndication(form: "isComposing", state: root.childText("state") ?? "?")
        default:
            return nil
        }
    }
}

/// IM conversation control in INFO bodies: multiparty roster management
/// (`application/x-ms-mim`) and `application/xml+conversationinfo` (who, subject).
public struct IMControl: Equatable, Sendable, Codable {
    /// `multiparty` or `conversation-info`.
    public let kind: String
    /// The multiparty action element (`RequestRM`, `SetRM`…) or nil.
    public let action: String?
    public let uri: String?
    public let subject: String?

    public var summary: String {
        if kind == "multiparty" { return "multiparty \(action ?? "?")" + (uri.map { " \($0)" } ?? "") }
        return "conversation info" + (uri.map { " from \($0)" } ?? "") + (subject.map { ", subject \(Abbreviation.quoted($0))" } ?? "")
    }

    static func decode(_ root: XMLElement) -> IMControl? {
        switch root.name {
        case "action":
            let action = root.children.first
            return IMControl(kind: "multiparty", action: action?.name, uri: action?[attribute: "uri"], subject: nil)
        case "ConversationInfo":
            return IMControl(kind: "conversation-info", action: nil, uri: root.child("From")?[attribute: "uri"],
                             subject: root.childText("Subject"))
        default:
            return nil
        }
    }
}
