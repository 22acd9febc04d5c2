import Foundation
import Wire

/// Writes JSON straight into bytes, in the exact form `JSONEncoder` gives with
/// `[.sortedKeys, .withoutEscapingSlashes]` (plus `.prettyPrinted` when `pretty`).
///
/// The records written most often (one per SIP message, step and scenario) go through
/// here instead of `JSONEncoder`, whose generic boxing costs more than the rest of the
/// analysis. Callers give an object's keys in sorted order; the tests check every hand
/// written record against its `Encodable` conformance, which stays the reference.
public struct JSONBuilder {
    /// What has been written: `buffer[..<count]`. The rest of the buffer is room to write
    /// into, so that a write copies into place (`Array.append` checks and copies byte by
    /// byte, and JSON is written a few bytes at a time).
    private var buffer: [UInt8]
    private var count = 0
    public let pretty: Bool
    /// How deep the next member is indented: the containers open, plus the base depth.
    public private(set) var depth: Int
    private let baseDepth: Int
    /// No member written yet in the innermost open object or array.
    private var atFirstMember = true
    /// `separatorAndIndentation`, looked up once per builder rather than once per member
    /// (each read of a lazily made static checks that it has been made).
    private let separators = JSONBuilder.separatorAndIndentation

    /// With a base `depth`, what is written is indented as if it stood that deep in a
    /// larger document, where it can then be copied as it is.
    public init(pretty: Bool, depth: Int = 0, reservingCapacity capacity: Int = 1024) {
        self.pretty = pretty
        self.depth = depth
        baseDepth = depth
        buffer = [UInt8](repeating: 0, count: max(capacity, 64))
    }

    /// What has been written.
    public var bytes: [UInt8] { Array(buffer[..<count]) }

    /// How many bytes have been written.
    public var byteCount: Int { count }

    /// Empties the buffer and keeps its storage, for the next record.
    public mutating func reset() {
        count = 0
        depth = baseDepth
        atFirstMember = true
    }

    /// Forgets the bytes already handed out; the open containers stay open.
    public mutating func removeWrittenBytes() {
        count = 0
    }

    public mutating func newline() { append(UInt8(ascii: "\n")) }

    // MARK: Containers

    public mutating func object(_ body: (inout JSONBuilder) throws -> Void) rethrows {
        try container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), body)
    }

    public mutating func array(_ body: (inout JSONBuilder) throws -> Void) rethrows {
        try container(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), body)
    }

    public mutating func array<Element>(_ elements: [Element], _ write: (inout JSONBuilder, Element) throws -> Void) rethrows {
        try array { builder in
            for element in elements {
                builder.element()
                try write(&builder, element)
            }
        }
    }

    public mutating func stringArray(_ elements: [String]) {
        array(elements) { $0.string($1) }
    }

    /// An object of string values, keys sorted as `JSONEncoder` sorts them (by UTF-8 bytes).
    public mutating func stringDictionary(_ dictionary: [String: String]) {
        object { builder in
            for (name, value) in dictionary.sorted(by: { Self.precedes($0.key, $1.key) }) {
                builder.key(named: name)
                builder.string(value)
            }
        }
    }

    /// Starts the next member of an object, named in the source: a plain name, written as
    /// it is without a look for what to escape. Its value is written next.
    public mutating func key(_ name: StaticString) {
        assert(name.withUTF8Buffer { $0.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") } })
        // Pretty, as every report is: separator, indentation, quoted name and ` : ` copied in
        // one access to the buffer rather than five.
        if let separator = takePrettySeparator() {
            let nameCount = name.utf8CodeUnitCount, total = separator.count + nameCount + 5
            writeInPlace(room: total) { start in
                start.update(from: separator.baseAddress!, count: separator.count)
                let quote = start + separator.count
                quote.pointee = UInt8(ascii: "\"")
                (quote + 1).update(from: name.utf8Start, count: nameCount)
                let end = quote + 1 + nameCount
                end.pointee = UInt8(ascii: "\"")
                (end + 1).pointee = UInt8(ascii: " ")
                (end + 2).pointee = UInt8(ascii: ":")
                (end + 3).pointee = UInt8(ascii: " ")
                return total
            }
            return
        }
        separateMember()
        append(UInt8(ascii: "\""))
        name.withUTF8Buffer { append($0) }
        append(UInt8(ascii: "\""))
        nameSeparator()
    }

    /// Starts the next member of an object, named by text (escaped as any string).
    public mutating func key(named name: String) {
        separateMember()
        string(name)
        nameSeparator()
    }

    private mutating func nameSeparator() {
        let separator: StaticString = pretty ? " : " : ":"
        separator.withUTF8Buffer { append($0) }
    }

    /// Starts the next element of an array.
    public mutating func element() { separateMember() }

    /// A value written apart by a builder of the same form starting at `renderedDepth`,
    /// indented to where it stands now (its text holds no raw line break but its own; the
    /// empty line of an empty container stays empty). Rendered at this depth, it is copied
    /// as it is.
    mutating func written<Bytes: Collection<UInt8>>(_ value: Bytes, renderedAtDepth renderedDepth: Int = 0) {
        precondition(renderedDepth <= depth, "a value rendered deeper than where it is written")
        let indentation = pretty ? depth - renderedDepth : 0
        if value.withContiguousStorageIfAvailable({ writtenIndented($0, by: indentation) }) == nil {
            Array(value).withUnsafeBufferPointer { writtenIndented($0, by: indentation) }
        }
    }

    /// Line by line, each line found with `memchr`: a record is thousands of bytes, its
    /// lines tens.
    private mutating func writtenIndented(_ value: UnsafeBufferPointer<UInt8>, by levels: Int) {
        guard levels > 0 else { return append(value) }
        guard let base = value.baseAddress else { return }
        var runStart = 0
        while runStart < value.count,
              let found = memchr(base + runStart, Int32(UInt8(ascii: "\n")), value.count - runStart) {
            let next = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            append(UnsafeBufferPointer(rebasing: value[runStart..<next]))
            if next != value.count, value[next] != UInt8(ascii: "\n") { indent(levels) }
            runStart = next
        }
        append(UnsafeBufferPointer(rebasing: value[runStart...]))
    }

    // MARK: Values

    public mutating func string(_ value: String) {
        // Native strings are contiguous: read in place, without a copy to make them so.
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            var value = value
            value.withUTF8 { appendEscaped($0) }
        }
    }

    public mutating func string(_ value: String?) {
        guard let value else { return null() }
        string(value)
    }

    public mutating func integer<Integer: BinaryInteger>(_ value: Integer) {
        if value >= 0 && value < 10 {
            append(UInt8(ascii: "0") + UInt8(value))
        } else if let small = Int64(exactly: value) {
            // Digits written into a scratch buffer: no string made per number.
            if small < 0 { append(UInt8(ascii: "-")) }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
                append(UnsafeBufferPointer(rebasing: digits[..<digits.writeDecimal(small.magnitude, at: 0)]))
            }
        } else {
            appendASCII(String(value))
        }
    }

    public mutating func integer<Integer: BinaryInteger>(_ value: Integer?) {
        guard let value else { return null() }
        integer(value)
    }

    /// Shortest round-trip form, whole numbers without ".0", as `JSONEncoder` writes them.
    public mutating func double(_ value: Double?) {
        guard let value else { return null() }
        appendASCII(Self.text(of: value))
    }

    /// Shortest round-trip form without a trailing ".0": `JSONEncoder`'s.
    static func text<Number: BinaryFloatingPoint & CustomStringConvertible>(of value: Number) -> String {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// A member; an absent value is written as `null`.
    public mutating func member(_ name: StaticString, _ value: String?) {
        key(name)
        string(value)
    }

    public mutating func member<Integer: BinaryInteger>(_ name: StaticString, _ value: Integer?) {
        key(name)
        integer(value)
    }

    public mutating func member(_ name: StaticString, _ value: Double?) {
        key(name)
        double(value)
    }

    public mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// A time as RFC 3339 text (`Timestamp.iso8601`), written in place; `null` when absent.
    public mutating func member(_ name: StaticString, _ time: Timestamp?, fractionDigits: Int = 6) {
        key(name)
        guard let time else { return null() }
        let written = quotedInPlace(capacity: Timestamp.iso8601Capacity) {
            time.writeISO8601(into: $0, fractionDigits: fractionDigits)
        }
        if !written {
            string(time.iso8601(fractionDigits: fractionDigits))
        }
    }

    /// A string that needs no escaping, which `write` puts into a scratch buffer of
    /// `capacity` bytes and returns the length of; false, and nothing written, when it
    /// returns nil (the caller writes the text some other way).
    mutating func quotedInPlace(capacity: Int, _ write: (UnsafeMutableBufferPointer<UInt8>) -> Int?) -> Bool {
        // Written where it goes, between its quotes: no scratch buffer to copy.
        writeInPlace(room: capacity + 2) { start in
            guard let length = write(UnsafeMutableBufferPointer(start: start + 1, count: capacity)) else { return nil }
            start.pointee = UInt8(ascii: "\"")
            (start + 1 + length).pointee = UInt8(ascii: "\"")
            return length + 2
        }
    }

    /// A member only when there is a value: what synthesised `Encodable` does with optionals.
    public mutating func member(_ name: StaticString, ifPresent value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    public mutating func member<Integer: BinaryInteger>(_ name: StaticString, ifPresent value: Integer?) {
        guard let value else { return }
        key(name)
        integer(value)
    }

    public mutating func bool(_ value: Bool) {
        appendASCII(value ? "true" : "false")
    }

    public mutating func null() { appendASCII("null") }

    /// A value this builder has no hand-written form for (`null` when absent): collected by
    /// `JSONTreeNode` (or, for the types `JSONEncoder` treats specially, encoded by it and
    /// indented to where it stands).
    public mutating func encodable<Value: Encodable>(_ value: Value?) throws {
        guard let value else { return null() }
        do {
            write(try JSONTreeNode.encoding(value))
        } catch is JSONTreeNode.Unsupported {
            try appendEncodedByFoundation(value)
        }
    }

    private mutating func appendEncodedByFoundation<Value: Encodable>(_ value: Value) throws {
        let encoder = pretty ? Self.prettyEncoder : Self.compactEncoder
        let data = try encoder.encode(value)
        guard pretty, depth > 0 else { return data.withUnsafeBytes { append($0.assumingMemoryBound(to: UInt8.self)) } }
        // Encoded strings never hold a raw newline, so every newline starts a line to
        // indent — except the empty line JSONEncoder leaves inside an empty container.
        var lineStart = false
        for byte in data {
            if lineStart, byte != UInt8(ascii: "\n") { indent(depth) }
            append(byte)
            lineStart = byte == UInt8(ascii: "\n")
        }
    }

    /// A number or keyword already in its JSON form.
    mutating func literal(_ text: String) { appendASCII(text) }

    /// `JSONEncoder`'s key order: by the keys' UTF-8 bytes.
    public static func precedes(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    // MARK: Internals

    private static let compactEncoder = makeEncoder(pretty: false)
    private static let prettyEncoder = makeEncoder(pretty: true)

    private static func makeEncoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// After a throw the builder is left mid-container: the caller abandons the output.
    private mutating func container(open: UInt8, close: UInt8, _ body: (inout JSONBuilder) throws -> Void) rethrows {
        append(open)
        let outerAtFirst = atFirstMember
        atFirstMember = true
        depth += 1
        try body(&self)
        depth -= 1
        if pretty {
            // JSONEncoder leaves an empty line inside an empty container.
            if atFirstMember { append(UInt8(ascii: "\n")) }
            append(UInt8(ascii: "\n"))
            indent(depth)
        }
        append(close)
        atFirstMember = outerAtFirst
    }

    private mutating func separateMember() {
        // The comma, the line break and the indentation in one copy, when the indentation fits.
        if let separator = takePrettySeparator() { return append(separator) }
        let first = atFirstMember
        atFirstMember = false
        if !first { append(UInt8(ascii: ",")) }
        guard pretty else { return }
        append(UInt8(ascii: "\n"))
        indent(depth)
    }

    /// What goes before the next member when pretty and its indentation fits in
    /// `separatorAndIndentation` (a comma unless it is the first, a line break, the
    /// indentation), with the member then counted as begun; nil, and nothing changed, otherwise.
    private mutating func takePrettySeparator() -> UnsafeBufferPointer<UInt8>? {
        let end = 2 + 2 * depth
        guard pretty, end <= separators.count else { return nil }
        defer { atFirstMember = false }
        return UnsafeBufferPointer(rebasing: separators[(atFirstMember ? 1 : 0)..<end])
    }

    private mutating func indent(_ level: Int) {
        let spaces = UnsafeBufferPointer(rebasing: separators[2...])
        var remaining = level * 2
        while remaining > 0 {
            let count = min(remaining, spaces.count)
            append(UnsafeBufferPointer(rebasing: spaces[..<count]))
            remaining -= count
        }
    }

    /// `,` and a line break, then room for 64 levels of indentation. Written once, then only
    /// read, and never freed: a static array would be retained and released at every member.
    nonisolated(unsafe) private static let separatorAndIndentation: UnsafeBufferPointer<UInt8> = {
        let bytes = Array(",\n".utf8) + [UInt8](repeating: UInt8(ascii: " "), count: 128)
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = storage.initialize(from: bytes)
        return UnsafeBufferPointer(storage)
    }()

    private mutating func appendASCII(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    private mutating func append(_ byte: UInt8) {
        if count == buffer.count { grow(toHold: 1) }
        buffer.withUnsafeMutableBufferPointer { $0[count] = byte }
        count += 1
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        writeInPlace(room: bytes.count) { start in
            start.update(from: source, count: bytes.count)
            return bytes.count
        }
    }

    /// Room for `room` bytes made once, then `write` fills it from the end of what is
    /// written and says how many bytes it wrote (nil: none). A piece of several parts goes in
    /// with one access to the buffer, each access checking that the buffer is not shared.
    @discardableResult
    private mutating func writeInPlace(room: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int?) -> Bool {
        if count + room > buffer.count { grow(toHold: room) }
        let start = count
        guard let written = buffer.withUnsafeMutableBufferPointer({ write($0.baseAddress! + start) }) else { return false }
        count += written
        return true
    }

    private mutating func grow(toHold extra: Int) {
        buffer += repeatElement(0, count: max(buffer.count, count + extra - buffer.count))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        // Most text has nothing to escape: then quotes and text go in with one access.
        if let source = utf8.baseAddress, !Self.needsEscape(utf8) {
            writeInPlace(room: utf8.count + 2) { start in
                start.pointee = UInt8(ascii: "\"")
                (start + 1).update(from: source, count: utf8.count)
                (start + 1 + utf8.count).pointee = UInt8(ascii: "\"")
                return utf8.count + 2
            }
            return
        }
        append(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        while index < utf8.count {
            // Eight bytes at a time while none of them needs escaping, as most text.
            if index + 8 <= utf8.count, !Self.needsEscape(UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = utf8[index]
            index += 1
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            append(UnsafeBufferPointer(rebasing: utf8[runStart..<(index - 1)]))
            runStart = index
            append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): append(byte)
            case 0x08: append(UInt8(ascii: "b"))
            case 0x09: append(UInt8(ascii: "t"))
            case 0x0A: append(UInt8(ascii: "n"))
            case 0x0C: append(UInt8(ascii: "f"))
            case 0x0D: append(UInt8(ascii: "r"))
            default:
                for escaped in [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0x0F)]] { append(escaped) }
            }
        }
        append(UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        append(UInt8(ascii: "\""))
    }

    /// Whether any byte is a control character, `"` or a backslash: eight bytes at a time.
    private static func needsEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        var index = 0
        while index + 8 <= utf8.count {
            if needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) { return true }
            index += 8
        }
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            index += 1
        }
        return false
    }

    /// Whether any of eight bytes is a control character, `"` or a backslash (the word tricks of
    /// "Bit Twiddling Hacks": a byte below n, a byte equal to zero; bytes from 0x80 up never match).
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let below20 = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote & highs
        let hasBackslash = (backslash &- ones) & ~backslash & highs
        return below20 | hasQuote | hasBackslash != 0
    }
}
