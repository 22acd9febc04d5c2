/// A bounds-checked cursor over borrowed bytes.
///
/// Header decoders read from a `ByteReader` and never index the buffer directly, so a
/// length field that lies can only produce a `DecodeError`, never a trap. The reader
/// borrows its bytes: it must not outlive the buffer it was made from.
public struct ByteReader {
    public let bytes: UnsafeRawBufferPointer
    /// Offset of the next byte to read, from the start of `bytes`.
    public private(set) var offset: Int

    public init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = min(max(offset, 0), bytes.count)
    }

    public var remainingCount: Int { bytes.count - offset }
    public var isAtEnd: Bool { offset >= bytes.count }

    /// The unread bytes, still borrowed.
    public var remainingBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[offset...])
    }

    @inline(__always)
    private func require(_ count: Int, _ what: StaticString) throws(DecodeError) {
        guard count >= 0, count <= remainingCount else {
            throw DecodeError(.truncated, at: offset, "\(what): needs \(count) bytes, \(remainingCount) left")
        }
    }

    public mutating func readUInt8(_ what: StaticString = "byte") throws(DecodeError) -> UInt8 {
        try require(1, what)
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func readUInt16(_ what: StaticString = "uint16") throws(DecodeError) -> UInt16 {
        try require(2, what)
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    public mutating func readUInt32(_ what: StaticString = "uint32") throws(DecodeError) -> UInt32 {
        try require(4, what)
        defer { offset += 4 }
        return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    /// Reads a little-endian 32-bit value (BSD loopback headers are in host order).
    public mutating func readUInt32LittleEndian(_ what: StaticString = "uint32") throws(DecodeError) -> UInt32 {
        let bigEndian = try readUInt32(what)
        return bigEndian.byteSwapped
    }

    /// Reads `count` bytes as a borrowed slice and advances past them.
    public mutating func readBytes(_ count: Int, _ what: StaticString = "bytes") throws(DecodeError) -> UnsafeRawBufferPointer {
        try require(count, what)
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    public mutating func skip(_ count: Int, _ what: StaticString = "bytes") throws(DecodeError) {
        try require(count, what)
        offset += count
    }

    /// Looks at the byte `distance` positions ahead without consuming it.
    public func peekUInt8(at distance: Int = 0) -> UInt8? {
        let index = offset + distance
        guard distance >= 0, index < bytes.count else { return nil }
        return bytes[index]
    }

    /// Looks at a big-endian 16-bit value `distance` bytes ahead without consuming it.
    public func peekUInt16(at distance: Int = 0) -> UInt16? {
        guard let high = peekUInt8(at: distance), let low = peekUInt8(at: distance + 1) else { return nil }
        return UInt16(high) << 8 | UInt16(low)
    }
}
