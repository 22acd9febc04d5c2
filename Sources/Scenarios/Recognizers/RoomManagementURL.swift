/// Room view/edit links ([MS-OCGCWEB] §2.2.2): the room-management base URL with
/// `clientlang` and the room's GUID appended as `id`, after any parameters the base has.
///
/// `http://example.com/rm/` + `ma-chan://example.com/61E0…` →
/// `http://example.com/rm/?clientlang=en-US&id=61E0…`
public enum RoomManagementURL {
    public static func view(base: String, room: String, language: String = "en-US") -> String? {
        guard room.hasPrefix("ma-chan://"), let guid = room.split(separator: "/").last, !guid.isEmpty else { return nil }
        let separator = base.contains("?") ? "&" : "?"
        return base + separator + "clientlang=\(language)&id=\(guid)"
    }

    /// The base URL a client would use: the chat server's own (getserverinfo's
    /// roomManagementUrl, whose exact attribute spelling is not confirmed, so any `sib`
    /// attribute naming room management is taken) before the provisioned internal one.
    static func base(serverInfo: [[String: String]], provisioned: String?) -> String? {
        for attributes in serverInfo {
            if let url = attributes.first(where: { $0.key.lowercased().contains("roommanagement") })?.value { return url }
        }
        return provisioned
    }
}
