/// Finds the next complete line that is a SIP start line, for resynchronising a stream.
enum StartLineScanner {
    /// Returns whether a start line begins at `discard` (the bytes before it can go), or,
    /// when none is found, how many bytes can be dropped while keeping a possible
    /// partial line at the end.
    static func scan(_ bytes: UnsafeRawBufferPointer) -> (found: Bool, discard: Int) {
        var lineStart = 0
        while lineStart < bytes.count {
            guard let end = LineEnd.find(in: bytes, from: lineStart, atEndOfData: false) else {
                // An unfinished line: keep it unless it is already longer than any start line.
                let tail = bytes.count - lineStart
                return (false, tail > SIPStartLine.maximumLength ? bytes.count : lineStart)
            }
            if SIPStartLine.parse(UnsafeRawBufferPointer(rebasing: bytes[lineStart..<end.contentEnd])) != nil {
                return (true, lineStart)
            }
            lineStart = end.nextLineStart
        }
        return (false, bytes.count)
    }
}
