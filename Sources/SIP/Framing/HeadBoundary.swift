#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a message head ends: at its first empty line.
///
/// Lines end in CRLF, LF or a lone CR, the same rule tshark's `tvb_find_line_end` uses,
/// so a head with stray CRs splits into the same lines there and here.
enum HeadBoundary {
    enum Result: Equatable {
        /// `headLength` excludes the empty line; `bodyStart` is the first byte after it.
        case found(headLength: Int, bodyStart: Int)
        /// No empty line yet; a later search can resume at this line start.
        case notFound(resumeAt: Int)

        var found: (headLength: Int, bodyStart: Int)? {
            if case let .found(headLength, bodyStart) = self { return (headLength, bodyStart) }
            return nil
        }
    }

    /// Searches from `start`, which must be a line start. When more bytes may follow
    /// (`atEndOfData` false), a CR as the last byte is not yet taken as a line end.
    static func find(in bytes: UnsafeRawBufferPointer, from start: Int, atEndOfData: Bool) -> Result {
        var lineStart = max(start, 0)
        while let end = LineEnd.find(in: bytes, from: lineStart, atEndOfData: atEndOfData) {
            if end.contentEnd == lineStart, lineStart > 0 {
                return .found(headLength: lineStart, bodyStart: end.nextLineStart)
            }
            lineStart = end.nextLineStart
        }
        return .notFound(resumeAt: lineStart)
    }
}

/// The end of one line: CRLF, LF, or CR alone.
enum LineEnd {
    /// Nil when no complete line end follows `start`.
    static func find(in bytes: UnsafeRawBufferPointer, from start: Int,
                     atEndOfData: Bool) -> (contentEnd: Int, nextLineStart: Int)? {
        guard let base = bytes.baseAddress, start >= 0, start < bytes.count else { return nil }
        // Two vectorised searches instead of a loop over every byte of every line: the
        // first LF, then the first CR before it.
        let count = bytes.count - start
        let lineFeed = memchr(base + start, 0x0A, count).map { $0 - UnsafeMutableRawPointer(mutating: base) }
        let carriageReturn = memchr(base + start, 0x0D, (lineFeed ?? bytes.count) - start)
            .map { $0 - UnsafeMutableRawPointer(mutating: base) }
        if let index = carriageReturn {
            if index + 1 < bytes.count {
                return (index, bytes[index + 1] == 0x0A ? index + 2 : index + 1)
            }
            return atEndOfData ? (index, index + 1) : nil
        }
        return lineFeed.map { ($0, $0 + 1) }
    }
}
