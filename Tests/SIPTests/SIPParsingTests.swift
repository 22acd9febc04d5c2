@testable import SIP
import Testing

func parseDatagram(_ text: String) -> [SIPFramingEvent]? {
    Array(text.utf8).withUnsafeBytes { SIPDatagramParser.parse($0) }
}

func parseMessage(_ text: String) throws -> SIPMessage {
    let events = try #require(parseDatagram(text))
    guard case .message(let message)? = events.first else {
        Issue.record("no message in \(events)")
        throw ParseFailure()
    }
    return message
}

struct ParseFailure: Error {}

@Suite("SIP start lines")
struct SIPStartLineTests {
    func parse(_ line: String) -> SIPStartLine? {
        Array(line.utf8).withUnsafeBytes { SIPStartLine.parse($0) }
    }

    @Test("requests keep any method token, including Microsoft's")
    func requests() {
        #expect(parse("INVITE sip:bob@contoso.com SIP/2.0") == .request(method: .invite, uri: "sip:bob@contoso.com"))
        #expect(parse("SERVICE sip:alice@contoso.com SIP/2.0") == .request(method: .service, uri: "sip:alice@contoso.com"))
        #expect(parse("BENOTIFY sip:a@b SIP/2.0")?.isRequest == true)
        #expect(parse("X-FUTURE.METHOD sip:a@b SIP/2.0") == .request(method: SIPMethod("X-FUTURE.METHOD"), uri: "sip:a@b"))
    }

    @Test("status lines with and without a reason phrase")
    func responses() {
        #expect(parse("SIP/2.0 200 OK") == .response(status: 200, reason: "OK"))
        #expect(parse("SIP/2.0 504 Server Time-out") == .response(status: 504, reason: "Server Time-out"))
        #expect(parse("SIP/2.0 180 ") == .response(status: 180, reason: ""))
    }

    @Test("lines that are not SIP start lines", arguments: [
        "GET / HTTP/1.1", "HTTP/1.1 200 OK", "SIP/2.0 99 Too Low", "SIP/2.0 2000 Bad", "INVITE  SIP/2.0",
        "INVITE sip:a@b SIP/3.0", "INVITE sip:a b@c SIP/2.0", "INV ITE sip:a@b SIP/2.0", "REGISTER sip:a\0@b SIP/2.0",
    ])
    func notStartLines(_ line: String) {
        #expect(parse(line) == nil)
    }
}

extension SIPStartLine {
    var isRequest: Bool {
        if case .request = self { return true }
        return false
    }
}

@Suite("SIP message parsing")
struct SIPMessageParsingTests {
    @Test("every compact header form expands to its full name")
    func compactForms() throws {
        let pairs = [("i", "call-id"), ("f", "from"), ("t", "to"), ("m", "contact"), ("l", "content-length"),
                     ("c", "content-type"), ("v", "via"), ("k", "supported"), ("s", "subject"), ("e", "content-encoding"),
                     ("o", "event"), ("u", "allow-events"), ("r", "refer-to"), ("b", "referred-by"),
                     ("x", "session-expires"), ("y", "identity"), ("a", "accept-contact"), ("d", "request-disposition"),
                     ("j", "reject-contact"), ("n", "identity-info")]
        for (compact, full) in pairs {
            #expect(SIPHeaderName(compact) == SIPHeaderName(full), "\(compact)")
            #expect(SIPHeaderName(compact.uppercased()).canonical == full)
        }
    }

    @Test("the names compared as numbers are the names parsed from text, each distinct")
    func wellKnownNames() {
        let names: [SIPHeaderName] = [
            .callID, .from, .to, .cseq, .via, .contact, .contentType, .contentLength, .event, .expires, .userAgent,
            .server, .upgrade, .subscriptionState, .msTextFormat, .msDiagnostics, .msDiagnosticsPublic,
            .msClientDiagnostics, .wwwAuthenticate, .proxyAuthenticate, .authenticationInfo, .authorization,
            .proxyAuthorization,
        ]
        for name in names {
            let parsed = SIPHeaderName(name.canonical.uppercased())
            #expect(parsed == name && parsed.hashValue == name.hashValue && parsed.canonical == name.canonical, "\(name)")
            #expect(names.filter { $0 == name }.count == 1, "\(name)")
            let alternating = String(name.canonical.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.uppercased()) : $0.element })
            #expect(SIPHeaderName(alternating) == name, "\(alternating)")
            // The same length and first letter, one byte off: another name.
            let nearMiss = String(name.canonical.dropLast()) + (name.canonical.last == "z" ? "y" : "z")
            #expect(SIPHeaderName(nearMiss) != name && SIPHeaderName(nearMiss).canonical == nearMiss, "\(nearMiss)")
        }
        #expect(names == SIPHeaderName.wellKnown)
        #expect(SIPHeaderName("X-Custom") == SIPHeaderName("x-custom"))
        #expect(SIPHeaderName("X-Custom") != SIPHeaderName("X-Other"))
        #expect(SIPHeaderName("k") == SIPHeaderName("Supported"))
    }

    @Test("headers are case-insensitive, compact and long forms read the same")
    func compactMessage() throws {
        let message = try parseMessage("""
            NOTIFY sip:alice@contoso.com SIP/2.0\r
            v: SIP/2.0/TLS 10.0.0.1:5061;branch=z9hG4bK1\r
            i: abc123@host\r
            f: <sip:srv@contoso.com>;tag=s1\r
            T: "Alice" <sip:alice@contoso.com>;tag=a1\r
            CSEQ: 7 NOTIFY\r
            o: presence\r
            c: application/pidf+xml\r
            l: 4\r
            \r
            body
            """)
        #expect(message.callID == "abc123@host")
        #expect(message.cseq == CSeq(sequence: 7, method: .notify))
        #expect(message.from?.uri == "sip:srv@contoso.com")
        #expect(message.from?.tag == "s1")
        #expect(message.to?.displayName == "Alice")
        #expect(message.to?.tag == "a1")
        #expect(message.first(.event) == "presence")
        #expect(message.contentType == "application/pidf+xml")
        #expect(message.body == Array("body".utf8))
        #expect(message.headers.map(\.writtenName).first == "v")
    }

    @Test("folded header lines are joined with one space")
    func foldedLines() throws {
        let message = try parseMessage("OPTIONS sip:a@b SIP/2.0\r\nSubject: I know you're there,\r\n  pick up the phone\r\n\tand talk to me!\r\nCall-ID: x\r\n\r\n")
        #expect(message.first(SIPHeaderName("Subject")) == "I know you're there, pick up the phone and talk to me!")
        #expect(message.callID == "x")
    }

    @Test("what is kept of a message holds the named headers alone, folded ones included")
    func retainingNamedHeaders() throws {
        let message = try parseMessage("""
            NOTIFY sip:a@b SIP/2.0\r
            Call-ID: keep-1\r
            Max-Forwards: 70\r
            Subject: one,\r
             two\r
            EVENT: presence\r
            Content-Length: 4\r
            \r
            body
            """)
        let kept = message.retaining([.event, SIPHeaderName("subject"), .callID])
        #expect(kept.headers.map(\.writtenName) == ["Call-ID", "Subject", "EVENT"])
        #expect(kept.headers.map(\.value) == ["keep-1", "one, two", "presence"])
        #expect(kept.first(.contentLength) == nil)
        #expect(kept.body.isEmpty && kept.bodyLength == 4)
        #expect(kept.callID == "keep-1")
        #expect(message.first(.contentLength) == "4")
    }

    @Test("several values in one header and repeated headers, in order")
    func multipleValues() throws {
        let message = try parseMessage("""
            INVITE sip:b@x SIP/2.0\r
            Via: SIP/2.0/UDP p1;branch=z9hG4bK1, SIP/2.0/UDP p2;branch=z9hG4bK2\r
            Via: SIP/2.0/UDP p3;branch=z9hG4bK3\r
            Contact: "Smith, John" <sip:j@x>, <sip:k@y;a=b,c>\r
            \r

            """)
        #expect(message.values(.via).count == 3)
        #expect(message.values(.via).last == "SIP/2.0/UDP p3;branch=z9hG4bK3")
        #expect(message.values(.contact) == ["\"Smith, John\" <sip:j@x>", "<sip:k@y;a=b,c>"])
    }

    @Test("values split at commas outside quotes and angle brackets, trimmed, a trailing empty one dropped")
    func valueSplitting() {
        let cases: [(String, [String])] = [
            ("\"Smith, J\" <sip:j@x>, <sip:k@x>", ["\"Smith, J\" <sip:j@x>", "<sip:k@x>"]),
            ("\"a\\\"b,c\" <sip:x>,d", ["\"a\\\"b,c\" <sip:x>", "d"]),
            ("<sip:a,b>;p=1 ,\t e ,", ["<sip:a,b>;p=1", "e"]),
            ("", [""]),
            (" , ", [""]),
            ("é, ü", ["é", "ü"]),
        ]
        for (value, parts) in cases {
            #expect(HeaderValueSplitter.split(value) == parts, "\(value)")
            #expect(HeaderValueSplitter.first(value) == parts[0], "\(value)")
        }
    }

    @Test("a name-address without angle brackets leaves its parameters to the header")
    func bareNameAddress() {
        let address = NameAddress(parsing: "sip:alice@contoso.com;tag=xyz;epid=01010101")
        #expect(address.uri == "sip:alice@contoso.com")
        #expect(address.tag == "xyz")
        #expect(address.parameters["epid"] == "01010101")
    }

    @Test("From, To, CSeq, the Via branch and addresses of record, read from the bytes of each header")
    func correlationFields() throws {
        let message = try parseMessage("""
            MESSAGE sip:bob@contoso.com SIP/2.0\r
            v: SIP/2.0/TLS 10.0.0.1:5061 ; Branch = z9hG4bKab12 ;rport, SIP/2.0/TLS 10.0.0.9;branch=z9hG4bKother\r
            FROM:   "Smith; \\"J\\"" <SIP:Alice@Contoso.COM;transport=tls>;TAG=T1;epid="a;b" \r
            t: <sip:bob@contoso.com?subject=x>\r
            CSeq:\t 42 \t MESSAGE \r
            i: abc@host\r
            \r

            """)
        #expect(message.transactionBranch == "z9hG4bKab12")
        #expect(message.from?.displayName == "Smith; \\\"J\\\"")
        #expect(message.from?.uri == "SIP:Alice@Contoso.COM;transport=tls")
        #expect(message.from?.tag == "T1")
        #expect(message.from?.parameter("epid") == "\"a;b\"")
        #expect(message.fromAddressOfRecord == "sip:alice@contoso.com")
        #expect(message.toAddressOfRecord == "sip:bob@contoso.com")
        #expect(message.cseq == CSeq(sequence: 42, method: .message))
        #expect(message.callID == "abc@host")
        #expect(CSeq(parsing: "1 INVITE extra") == nil)
        #expect(CSeq(parsing: "x INVITE") == nil)
        #expect(CSeq(parsing: "7") == nil)
        // Sequence numbers read as UInt32(_:) reads them: signs, leading zeros, the limit.
        for number in ["0", "00042", "4294967295", "4294967296", "99999999999", "+5", "-0", "-1", "12a", "+", "٣"] {
            #expect(CSeq(parsing: "\(number) INVITE")?.sequence == UInt32(number), "\(number)")
        }
        #expect(NameAddress.addressOfRecord("<tel:+1555;phone-context=x>") == "tel:+1555")
        #expect(NameAddress.addressOfRecord("mailto:a@b") == nil)
        #expect(NameAddress.addressOfRecord("sip:") == nil)
        let old = try parseMessage("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=1234\r\n\r\n")
        #expect(old.transactionBranch == nil)
    }

    @Test("the body is what Content-Length says; a shorter datagram is reported")
    func contentLengthInDatagrams() throws {
        let exact = try parseMessage("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 2\r\n\r\nhi and more")
        #expect(exact.body == Array("hi".utf8))
        let events = try #require(parseDatagram("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 50\r\n\r\nhi"))
        #expect(events.count == 2)
        #expect(events.last == .problem(code: "sip_body_truncated", detail: "Content-Length 50 but only 2 body bytes in the datagram"))
        let noLength = try parseMessage("MESSAGE sip:a@b SIP/2.0\r\n\r\nwhole rest")
        #expect(noLength.body == Array("whole rest".utf8))
    }

    @Test("bare LF and lone CR line ends split lines as tshark does")
    func lineEnds() throws {
        let lf = try parseMessage("OPTIONS sip:a@b SIP/2.0\nCall-ID: lf\n\n")
        #expect(lf.callID == "lf")
        let cr = try parseMessage("CANCEL sip:a@b SIP/2.0\rCSeq: 1 CANCEL\r\u{0B}Content-Length: 0\r\n\r\n")
        #expect(cr.method == .cancel)
        #expect(cr.first(.cseq) == "1 CANCEL")
    }

    @Test("keep-alive CRLFs before a datagram's start line are skipped; non-SIP is nil")
    func keepAlivesAndNonSIP() throws {
        #expect(try parseMessage("\r\n\r\nOPTIONS sip:a@b SIP/2.0\r\n\r\n").method == .options)
        #expect(parseDatagram("\r\n\r\n") == nil)
        #expect(parseDatagram("GET / HTTP/1.1\r\nHost: x\r\n\r\n") == nil)
        #expect(parseDatagram("\u{16}\u{03}\u{01}\u{02}\u{00}") == nil)
    }

    @Test("lines without a colon are skipped and reported")
    func malformedHeaderLine() throws {
        let events = try #require(parseDatagram("OPTIONS sip:a@b SIP/2.0\r\nthis is not a header\r\nCall-ID: ok\r\n\r\n"))
        guard case .message(let message)? = events.first else { Issue.record("no message"); return }
        #expect(message.callID == "ok")
        #expect(events.contains { if case .problem("sip_malformed_header", _) = $0 { true } else { false } })
    }

    @Test("header count is capped: 100,000 headers cost at most the cap")
    func headerCap() throws {
        let many = String(repeating: "X-A: 1\r\n", count: 100_000)
        let events = try #require(parseDatagram("OPTIONS sip:a@b SIP/2.0\r\n\(many)Call-ID: last\r\n\r\n"))
        guard case .message(let message)? = events.first else { Issue.record("no message"); return }
        #expect(message.headers.count == SIPHeadParser.maximumHeaderCount)
        #expect(events.contains { if case .problem("sip_too_many_headers", _) = $0 { true } else { false } })
    }

    @Test("invalid UTF-8 and NUL in header values never trap")
    func hostileBytes() throws {
        var bytes = Array("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: ".utf8) + [0xFF, 0xFE, 0x00, 0x41] + Array("\r\n\r\n".utf8)
        bytes += [0xC3]
        let events = bytes.withUnsafeBytes { SIPDatagramParser.parse($0) }
        guard case .message(let message)? = events?.first else { Issue.record("no message"); return }
        #expect(message.callID?.hasSuffix("\0A") == true)
    }
}
