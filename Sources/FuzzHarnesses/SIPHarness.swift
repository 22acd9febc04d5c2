import Payloads
import SIP
import Wire

/// The input is SIP text: parsed as one datagram, then framed as a TCP stream delivered
/// in pieces whose sizes the input's first bytes choose, each message's payload decoded.
enum SIPHarness {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        var cursor = InputCursor(bytes)
        let cuts = (0..<4).map { _ in Int(cursor.byte()) + 1 }
        let text = cursor.rest()

        for event in SIPDatagramParser.parse(text) ?? [] {
            if case .message(let message) = event { _ = MessageDecoding(message) }
        }

        var limits = Limits()
        limits.sipHeaderBytes = 4096
        limits.sipMessageBytes = 16384
        var framer = SIPStreamFramer(limits: limits)
        var offset = 0, piece = 0
        while offset < text.count {
            let end = min(text.count, offset + cuts[piece % cuts.count])
            framer.append(UnsafeRawBufferPointer(rebasing: text[offset..<end]))
            while let event = framer.next() {
                if case .message(let message) = event { _ = MessageDecoding(message) }
            }
            // The framer holds at most one head and one body, whatever the input.
            precondition(framer.bufferedByteCount <= limits.sipHeaderBytes + limits.sipMessageBytes + 256)
            offset = end
            piece += 1
        }
    }
}
