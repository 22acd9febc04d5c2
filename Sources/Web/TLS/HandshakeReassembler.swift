/// Joins handshake records into handshake messages (RFC 8446 §4): a message may span
/// records and a record may hold several messages.
///
/// ```
///  msg_type(1) | length(3) | body(length)
/// ```
///
/// Bounded: a message announcing more than `maximumMessageLength` ends reassembly.
struct HandshakeReassembler {
    struct Message: Equatable {
        let type: UInt8
        let body: [UInt8]
    }

    /// Certificate chains reach tens of KB; a 64 KB ClientHello is hostile but legal.
    static let maximumMessageLength = 256 << 10

    private var buffer: [UInt8] = []
    private(set) var failure: String?

    mutating func append(_ fragment: [UInt8]) -> [Message] {
        guard failure == nil else { return [] }
        buffer += fragment
        var messages: [Message] = []
        while buffer.count >= 4 {
            let length = Int(buffer[1]) << 16 | Int(buffer[2]) << 8 | Int(buffer[3])
            guard length <= Self.maximumMessageLength else {
                failure = "handshake message of \(length) bytes exceeds \(Self.maximumMessageLength)"
                buffer.removeAll()
                return messages
            }
            guard buffer.count >= 4 + length else { break }
            messages.append(Message(type: buffer[0], body: Array(buffer[4..<(4 + length)])))
            buffer.removeFirst(4 + length)
        }
        return messages
    }
}
