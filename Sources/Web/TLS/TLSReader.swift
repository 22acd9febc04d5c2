import Wire

/// A bounds-checked reader over an owned handshake body, for the TLS vectors
/// (`<0..2^8-1>`, `<0..2^16-1>`, `<0..2^24-1>` length prefixes).
struct TLSReader {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset >= bytes.count }

    private func require(_ count: Int, _ what: String) throws(DecodeError) {
        guard count >= 0, count <= bytes.count - offset else {
            throw DecodeError(.truncated, at: offset, "\(what): needs \(count) bytes, \(bytes.count - offset) left")
        }
    }

    mutating func uint8(_ what: String) throws(DecodeError) -> UInt8 {
        try require(1, what)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16(_ what: String) throws(DecodeError) -> UInt16 {
        try require(2, what)
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func uint24(_ what: String) throws(DecodeError) -> Int {
        try require(3, what)
        defer { offset += 3 }
        return Int(bytes[offset]) << 16 | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2])
    }

    mutating func bytes(_ count: Int, _ what: String) throws(DecodeError) -> [UInt8] {
        try require(count, what)
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func skip(_ count: Int, _ what: String) throws(DecodeError) {
        try require(count, what)
        offset += count
    }

    mutating func vector8(_ what: String) throws(DecodeError) -> [UInt8] {
        try bytes(Int(try uint8(what)), what)
    }

    mutating func vector16(_ what: String) throws(DecodeError) -> [UInt8] {
        try bytes(Int(try uint16(what)), what)
    }

    mutating func vector24(_ what: String) throws(DecodeError) -> [UInt8] {
        try bytes(try uint24(what), what)
    }
}
