import Wire

extension BidirectionalCollection where Element == UInt8 {
    /// Without leading and trailing spaces and tabs: a header line's white space, found by
    /// bytes (both are ASCII, so the cut never falls inside a character).
    var trimmingSpacesAndTabs: SubSequence {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[startIndex..<startIndex]
        }
        return self[first...last]
    }
}
