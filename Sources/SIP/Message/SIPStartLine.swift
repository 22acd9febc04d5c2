/// The first line of a SIP message (RFC 3261 §7.1, §7.2).
public enum SIPStartLine: Equatable, Sendable {
    case request(method: SIPMethod, uri: String)
    case response(status: Int, reason: String)

    /// Longest start line considered; a longer "line" is not a SIP start line.
    static let maximumLength = 8192

    /// Parses `line` (without its line ending), or nil if it is not a SIP start line.
    ///
    /// Request-Line = Method SP Request-URI SP SIP-Version
    /// Status-Line  = SIP-Version SP Status-Code SP Reason-Phrase
    public static func parse(_ line: UnsafeRawBufferPointer) -> SIPStartLine? {
        guard line.count >= 12, line.count <= maximumLength else { return nil }
        // A NUL in the first line means SIP-looking text inside another protocol
        // (tshark's packet-sip.c applies the same rule).
        guard !line.contains(0) else { return nil }
        if hasVersionPrefix(line) { return parseStatusLine(line) }
        return parseRequestLine(line)
    }

    /// True if `bytes` begins with something that can only be a SIP start line's beginning:
    /// `SIP/2.0 ` or a method token followed by a space (or by nothing yet). Cheap; used
    /// to sniff streams.
    public static func looksLikeStart(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if hasVersionPrefix(bytes) { return true }
        var index = 0
        while index < bytes.count, index < 32, isTokenByte(bytes[index]) { index += 1 }
        if index == bytes.count { return index > 0 }   // a method still arriving
        return index > 0 && bytes[index] == 0x20
    }

    /// Whether a stream chunk starts a SIP message: `nil` while its first line is still
    /// incomplete but could be one. Leading line ends (keep-alives) are skipped.
    public static func startsMessage(_ bytes: UnsafeRawBufferPointer) -> Bool? {
        let skipped = bytes.prefix { $0 == 0x0D || $0 == 0x0A }.count
        let rest = UnsafeRawBufferPointer(rebasing: bytes[skipped...])
        guard looksLikeStart(rest) else { return false }
        guard let end = LineEnd.find(in: rest, from: 0, atEndOfData: false) else { return nil }
        return parse(UnsafeRawBufferPointer(rebasing: rest[..<end.contentEnd])) != nil
    }

    /// Static text, not an array: read in place, with no check per read that it was made.
    private static let version: StaticString = "SIP/2.0"

    /// Whether `bytes` hold `version` from `start` on.
    private static func hasVersion(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Bool {
        let expected = version.utf8Start
        for index in 0..<version.utf8CodeUnitCount where bytes[start + index] != expected[index] { return false }
        return true
    }

    private static func hasVersionPrefix(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 8 && hasVersion(bytes, at: 0) && bytes[7] == 0x20
    }

    private static func parseStatusLine(_ line: UnsafeRawBufferPointer) -> SIPStartLine? {
        var status = 0
        for index in 8..<11 {
            let digit = line[index]
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            status = status * 10 + Int(digit - 0x30)
        }
        guard status >= 100, status <= 699 else { return nil }
        guard line.count == 11 || line[11] == 0x20 else { return nil }
        let reason = line.count > 12 ? String(decoding: UnsafeRawBufferPointer(rebasing: line[12...]), as: UTF8.self) : ""
        return .response(status: status, reason: reason)
    }

    private static func parseRequestLine(_ line: UnsafeRawBufferPointer) -> SIPStartLine? {
        var methodEnd = 0
        while methodEnd < line.count, isTokenByte(line[methodEnd]) { methodEnd += 1 }
        guard methodEnd > 0, methodEnd < line.count, line[methodEnd] == 0x20 else { return nil }
        // The line must end with " SIP/2.0".
        let versionStart = line.count - 7
        guard versionStart > methodEnd + 1, line[versionStart - 1] == 0x20 else { return nil }
        guard hasVersion(line, at: versionStart) else { return nil }
        let uriBytes = UnsafeRawBufferPointer(rebasing: line[(methodEnd + 1)..<(versionStart - 1)])
        guard !uriBytes.isEmpty, !uriBytes.contains(0x20) else { return nil }
        let method = String(decoding: UnsafeRawBufferPointer(rebasing: line[..<methodEnd]), as: UTF8.self)
        return .request(method: SIPMethod(method), uri: String(decoding: uriBytes, as: UTF8.self))
    }

    /// RFC 3261 token characters: alphanumerics and `-.!%*_+`'~`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x2D, 0x2E, 0x21, 0x25, 0x2A, 0x5F, 0x2B, 0x60, 0x27, 0x7E: true
        default: false
        }
    }
}
