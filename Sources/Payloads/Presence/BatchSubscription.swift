import SafeXML

/// A batched category subscription (`application/msrtc-adrl-categorylist+xml`, MS-PRES
/// §2.2.2.4.1): the resources subscribed to and the categories asked for. Also the
/// legacy `application/adrl+xml` ad-hoc list.
public struct BatchSubscription: Equatable, Sendable, Codable {
    public let uri: String?
    /// `subscribe` or `unsubscribe`.
    public let action: String?
    public let resources: [String]
    public let categories: [String]

    public var summary: String {
        var text = "\(action ?? "subscribe") \(resources.count) resource\(resources.count == 1 ? "" : "s")"
        if !resources.isEmpty { text += " (" + resources.prefix(4).joined(separator: ", ") + (resources.count > 4 ? ", …" : "") + ")" }
        if !categories.isEmpty { text += " for " + categories.joined(separator: ", ") }
        return text
    }

    static func decode(_ root: XMLElement) -> BatchSubscription {
        let action = root.child("action") ?? root.child("create")
        return BatchSubscription(
            uri: root[attribute: "uri"], action: action?[attribute: "name"] ?? action?.name,
            resources: root.descendants(named: "resource").compactMap { $0[attribute: "uri"] },
            categories: root.descendants(named: "category").compactMap { $0[attribute: "name"] })
    }
}
