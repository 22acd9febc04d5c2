/// Finds `<!DOCTYPE` (any case) anywhere in a document, without parsing it.
enum DoctypeScanner {
    private static let marker = Array("<!doctype".utf8)

    static func containsDoctype(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= marker.count else { return false }
        var index = 0
        while index <= bytes.count - marker.count {
            if bytes[index] == 0x3C, bytes[index + 1] == 0x21 {
                var matches = true
                for offset in 2..<marker.count where bytes[index + offset] | 0x20 != marker[offset] {
                    matches = false
                    break
                }
                if matches { return true }
            }
            index += 1
        }
        return false
    }
}
