/// Extracts WebSocket messages (RFC 6455) from one direction of a connection that was
/// upgraded from HTTP, for SIP over WebSocket (RFC 7118): each text or binary message
/// carries one SIP message.
///
/// The direction starts with its HTTP head (the GET with `Upgrade: websocket`, or the
/// `101 Switching Protocols` answer); frames follow it. Client frames are masked.
public struct WebSocketFramer {
    enum State: Equatable {
        case handshake
        case frames
        /// Frame boundaries are unknown (a gap, or a frame over the size limit): bytes are ignored.
        case lost
    }

    /// One complete data message, unmasked and with its fragments joined.
    public enum Event: Equatable {
        case message([UInt8])
        case problem(code: String, detail: String)
    }

    private(set) var state: State = .handshake
    private var queue = ByteQueue()
    private var fragments: [UInt8] = []
    private let maximumMessageBytes: Int

    public init(maximumMessageBytes: Int) { self.maximumMessageBytes = maximumMessageBytes }

    /// True if `bytes` open an HTTP message that upgrades the connection to WebSocket.
    public static func isUpgradeHead(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // Most streams are not HTTP at all: look at the first bytes before making text.
        guard bytes.starts(with: "GET ".utf8) || bytes.starts(with: "HTTP/1.1 101".utf8) else { return false }
        let prefix = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<min(bytes.count, 4096)]), as: UTF8.self)
        return prefix.lowercased().contains("upgrade: websocket")
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if state != .lost { queue.append(bytes) }
    }

    public mutating func next() -> Event? {
        while true {
            switch state {
            case .handshake:
                guard let boundary = queue.withBytes({ HeadBoundary.find(in: $0, from: 0, atEndOfData: false).found }) else {
                    if queue.count > 64 << 10 {
                        queue.removeAll()
                        state = .frames
                        return .problem(code: "websocket_bad_handshake", detail: "no end of the HTTP upgrade head within 64 KB")
                    }
                    return nil
                }
                queue.consume(boundary.bodyStart)
                state = .frames
            case .lost:
                return nil
            case .frames:
                guard let frame = queue.withBytes({ WebSocketFrame.parse($0) }) else {
                    guard queue.count > maximumMessageBytes + 14 else { return nil }
                    queue.removeAll()
                    state = .lost
                    return .problem(code: "websocket_message_too_large", detail: "a WebSocket frame over \(maximumMessageBytes) bytes; the rest of the stream is skipped")
                }
                queue.consume(frame.totalLength)
                if let event = handle(frame) { return event }
            }
        }
    }

    /// Bytes were lost: frame boundaries are unknown from here on.
    public mutating func noteGap() -> Event {
        queue.removeAll()
        fragments.removeAll()
        state = .lost
        return .problem(code: "websocket_gap", detail: "bytes missing from a WebSocket stream; its later frames cannot be delimited")
    }

    private mutating func handle(_ frame: WebSocketFrame) -> Event? {
        switch frame.opcode {
        case 0x0, 0x1, 0x2:
            if frame.opcode != 0 { fragments.removeAll() }
            guard fragments.count + frame.payload.count <= maximumMessageBytes else {
                fragments.removeAll()
                return .problem(code: "websocket_message_too_large", detail: "WebSocket message over \(maximumMessageBytes) bytes skipped")
            }
            fragments.append(contentsOf: frame.payload)
            guard frame.isFinal else { return nil }
            defer { fragments.removeAll() }
            return .message(fragments)
        default:
            return nil   // close, ping, pong
        }
    }
}

/// One RFC 6455 §5.2 frame.
///
/// ```
///  0               1               2               3
///  +-+-+-+-+-------+-+-------------+-------------------------------+
///  |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
///  |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
///  +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
///  |     Masking-key (0 or 4 bytes)      |     Payload Data ...    |
///  +---------------------------------------------------------------+
/// ```
struct WebSocketFrame {
    let isFinal: Bool
    let opcode: UInt8
    let payload: [UInt8]
    let totalLength: Int

    /// Nil until the whole frame is in `bytes`.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> WebSocketFrame? {
        guard bytes.count >= 2 else { return nil }
        let isFinal = bytes[0] & 0x80 != 0
        let opcode = bytes[0] & 0x0F
        let masked = bytes[1] & 0x80 != 0
        var length = Int(bytes[1] & 0x7F)
        var offset = 2
        if length == 126 {
            guard bytes.count >= 4 else { return nil }
            length = Int(bytes[2]) << 8 | Int(bytes[3])
            offset = 4
        } else if length == 127 {
            guard bytes.count >= 10 else { return nil }
            var value: UInt64 = 0
            for index in 2..<10 { value = value << 8 | UInt64(bytes[index]) }
            // Anything past 2^31 is hostile; cap so the arithmetic below cannot overflow.
            length = Int(min(value, UInt64(Int32.max)))
            offset = 10
        }
        let maskOffset = offset
        if masked { offset += 4 }
        guard bytes.count - offset >= length else { return nil }
        var payload = Array(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]))
        if masked {
            for index in payload.indices { payload[index] ^= bytes[maskOffset + index % 4] }
        }
        return WebSocketFrame(isFinal: isFinal, opcode: opcode, payload: payload, totalLength: offset + length)
    }
}
