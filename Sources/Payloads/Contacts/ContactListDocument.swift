import SafeXML

/// Roaming contacts (`application/vnd-microsoft-roaming-contacts+xml`): the full
/// `contactList` or a `contactDelta` of added, modified and deleted contacts and groups.
public struct ContactListDocument: Equatable, Sendable, Codable {
    public enum Form: String, Sendable, Codable {
        case full = "contactList"
        case delta = "contactDelta"
    }

    public struct Contact: Equatable, Sendable, Codable {
        /// `added`, `modified`, `deleted`, or `listed` in a full list.
        public let change: String
        public let uri: String?
        public let name: String?
        public let groups: [String]
        public let subscribed: Bool?
    }

    public struct Group: Equatable, Sendable, Codable {
        public let change: String
        public let id: String?
        public let name: String?
    }

    public let form: Form
    public let deltaNumber: String?
    /// Lync 2013 `ucsmode="migrated"`: the list lives in Exchange.
    public let ucsMode: String?
    public let contacts: [Contact]
    public let groups: [Group]

    public var summary: String {
        var parts = [form == .full ? "contact list: \(contacts.count) contacts in \(groups.count) groups" : "contact changes"]
        if form == .delta {
            let changes = contacts.map { "\($0.change) contact \($0.uri ?? "?")" } + groups.map { "\($0.change) group \($0.name ?? $0.id ?? "?")" }
            parts[0] += ": " + (changes.isEmpty ? "none" : changes.prefix(5).joined(separator: ", ") + (changes.count > 5 ? ", …" : ""))
        }
        if let deltaNumber { parts.append("deltaNum \(deltaNumber)") }
        if let ucsMode { parts.append("ucsmode \(ucsMode)") }
        return parts.joined(separator: ", ")
    }

    static func decode(_ root: XMLElement) -> ContactListDocument {
        let form = Form(rawValue: root.name) ?? .full
        var contacts: [Contact] = [], groups: [Group] = []
        for child in root.children {
            let (change, kind) = Self.change(of: child.name)
            if kind == "contact" {
                contacts.append(Contact(change: change, uri: child[attribute: "uri"], name: child[attribute: "name"],
                                        groups: (child[attribute: "groups"] ?? "").split(separator: " ").map(String.init),
                                        subscribed: child[attribute: "subscribed"].map { $0 == "true" }))
            } else if kind == "group" {
                groups.append(Group(change: change, id: child[attribute: "id"], name: child[attribute: "name"]))
            }
        }
        return ContactListDocument(form: form, deltaNumber: root[attribute: "deltaNum"], ucsMode: root[attribute: "ucsmode"],
                                   contacts: contacts, groups: groups)
    }

    /// `addedContact` → (added, contact); `group` → (listed, group).
    private static func change(of name: String) -> (String, String) {
        for prefix in ["added", "modified", "deleted"] where name.hasPrefix(prefix) {
            return (prefix, name.dropFirst(prefix.count).lowercased())
        }
        return ("listed", name)
    }
}
