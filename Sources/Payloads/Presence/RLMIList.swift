import SafeXML

/// An RFC 4662 resource list (`application/rlmi+xml`): which resources a batch
/// notification covers and each instance's state. Lync adds `state="resubscribe"`
/// (optionally with `poolFqdn`) to ask for an individual subscription.
public struct RLMIList: Equatable, Sendable, Codable {
    public struct Resource: Equatable, Sendable, Codable {
        public let uri: String?
        public let name: String?
        /// `instance/@state`: active, pending, terminated, resubscribe.
        public let states: [String]
        public let poolFQDN: String?
        public let contentIDs: [String]
    }

    public let uri: String?
    public let version: String?
    public let fullState: Bool?
    public let resources: [Resource]

    public var resubscribeURIs: [String] {
        resources.filter { $0.states.contains("resubscribe") }.compactMap(\.uri)
    }

    public var summary: String {
        var text = "resource list of \(resources.count): " + resources.prefix(5).map { resource in
            "\(resource.uri ?? "?") \(resource.states.joined(separator: "/"))"
        }.joined(separator: ", ")
        if resources.count > 5 { text += ", …" }
        return text
    }

    static func decode(_ root: XMLElement) -> RLMIList {
        RLMIList(
            uri: root[attribute: "uri"], version: root[attribute: "version"],
            fullState: root[attribute: "fullState"].map { $0 == "true" },
            resources: root.children(named: "resource").map { resource in
                let instances = resource.children(named: "instance")
                return Resource(uri: resource[attribute: "uri"], name: resource.childText("name"),
                                states: instances.compactMap { $0[attribute: "state"] },
                                poolFQDN: instances.compactMap { $0[attribute: "poolFqdn"] }.first,
                                contentIDs: instances.compactMap { $0[attribute: "cid"] })
            })
    }
}
