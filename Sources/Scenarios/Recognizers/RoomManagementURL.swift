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

    /// The chat server's own base URL in a getserverinfo reply: its roomManagementUrl,
    /// whose exact attribute spelling is not confirmed, so any `sib` attribute naming room
    /// management is taken. It goes before the provisioned internal one.
    static func serverURL(in attributes: [String: String]) -> String? {
        attributes.first(where: { $0.key.lowercased().contains("roommanagement") })?.value
    }
}
