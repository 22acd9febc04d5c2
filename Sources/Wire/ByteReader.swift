/// A bounds-checked cursor over borrowed bytes.
///
/// Header decoders read from a `ByteReader` and never index the buffer directly, so a
/// length field that lies can only produce a `DecodeError`, never a trap. The reader
/// borrows its bytes: it must not outlive the buffer it was made from.
public struct ByteReader {
    public let bytes: UnsafeRawBufferPointer
    /// Offset of the next byte to read, from the start of `bytes`.
    public var offset: Int { position }
    // The reads are inlined into every header decoder (they run for each field of each
    // packet), so what they touch is visible to other modules.
    @usableFromInline var position: Int

    public init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        position = min(max(offset, 0), bytes.count)
    }

    @inlinable public var remainingCount: Int { bytes.count - position }
    @inlinable public var isAtEnd: Bool { position >= bytes.count }

    /// The unread bytes, still borrowed.
    public var remainingBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[position...])
    }

    @inlinable @inline(__always)
    func require(_ count: Int, _ what: StaticString) throws(DecodeError) {
        guard count >= 0, count <= remainingCount else { throw truncated(count, what) }
    }

    /// Made apart from the checks, which stay small enough to inline.
    @usableFromInline func truncated(_ count: Int, _ what: StaticString) -> DecodeError {
        DecodeError(.truncated, at: position, "\(what): needs \(count) bytes, \(remainingCount) left")
    }

    @inlinable @inline(__always)
    public mutating func readUInt8(_ what: StaticString = "byte") throws(DecodeError) -> UInt8 {
        try require(1, what)
        defer { position += 1 }
        return bytes[position]
    }

    @inlinable @inline(__always)
    public mutating func readUInt16(_ what: StaticString = "uint16") throws(DecodeError) -> UInt16 {
        try require(2, what)
        defer { position += 2 }
        return UInt16(bytes[position]) << 8 | UInt16(bytes[position + 1])
    }

    @inlinable @inline(__always)
    public mutating func readUInt32(_ what: StaticString = "uint32") throws(DecodeError) -> UInt32 {
        try require(4, what)
        defer { position += 4 }
        return UInt32(bytes[position]) << 24 | UInt32(bytes[position + 1]) << 16
            | UInt32(bytes[position + 2]) << 8 | UInt32(bytes[position + 3])
    }

    /// Reads a little-endian 32-bit value (BSD loopback headers are in host order).
    public mutating func readUInt32LittleEndian(_ what: StaticString = "uint32") throws(DecodeError) -> UInt32 {
        let bigEndian = try readUInt32(what)
        return bigEndian.byteSwapped
    }

    /// Reads `count` bytes as a borrowed slice and advances past them.
    @inlinable @inline(__always)
    public mutating func readBytes(_ count: Int,
                                   _ what: StaticString = "bytes") throws(DecodeError) -> UnsafeRawBufferPointer {
        try require(count, what)
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)])
    }

    @inlinable @inline(__always)
    public mutating func skip(_ count: Int, _ what: StaticString = "bytes") throws(DecodeError) {
        try require(count, what)
        position += count
    }

    /// Looks at the byte `distance` positions ahead without consuming it.
    public func peekUInt8(at distance: Int = 0) -> UInt8? {
        let index = position + distance
        guard distance >= 0, index < bytes.count else { return nil }
        return bytes[index]
    }

    /// Looks at a big-endian 16-bit value `distance` bytes ahead without consuming it.
    public func peekUInt16(at distance: Int = 0) -> UInt16? {
        guard let high = peekUInt8(at: distance), let low = peekUInt8(at: distance + 1) else { return nil }
        return UInt16(high) << 8 | UInt16(low)
    }
}
