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
        public let fields: SIPHeaderFields
        /// Header lines that were not `name: value` and were skipped.
        public let malformedLineCount: Int
        /// Headers dropped past `maximumHeaderCount`.
        public let droppedHeaderCount: Int

        public var headers: [SIPHeader] { fields.headers }
    }

    /// Nil if the first line is not a SIP start line.
    public static func parse(_ head: UnsafeRawBufferPointer) -> Head? {
        var lines = LineIterator(head)
        guard let first = lines.next(), let startLine = SIPStartLine.parse(UnsafeRawBufferPointer(rebasing: head[first]))
        else { return nil }
        var fields: [SIPHeaderFields.Field] = []
        fields.reserveCapacity(16)
        var malformed = 0, dropped = 0
        // Names and values are kept as where they lie in the head; only a folded value is
        // made text here. A continuation line belongs to the field just kept, if any.
        var continuesLastField = false
        while let line = lines.next() {
            if let firstByte = line.first.map({ head[$0] }), firstByte == 0x20 || firstByte == 0x09 {
                if continuesLastField {
                    let last = fields.count - 1
                    var text: String
                    switch fields[last].value {
                    case .written(let range): text = String(decoding: head[range], as: UTF8.self)
                    case .joined(let joined): text = joined
                    }
                    text += " " + String(decoding: head[line].trimmingSpacesAndTabs, as: UTF8.self)
                    fields[last].value = .joined(text)
                }
                continue
            }
            continuesLastField = false
            guard let colon = head[line].firstIndex(of: 0x3A) else {
                if !line.isEmpty { malformed += 1 }
                continue
            }
            let name = head[line.lowerBound..<colon].trimmingSpacesAndTabs
            guard !name.isEmpty else { malformed += 1; continue }
            guard fields.count < maximumHeaderCount else { dropped += 1; continue }
            let value = head[(colon + 1)..<line.upperBound].trimmingSpacesAndTabs
            fields.append(SIPHeaderFields.Field(name: SIPHeaderName(bytes: UnsafeRawBufferPointer(rebasing: name)),
                                                writtenName: name.startIndex..<name.endIndex,
                                                value: .written(value.startIndex..<value.endIndex)))
            continuesLastField = true
        }
        return Head(startLine: startLine, fields: SIPHeaderFields(bytes: Array(head), fields: fields),
                    malformedLineCount: malformed, droppedHeaderCount: dropped)
    }
}

/// Iterates the lines of a complete buffer, as the ranges they take without their line
/// ends (CRLF, LF or CR).
struct LineIterator: IteratorProtocol {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func next() -> Range<Int>? {
        guard position < bytes.count else { return nil }
        let start = position
        guard let end = LineEnd.find(in: bytes, from: start, atEndOfData: true) else {
            position = bytes.count
            return start..<bytes.count
        }
        position = end.nextLineStart
        return start..<end.contentEnd
    }
}
