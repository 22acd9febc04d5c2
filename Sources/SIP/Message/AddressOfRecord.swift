import Wire

extension NameAddress {
    /// `sip:Alice@Contoso.com;transport=tls` → `sip:alice@contoso.com`: the key a user is
    /// known by.
    public static func addressOfRecord(_ uri: String) -> String? {
        uri.withUTF8Bytes { bytes in
            var text = bytes.trimmingSpaces(0..<bytes.count)
            if text.count >= 2, bytes[text.lowerBound] == UInt8(ascii: "<"), bytes[text.upperBound - 1] == UInt8(ascii: ">") {
                text = (text.lowerBound + 1)..<(text.upperBound - 1)
            }
            if let cut = bytes.firstIndex(of: UInt8(ascii: ";"), or: UInt8(ascii: "?"), in: text) {
                text = text.lowerBound..<cut
            }
            // Mostly the URI is already its own key: then it is shared, not copied.
            let isKey = text == 0..<bytes.count && bytes.isLowercaseASCII(text)
            // The scheme checked on the bytes, in any case, before any text is made.
            guard text.count > 4,
                  bytes.hasPrefixIgnoringASCIICase("sip:", in: text) || bytes.hasPrefixIgnoringASCIICase("sips:", in: text)
                    || bytes.hasPrefixIgnoringASCIICase("tel:", in: text) else { return nil }
            return isKey ? uri : bytes.lowercasedString(text)
        }
    }
}
