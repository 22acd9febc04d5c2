import Wire

/// Splits one direction of a TLS connection into records (RFC 8446 §5.1):
///
/// ```
///  type(1) | legacy_record_version(2) | length(2) | fragment(length)
/// ```
///
/// Handshake, alert and change-cipher-spec fragments are handed over whole; application
/// data is only counted, never buffered past its header. A header that cannot be TLS
/// (unknown type, a version outside 3.x, a length over 2^14 + 2048) ends the framing.
public struct TLSRecordFramer {
    public enum ContentType: UInt8, Sendable {
        case changeCipherSpec = 20
        case alert = 21
        case handshake = 22
        case applicationData = 23
        case heartbeat = 24
    }

    public enum Event: Equatable {
        case record(type: UInt8, version: UInt16, fragment: [UInt8])
        /// Application data: only its length is kept.
        case applicationData(length: Int)
        case malformed(reason: String)
    }

    /// RFC 8446 §5.2: ciphertext may exceed 2^14 by at most 256 (2048 in TLS 1.2).
    static let maximumRecordLength = (1 << 14) + 2048

    private var buffer: [UInt8] = []
    private var skipRemaining = 0
    public private(set) var isDesynchronised = false
    /// Keep application-data records whole (to decrypt them) instead of only counting them.
    public var keepsApplicationData = false

    public init() {}

    /// Bytes a record begun on the stream still lacks (0 between records).
    public var missingRecordBytes: Int {
        if skipRemaining > 0 { return skipRemaining }
        guard !buffer.isEmpty else { return 0 }
        guard buffer.count >= 5 else { return 5 - buffer.count }
        return 5 + (Int(buffer[3]) << 8 | Int(buffer[4])) - buffer.count
    }

    /// True if `bytes` open with what can only be a TLS (or SSL 3) record header.
    public static func looksLikeRecord(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 3, ContentType(rawValue: bytes[0]) != nil, bytes[1] == 3, bytes[2] <= 4 else { return false }
        if bytes.count >= 5 {
            let length = Int(bytes[3]) << 8 | Int(bytes[4])
            return length > 0 && length <= maximumRecordLength
        }
        return true
    }

    /// Feeds bytes; returns the records completed by them.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) -> [Event] {
        var events: [Event] = []
        append(bytes, into: &events)
        return events
    }

    /// Feeds bytes; appends the records completed by them to `events`, which a caller
    /// feeding many small reads keeps and empties between them rather than allocating one
    /// array per read.
    public mutating func append(_ bytes: UnsafeRawBufferPointer, into events: inout [Event]) {
        guard !isDesynchronised else { return }
        var input = bytes[...]
        while !input.isEmpty {
            if skipRemaining > 0 {
                let skipped = min(skipRemaining, input.count)
                skipRemaining -= skipped
                input = input.dropFirst(skipped)
                continue
            }
            let needed = 5 - min(buffer.count, 5)
            if needed > 0 {
                let taken = input.prefix(needed)
                buffer.append(contentsOf: taken)
                input = input.dropFirst(taken.count)
                if buffer.count < 5 { break }
            }
            let type = buffer[0], version = UInt16(buffer[1]) << 8 | UInt16(buffer[2])
            let length = Int(buffer[3]) << 8 | Int(buffer[4])
            guard ContentType(rawValue: type) != nil, buffer[1] == 3, length <= Self.maximumRecordLength else {
                isDesynchronised = true
                events.append(.malformed(reason: "record header \(buffer.prefix(5).map { String($0, radix: 16) }) is not TLS"))
                buffer.removeAll()
                return
            }
            if type == ContentType.applicationData.rawValue, !keepsApplicationData {
                events.append(.applicationData(length: length))
                buffer.removeAll(keepingCapacity: true)
                skipRemaining = length
                continue
            }
            let missing = 5 + length - buffer.count
            let taken = input.prefix(missing)
            buffer.append(contentsOf: taken)
            input = input.dropFirst(taken.count)
            guard buffer.count == 5 + length else { break }
            events.append(.record(type: type, version: version, fragment: Array(buffer[5...])))
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
