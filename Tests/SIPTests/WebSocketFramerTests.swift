import SIP
import Testing

@Suite("WebSocket framing (RFC 6455, for RFC 7118)")
struct WebSocketFramerTests {
    static let upgrade = "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Protocol: sip\r\n\r\n"

    /// A frame as a client sends it: masked.
    static func maskedFrame(_ payload: [UInt8], opcode: UInt8 = 1, final: Bool = true) -> [UInt8] {
        let mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        var frame: [UInt8] = [(final ? 0x80 : 0) | opcode]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else {
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        }
        return frame + mask + payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
    }

    func run(_ chunks: [[UInt8]]) -> [WebSocketFramer.Event] {
        var framer = WebSocketFramer(maximumMessageBytes: 1 << 20)
        var events: [WebSocketFramer.Event] = []
        for chunk in chunks {
            chunk.withUnsafeBytes { framer.append($0) }
            while let event = framer.next() { events.append(event) }
        }
        return events
    }

    @Test("recognises the upgrade request and the 101 answer")
    func recognisesUpgrade() {
        #expect(Array(Self.upgrade.utf8).withUnsafeBytes { WebSocketFramer.isUpgradeHead($0) })
        let answer = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"
        #expect(Array(answer.utf8).withUnsafeBytes { WebSocketFramer.isUpgradeHead($0) })
        #expect(!Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8).withUnsafeBytes { WebSocketFramer.isUpgradeHead($0) })
    }

    @Test("unmasks frames, joins fragments, skips control frames")
    func framesAndFragments() {
        let sip = Array("OPTIONS sip:a@b SIP/2.0\r\n\r\n".utf8)
        let long = Array(repeating: UInt8(0x61), count: 300)
        let stream = Array(Self.upgrade.utf8) + Self.maskedFrame(sip)
            + Self.maskedFrame([], opcode: 9)
            + Self.maskedFrame(Array(sip[..<10]), final: false) + Self.maskedFrame(Array(sip[10...]), opcode: 0)
            + Self.maskedFrame(long)
        #expect(run([stream]) == [.message(sip), .message(sip), .message(long)])
        #expect(run(stream.map { [$0] }) == [.message(sip), .message(sip), .message(long)])
    }
}
