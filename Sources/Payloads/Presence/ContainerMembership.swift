import SafeXML

/// `application/msrtc-setcontainermembers+xml`: who is added to or removed from which
/// access-level container (100 external … 400 personal, 32000 blocked).
public struct ContainerMembership: Equatable, Sendable, Codable {
    public struct Change: Equatable, Sendable, Codable {
        public let container: String?
        public let action: String?
        public let type: String?
        public let value: String?
    }

    public let changes: [Change]

    public var summary: String {
        "container members: " + changes.map { "\($0.action ?? "?") \($0.value ?? $0.type ?? "?") to \($0.container ?? "?")" }
            .joined(separator: ", ")
    }

    static func decode(_ root: XMLElement) -> ContainerMembership {
        ContainerMembership(changes: root.children(named: "container").flatMap { container in
            container.children(named: "member").map {
                Change(container: container[attribute: "id"], action: $0[attribute: "action"],
                       type: $0[attribute: "type"], value: $0[attribute: "value"])
            }
        })
    }
}
