extension NameAddress {
    /// `sip:Alice@Contoso.com;transport=tls` → `sip:alice@contoso.com`: the key a user is
    /// known by. Cut by bytes (`<`, `>`, `;`, `?` and spaces are ASCII); lower-cased by
    /// bytes when the URI is ASCII, as nearly every one is.
    public static func addressOfRecord(_ uri: String) -> String? {
        var text = uri.utf8[...].trimmingSpacesAndTabs
        if text.count >= 2, text.first == UInt8(ascii: "<"), text.last == UInt8(ascii: ">") {
            text = text.dropFirst().dropLast()
        }
        if let cut = text.firstIndex(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "?") }) {
            text = text[..<cut]
        }
        let lowered = text.allSatisfy { $0 < 0x80 } ? String(decoding: text.lazy.map(\.lowercasedASCII), as: UTF8.self)
            : String(decoding: text, as: UTF8.self).lowercased()
        guard lowered.hasPrefix("sip:") || lowered.hasPrefix("sips:") || lowered.hasPrefix("tel:"),
              lowered.utf8.count > 4 else { return nil }
        return lowered
    }
}
