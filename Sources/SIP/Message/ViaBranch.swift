import Wire

/// Reads the parts of the topmost Via that identify a transaction (RFC 3261 §17.2.3).
enum ViaBranch {
    /// RFC 3261 branches start with this magic cookie; older stacks' branches cannot be trusted.
    static let magicCookie: StaticString = "z9hG4bK"

    /// The `branch` parameter of the first value of a Via line, if it carries the magic
    /// cookie.
    static func rfc3261Branch(ofVia line: String) -> String? {
        let top = line.containsByte(UInt8(ascii: ",")) ? HeaderValueSplitter.first(line) : line
        return top.withUTF8Bytes { rfc3261Branch(ofViaValue: $0) }
    }

    /// The same of one Via value (no `,` separating several), read from its bytes.
    static func rfc3261Branch(ofViaValue bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // The `;`-separated segments after the first (sent-by), one at a time.
        var start = 0, isFirst = true
        while start < bytes.count {
            let end = bytes.firstIndex(of: UInt8(ascii: ";"), in: start..<bytes.count) ?? bytes.count
            let segment = start..<end
            start = end + 1
            guard !segment.isEmpty else { continue }
            if isFirst { isFirst = false; continue }
            guard let equals = bytes.firstIndex(of: UInt8(ascii: "="), in: segment),
                  equals != segment.lowerBound, equals != segment.upperBound - 1,
                  bytes.equalsIgnoringASCIICase(bytes.trimmingSpaces(segment.lowerBound..<equals), "branch")
            else { continue }
            let value = bytes.trimmingSpaces((equals + 1)..<segment.upperBound)
            return bytes.hasPrefix(magicCookie, in: value) && value.count > magicCookie.utf8CodeUnitCount
                ? bytes.string(value) : nil
        }
        return nil
    }
}
