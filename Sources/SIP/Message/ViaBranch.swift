/// Reads the parts of the topmost Via that identify a transaction (RFC 3261 §17.2.3).
enum ViaBranch {
    /// RFC 3261 branches start with this magic cookie; older stacks' branches cannot be trusted.
    static let magicCookie = "z9hG4bK"

    /// The `branch` parameter of the first value of a Via line, if it carries the magic
    /// cookie. Scans bytes (every message goes through here): `;`, `=` and spaces are
    /// ASCII, so every cut falls on a character boundary.
    static func rfc3261Branch(ofVia line: String) -> String? {
        let top = line.utf8.contains(UInt8(ascii: ",")) ? Substring(HeaderValueSplitter.first(line)) : Substring(line)
        // The `;`-separated segments after the first (sent-by), one at a time, without a list.
        var rest = top.utf8[...], isFirst = true
        while !rest.isEmpty {
            let end = rest.firstIndex(of: UInt8(ascii: ";")) ?? rest.endIndex
            let segment = rest[..<end]
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
            guard !segment.isEmpty else { continue }
            if isFirst { isFirst = false; continue }
            guard let equals = segment.firstIndex(of: UInt8(ascii: "=")),
                  equals != segment.startIndex, equals != segment.index(before: segment.endIndex),
                  isBranch(segment[..<equals].trimmingSpacesAndTabs) else { continue }
            let value = Substring(segment[segment.index(after: equals)...].trimmingSpacesAndTabs)
            return value.hasPrefix(magicCookie) && value.utf8.count > magicCookie.utf8.count ? String(value) : nil
        }
        return nil
    }

    private static func isBranch(_ name: Substring.UTF8View.SubSequence) -> Bool {
        name.count == 6 && zip(name, "branch".utf8).allSatisfy { $0 | 0x20 == $1 }
    }
}
