/// Finds the next complete line that is a SIP start line, for resynchronising a stream.
enum StartLineScanner {
    /// Returns whether a start line begins at `discard` (the bytes before it can go), or,
    /// when none is found, how many bytes can be dropped while keeping a possible
    /// partial line at the end.
    static func scan(_ bytes: UnsafeRawBufferPointer) -> (found: Bool, discard: Int) {
        var lineStart = 0
        while lineStart < bytes.count {
            guard let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) else {
                // An unfinished line: keep it unless it is already longer than any start line.
                let tail = bytes.count - lineStart
                return (false, tail > SIPStartLine.maximumLength ? bytes.count : lineStart)
            }
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if SIPStartLine.parse(UnsafeRawBufferPointer(rebasing: bytes[lineStart..<contentEnd])) != nil {
                return (true, lineStart)
            }
            lineStart = lineEnd + 1
        }
        return (false, bytes.count)
    }
}
