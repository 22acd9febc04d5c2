import SIP
import Testing
import Wire

/// Feeds chunks to a framer and collects every event.
func frame(_ chunks: [[UInt8]], limits: Limits = .default, gapAfter: Int? = nil) -> [SIPFramingEvent] {
    var framer = SIPStreamFramer(limits: limits)
    var events: [SIPFramingEvent] = []
    for (index, chunk) in chunks.enumerated() {
        chunk.withUnsafeBytes { framer.append($0) }
        while let event = framer.next() { events.append(event) }
        if index == gapAfter, let event = framer.noteGap(byteCount: 10) { events.append(event) }
    }
    if let event = framer.finish() { events.append(event) }
    return events
}

func messages(_ events: [SIPFramingEvent]) -> [SIPMessage] {
    events.compactMap { if case .message(let message) = $0 { message } else { nil } }
}

func problemCodes(_ events: [SIPFramingEvent]) -> [String] {
    events.compactMap { if case .problem(let code, _) = $0 { code } else { nil } }
}

@Suite("SIP framing over streams")
struct SIPStreamFramerTests {
    static let invite = "INVITE sip:bob@contoso.com SIP/2.0\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: 14\r\n\r\nv=0\r\no=- 1 1\r\n"
    static let trying = "SIP/2.0 100 Trying\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"
    static let message = "MESSAGE sip:bob@contoso.com SIP/2.0\r\ni: c2\r\nl: 5\r\n\r\nhello"
    static let stream = Array((invite + "\r\n\r\n" + trying + "\r\n" + message).utf8)

    @Test("several messages and keep-alives in one chunk")
    func severalInOneChunk() {
        let events = frame([Self.stream])
        #expect(messages(events).map(\.callID) == ["c1", "c1", "c2"])
        #expect(messages(events).first?.body == Array("v=0\r\no=- 1 1\r\n".utf8))
        #expect(messages(events).last?.body == Array("hello".utf8))
        #expect(problemCodes(events).isEmpty)
    }

    @Test("the same messages whatever the split point")
    func splitInvariance() {
        let whole = messages(frame([Self.stream]))
        for split in 1..<Self.stream.count {
            let parts = [Array(Self.stream[..<split]), Array(Self.stream[split...])]
            #expect(messages(frame(parts)) == whole, "split at \(split)")
        }
    }

    @Test("the same messages fed byte by byte")
    func byteByByte() {
        let events = frame(Self.stream.map { [$0] })
        #expect(messages(events) == messages(frame([Self.stream])))
        #expect(problemCodes(events).isEmpty)
    }

    @Test("garbage before a message: reported, then framing resynchronises on the start line")
    func resynchronisesAfterGarbage() {
        let events = frame([Array(("some binary junk\r\nmore junk\r\n" + Self.trying).utf8)])
        #expect(problemCodes(events) == ["sip_stream_garbage"])
        #expect(messages(events).map(\.statusCode) == [100])
    }

    @Test("a gap inside a message loses that message only")
    func gapInsideMessage() {
        let half = Array(Self.invite.utf8.prefix(30))
        let rest = Array(("tail of the lost message\r\n\r\n" + Self.trying).utf8)
        let events = frame([half, rest], gapAfter: 0)
        #expect(problemCodes(events) == ["sip_message_lost_in_gap"])
        #expect(messages(events).map(\.statusCode) == [100])
    }

    @Test("a body over the message limit is skipped, not buffered; framing goes on")
    func oversizedBody() {
        var limits = Limits()
        limits.sipMessageBytes = 100
        let big = "NOTIFY sip:a@b SIP/2.0\r\nCall-ID: big\r\nContent-Length: 1000\r\n\r\n" + String(repeating: "x", count: 1000)
        let chunks = Array((big + Self.trying).utf8).chunked(into: 64)
        let events = frame(chunks, limits: limits)
        #expect(messages(events).map(\.callID) == ["big", "c1"])
        #expect(messages(events).first?.bodyLength == 1000)
        #expect(messages(events).first?.body.isEmpty == true)
        #expect(problemCodes(events) == ["sip_message_too_large"])
    }

    @Test("a head that never ends is capped and reported")
    func endlessHead() {
        var limits = Limits()
        limits.sipHeaderBytes = 1024
        let endless = "OPTIONS sip:a@b SIP/2.0\r\n" + String(repeating: "X-Long: 1\r\n", count: 200)
        let events = frame(Array(endless.utf8).chunked(into: 100), limits: limits)
        #expect(problemCodes(events).first == "sip_head_too_large")
        #expect(messages(events).isEmpty)
    }

    @Test("a stream ending inside a message reports it")
    func endInsideMessage() {
        let events = frame([Array(Self.invite.utf8.dropLast(4))])
        #expect(messages(events).isEmpty)
        #expect(problemCodes(events) == ["sip_message_incomplete"])
    }

    @Test("a missing Content-Length on a stream means an empty body")
    func missingContentLength() {
        let events = frame([Array(("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: n\r\n\r\n" + Self.trying).utf8)])
        #expect(messages(events).map(\.callID) == ["n", "c1"])
    }
}

extension Array {
    func chunked(into size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
