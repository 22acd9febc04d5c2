/// RFC 4648 base64, tolerant of missing padding and line breaks (Lync strips `=`
/// padding from `msgr`). Nil for any other character.
enum Base64 {
    /// Each byte's 6-bit value, `invalid` for bytes outside the alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (index, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(index)
        }
        table[Int(UInt8(ascii: "-"))] = 62   // base64url
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()
    private static let invalid: UInt8 = 0xFF

    static func decode(_ text: String) -> [UInt8]? { decode(text.utf8) }

    /// From bytes: a header's base64 decoded where it lies, with no text made of it first.
    static func decode<Bytes: Collection<UInt8>>(_ text: Bytes) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0, bits = 0
        // Read once: a static is checked for having been made at every read, here every byte.
        let values = Self.values
        for byte in text {
            if byte == UInt8(ascii: "=") { break }
            if byte == 0x0D || byte == 0x0A || byte == 0x20 || byte == 0x09 { continue }
            let value = values[Int(byte)]
            guard value != invalid else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return output
    }
}

/// UTF-16LE text such as `msgr`'s `X-MMS-IM-Format` spec.
enum UTF16Text {
    static func decodeLittleEndian(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { bytes in
            let unitCount = bytes.count / 2
            // Mostly ASCII (a font name, colours): every high byte zero, the low bytes are the text.
            var isASCII = true
            for index in 0..<unitCount where bytes[2 * index] >= 0x80 || bytes[2 * index + 1] != 0 {
                isASCII = false
                break
            }
            if isASCII {
                return String(unsafeUninitializedCapacity: unitCount) { text in
                    for index in 0..<unitCount { text[index] = bytes[2 * index] }
                    return unitCount
                }
            }
            let units = (0..<unitCount).map { UInt16(bytes[2 * $0]) | UInt16(bytes[2 * $0 + 1]) << 8 }
            return String(decoding: units, as: UTF16.self)
        }
    }
}
