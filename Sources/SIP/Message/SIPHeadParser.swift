import Wire

/// Parses a message head — start line and header lines, up to but not including the
/// empty line — from raw bytes. Lines end in CRLF or a bare LF; a line starting with a
/// space or tab continues the previous header (RFC 3261 §7.3.1).
public enum SIPHeadParser {
    /// Headers beyond this count are ignored and reported; 100,000 tiny headers must not
    /// cost 100,000 allocations.
    public static let maximumHeaderCount = 1024

    public struct Head: Equatable, Sendable {
        public let startLine: SIPStartLine
        public let headers: [SIPHeader]
        /// Header lines that were not `name: value` and were skipped.
        public let malformedLineCount: Int
        /// Headers dropped past `maximumHeaderCount`.
        public let droppedHeaderCount: Int
    }

    /// Nil if the first line is not a SIP start line.
    public static func parse(_ head: UnsafeRawBufferPointer) -> Head? {
        var lines = LineIterator(head)
        guard let first = lines.next(), let startLine = SIPStartLine.parse(first) else { return nil }
        var headers: [SIPHeader] = []
        headers.reserveCapacity(16)
        var malformed = 0, dropped = 0
        var pendingName: (name: SIPHeaderName, written: String)?
        var pendingValue = ""
        func flush() {
            // Moved out, not copied: the strings change hands without being retained again.
            guard let name = pendingName.take() else { return }
            if headers.count < maximumHeaderCount {
                headers.append(SIPHeader(name: name.name, writtenName: name.written, value: pendingValue))
            } else {
                dropped += 1
            }
        }
        while let line = lines.next() {
            if let firstByte = line.first, firstByte == 0x20 || firstByte == 0x09 {
                if pendingName != nil {
                    pendingValue += " " + String(decoding: line.trimmingSpacesAndTabs, as: UTF8.self)
                }
                continue
            }
            flush()
            guard let colon = line.firstIndex(of: 0x3A) else {
                if !line.isEmpty { malformed += 1 }
                continue
            }
            // Trimmed as bytes, then made text once: one string per name and value.
            let name = line[..<colon].trimmingSpacesAndTabs
            guard !name.isEmpty else { malformed += 1; continue }
            pendingName = (SIPHeaderName(bytes: UnsafeRawBufferPointer(rebasing: name)), String(decoding: name, as: UTF8.self))
            pendingValue = String(decoding: line[(colon + 1)...].trimmingSpacesAndTabs, as: UTF8.self)
        }
        flush()
        return Head(startLine: startLine, headers: headers, malformedLineCount: malformed, droppedHeaderCount: dropped)
    }
}

/// Iterates the lines of a complete buffer, without their line ends (CRLF, LF or CR).
struct LineIterator: IteratorProtocol {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func next() -> UnsafeRawBufferPointer? {
        guard position < bytes.count else { return nil }
        let start = position
        guard let end = LineEnd.find(in: bytes, from: start, atEndOfData: true) else {
            position = bytes.count
            return UnsafeRawBufferPointer(rebasing: bytes[start...])
        }
        position = end.nextLineStart
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end.contentEnd])
    }
}
