import SafeXML

/// An `application/msrtc-fault+xml` answer, e.g. the 409 `Client.BadCall.WrongDelta`
/// that makes a client re-publish with the current versions.
public struct PresenceFault: Equatable, Sendable, Codable {
    public struct Operation: Equatable, Sendable, Codable {
        public let name: String?
        public let index: String?
        public let categoryName: String?
        public let instance: String?
        public let container: String?
        public let currentVersion: String?
    }

    public let code: String?
    public let reason: String?
    public let operations: [Operation]

    public var summary: String {
        var text = "fault \(code ?? "?")"
        if let reason, !reason.isEmpty { text += " \(Abbreviation.quoted(reason))" }
        if !operations.isEmpty { text += ", \(operations.count) failed operation\(operations.count == 1 ? "" : "s")" }
        return text
    }

    static func decode(_ root: XMLElement) -> PresenceFault {
        PresenceFault(
            code: root.childText("Faultcode") ?? root.childText("faultcode"),
            reason: root.childText("Faultstring") ?? root.childText("faultstring"),
            operations: root.descendants(named: "operation").map { operation in
                let failure = operation.child("failure") ?? operation
                return Operation(name: operation[attribute: "name"], index: operation[attribute: "index"],
                                 categoryName: failure[attribute: "categoryName"], instance: failure[attribute: "instance"],
                                 container: failure[attribute: "container"], currentVersion: failure[attribute: "curVersion"])
            })
    }
}
