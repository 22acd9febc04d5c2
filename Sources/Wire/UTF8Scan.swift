#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Header values are scanned as UTF-8 bytes at integer offsets: every delimiter the SIP
/// grammar cuts at (`<`, `>`, `;`, `=`, `,`, `"`, spaces) is ASCII, so no cut falls inside
/// a character, and no `String.Index` arithmetic is paid for on every message.
extension StringProtocol {
    /// `body` over the text's UTF-8 bytes, contiguous (native strings already are).
    @inlinable public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = String(self)
        return copy.withUTF8(body)
    }

    /// Whether the UTF-8 bytes hold `byte`, found with `memchr`.
    @inlinable public func containsByte(_ byte: UInt8) -> Bool {
        withUTF8Bytes { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// `range` without leading and trailing spaces and tabs.
    @inlinable public func trimmingSpaces(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, self[lower].isSpaceOrTab { lower += 1 }
        while upper > lower, self[upper - 1].isSpaceOrTab { upper -= 1 }
        return lower..<upper
    }

    /// `range` without leading and trailing spaces, tabs, CRs and LFs.
    @inlinable public func trimmingWhitespace(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, self[lower].isASCIIWhitespace { lower += 1 }
        while upper > lower, self[upper - 1].isASCIIWhitespace { upper -= 1 }
        return lower..<upper
    }

    /// The non-empty parts of `range` between `separator`s outside quoted strings
    /// (`gruu="sip:a@b;opaque=…;gruu"` stays one part), each handed to `body` in order.
    @inlinable public func forEachPart(of range: Range<Int>, outsideQuotesAt separator: UInt8, _ body: (Range<Int>) -> Void) {
        var start = range.lowerBound, inQuotes = false
        for index in range {
            let byte = self[index]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if byte == separator, !inQuotes {
                if start < index { body(start..<index) }
                start = index + 1
            }
        }
        if start < range.upperBound { body(start..<range.upperBound) }
    }

    /// `range` without one pair of enclosing double quotes, when it has them.
    @inlinable public func trimmingQuotes(_ range: Range<Int>) -> Range<Int> {
        guard range.count >= 2, self[range.lowerBound] == UInt8(ascii: "\""),
              self[range.upperBound - 1] == UInt8(ascii: "\"") else { return range }
        return (range.lowerBound + 1)..<(range.upperBound - 1)
    }

    @inlinable public func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while index < range.upperBound {
            if self[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// The first of `first` or `second` in `range`.
    @inlinable public func firstIndex(of first: UInt8, or second: UInt8, in range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while index < range.upperBound {
            if self[index] == first || self[index] == second { return index }
            index += 1
        }
        return nil
    }

    /// Whether the bytes in `range` are `pattern` (lower-case ASCII) in any letter case.
    /// Eight bytes at a time where the pattern is that long: header and parameter names
    /// are compared this way on every message.
    @inlinable public func equalsIgnoringASCIICase(_ range: Range<Int>, _ pattern: StaticString) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard range.count == count else { return false }
        guard count > 0, let base = baseAddress else { return count == 0 }
        let written = UnsafeRawPointer(base + range.lowerBound), expected = UnsafeRawPointer(pattern.utf8Start)
        guard count >= 8 else {
            for offset in 0..<count
            where written.load(fromByteOffset: offset, as: UInt8.self).lowercasedASCII
                != expected.load(fromByteOffset: offset, as: UInt8.self) {
                return false
            }
            return true
        }
        // Whole words, the last one overlapping the one before when the length is not a multiple of eight.
        var offset = 0
        while true {
            let word = written.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            guard UInt64.equalsIgnoringASCIICase(word, lowercase: expected.loadUnaligned(fromByteOffset: offset,
                                                                                     as: UInt64.self)) else {
                return false
            }
            if offset + 8 == count { return true }
            offset = Swift.min(offset + 8, count - 8)
        }
    }

    /// Whether lower-casing the bytes in `range` would leave them as they are: ASCII, no A–Z.
    /// Eight bytes at a time: every address of record is checked so.
    @inlinable public func isLowercaseASCII(_ range: Range<Int>) -> Bool {
        guard let base = baseAddress else { return true }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var offset = range.lowerBound
        while offset + 8 <= range.upperBound {
            let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
            guard word & highs == 0 else { return false }
            // Every byte below 0x80, so no sum carries into the next byte: the high bit says
            // "from `A` (0x41) up" in the first sum and "from `[` (0x5B) up" in the second.
            let fromA = (word &+ 0x3F &* ones) & highs, pastZ = (word &+ 0x25 &* ones) & highs
            guard fromA & ~pastZ == 0 else { return false }
            offset += 8
        }
        for index in offset..<range.upperBound where self[index] >= 0x80 || (0x41...0x5A).contains(self[index]) {
            return false
        }
        return true
    }

    /// Whether the bytes in `range` start with `prefix` (lower-case ASCII) in any letter case.
    @inlinable public func hasPrefixIgnoringASCIICase(_ prefix: StaticString, in range: Range<Int>) -> Bool {
        guard range.count >= prefix.utf8CodeUnitCount else { return false }
        return equalsIgnoringASCIICase(range.lowerBound..<(range.lowerBound + prefix.utf8CodeUnitCount), prefix)
    }

    @inlinable public func hasPrefix(_ prefix: StaticString, in range: Range<Int>) -> Bool {
        guard range.count >= prefix.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        for offset in 0..<expected.count where self[range.lowerBound + offset] != expected[offset] { return false }
        return true
    }

    @inlinable public func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: self[range]), as: UTF8.self)
    }

    /// The text in `range` lower-cased: by bytes when it is ASCII, as nearly every name is.
    @inlinable public func lowercasedString(_ range: Range<Int>) -> String {
        var isASCII = true
        for index in range where self[index] >= 0x80 { isASCII = false; break }
        guard isASCII else { return string(range).lowercased() }
        return String(unsafeUninitializedCapacity: range.count) { buffer in
            for offset in 0..<range.count { buffer[offset] = self[range.lowerBound + offset].lowercasedASCII }
            return range.count
        }
    }
}

extension UInt8 {
    @inlinable public var isSpaceOrTab: Bool { self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") }

    /// Space, tab, CR or LF.
    @inlinable public var isASCIIWhitespace: Bool { isSpaceOrTab || self == 0x0A || self == 0x0D }

    /// `A`–`Z` as `a`–`z`; every other byte as it is.
    @inlinable public var lowercasedASCII: UInt8 {
        self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z") ? self | 0x20 : self
    }
}

extension UInt64 {
    /// Whether the eight bytes of `word` are those of `lowercase` (ASCII, lower case) in
    /// any letter case: `word` with bit 5 set where `lowercase` holds a letter, and only
    /// there, must equal `lowercase`, so `A`–`Z` match `a`–`z` and every other byte must be
    /// equal as it is.
    @inlinable static func equalsIgnoringASCIICase(_ word: UInt64, lowercase: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        // 0x80 in each byte from `a` (0x61) up, less those from `{` (0x7B) up: no byte
        // carries into the next, since every byte of `lowercase` is below 0x80.
        let letters = (lowercase &+ 0x1F &* ones) & ~(lowercase &+ 0x05 &* ones) & (0x80 &* ones)
        return word | (letters >> 2) == lowercase
    }
}
