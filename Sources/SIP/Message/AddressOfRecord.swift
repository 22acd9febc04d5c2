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
            let lowered = bytes.lowercasedString(text)
            let utf8 = lowered.utf8
            guard utf8.starts(with: "sip:".utf8) || utf8.starts(with: "sips:".utf8) || utf8.starts(with: "tel:".utf8),
                  utf8.count > 4 else { return nil }
            return lowered
        }
    }
}
