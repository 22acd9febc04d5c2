import SafeXML

/// In-band provisioning ([MS-SIPREGE] §2.2.2.5.11): the client's `provisioningGroupList`
/// request, or the server's `provisionGroupList` answer with each group's settings.
/// `persistentChatConfiguration` properties name the chat pool and its web manager.
public struct ProvisioningDocument: Equatable, Sendable, Codable {
    public struct Group: Equatable, Sendable, Codable {
        public let name: String
        /// Simple settings: `propertyEntryList/property name=…` and leaf child elements.
        public let settings: [String: String]
    }

    /// True for the client's request, false for the server's answer.
    public let isRequest: Bool
    public let groups: [Group]

    /// `DefaultPersistentChatPoolUri` when the answer carries it.
    public var persistentChatPoolURI: String? { setting("DefaultPersistentChatPoolUri") }

    /// The room-management web base (`PersistentChatWebManagerUriInt`, else `…Ext`).
    public var persistentChatWebManagerURI: String? {
        setting("PersistentChatWebManagerUriInt") ?? setting("PersistentChatWebManagerUriExt")
    }

    public func setting(_ name: String) -> String? {
        groups.lazy.compactMap { $0.settings[name] }.first
    }

    public var summary: String {
        if isRequest { return "provisioning request for " + groups.map(\.name).joined(separator: ", ") }
        var text = "provisioning: " + groups.map(\.name).joined(separator: ", ")
        if let pool = persistentChatPoolURI { text += ", chat pool \(pool)" }
        if let manager = persistentChatWebManagerURI { text += ", room manager \(manager)" }
        return text
    }

    static func decode(_ root: XMLElement) -> ProvisioningDocument {
        let isRequest = root.name == "provisioningGroupList"
        let groups = root.children.filter { $0.name == "provisioningGroup" || $0.name == "provisionGroup" }.map { group in
            var settings: [String: String] = [:]
            for property in group.descendants(named: "property") {
                if let name = property[attribute: "name"] { settings[name] = property.allText.trimmingWhitespace }
            }
            for leaf in group.children where leaf.children.isEmpty && settings[leaf.name] == nil {
                settings[leaf.name] = leaf.text.trimmingWhitespace
            }
            return Group(name: group[attribute: "name"] ?? "?", settings: settings)
        }
        return ProvisioningDocument(isRequest: isRequest, groups: groups)
    }
}
