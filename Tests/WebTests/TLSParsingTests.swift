import Testing
@testable import Web
import Wire

/// Builds a ClientHello handshake body from its parts.
func clientHelloBody(version: UInt16 = 0x0303, sessionID: [UInt8] = [], ciphers: [UInt16],
                     extensions: [(UInt16, [UInt8])]) -> [UInt8] {
    var body = be16(version) + [UInt8](repeating: 7, count: 32) + [UInt8(sessionID.count)] + sessionID
    body += be16(UInt16(ciphers.count * 2)) + ciphers.flatMap(be16) + [1, 0]
    let extensionBytes = extensions.flatMap { be16($0.0) + be16(UInt16($0.1.count)) + $0.1 }
    body += be16(UInt16(extensionBytes.count)) + extensionBytes
    return body
}

func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }

func serverNameExtension(_ name: String) -> (UInt16, [UInt8]) {
    let host = Array(name.utf8)
    return (0, be16(UInt16(host.count + 3)) + [0] + be16(UInt16(host.count)) + host)
}

func alpnExtension(_ protocols: [String]) -> (UInt16, [UInt8]) {
    let list = protocols.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) }
    return (16, be16(UInt16(list.count)) + list)
}

func listExtension(_ type: UInt16, _ values: [UInt16]) -> (UInt16, [UInt8]) {
    (type, be16(UInt16(values.count * 2)) + values.flatMap(be16))
}

@Suite("TLS parsing")
struct TLSParsingTests {
    /// A Chrome ClientHello as published by a fingerprinting service, with its JA3 and JA4
    /// (ja3_text, ja4, ja4_r): ciphers and extensions in wire order, sigalgs from ja4_r.
    static let chromeCiphers: [UInt16] = [4865, 4866, 4867, 49195, 49199, 49196, 49200, 52393, 52392, 49171, 49172, 156, 157, 47, 53]
    static let chromeExtensions: [UInt16] = [45, 51, 16, 65037, 23, 17613, 0, 11, 10, 43, 65281, 35, 18, 5, 13, 27]

    static func chromeHello() throws -> ClientHello {
        let extensions: [(UInt16, [UInt8])] = chromeExtensions.map { type in
            switch type {
            case 0: serverNameExtension("tls.browserleaks.com")
            case 16: alpnExtension(["h2", "http/1.1"])
            case 10: listExtension(10, [4588, 29, 23, 24])
            case 11: (11, [1, 0])
            case 13: listExtension(13, [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601])
            case 43: (43, [4] + be16(0x0304) + be16(0x0303))
            default: (type, [])
            }
        }
        return try ClientHello(parsing: clientHelloBody(ciphers: chromeCiphers, extensions: extensions))
    }

    @Test("JA3 and JA4 of a published Chrome hello")
    func chromeFingerprints() throws {
        let hello = try Self.chromeHello()
        #expect(Fingerprints.ja3String(hello) == "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,45-51-16-65037-23-17613-0-11-10-43-65281-35-18-5-13-27,4588-29-23-24,0")
        #expect(Fingerprints.ja3(hello) == "98487aa16281980e7d1120d399efb6a4")
        #expect(Fingerprints.ja4(hello) == "t13d1516h2_8daaf6152771_d8a2da3f94cd")
        #expect(hello.serverName == "tls.browserleaks.com")
        #expect(hello.alpn == ["h2", "http/1.1"])
    }

    @Test("GREASE values are left out of JA3 and JA4")
    func grease() throws {
        let hello = try ClientHello(parsing: clientHelloBody(ciphers: [0x0A0A, 0x1301], extensions: [
            (0x1A1A, []), listExtension(10, [0x2A2A, 29]), (43, [4] + be16(0x3A3A) + be16(0x0304)),
        ]))
        #expect(Fingerprints.ja3String(hello) == "771,4865,10-43,29,")
        #expect(Fingerprints.ja4(hello).hasPrefix("t13i0102"))
        #expect(TLSExtension.isGREASE(0xFAFA) && !TLSExtension.isGREASE(0x0A0B))
    }

    @Test("ALPN values that are not alphanumeric use hex digits in JA4")
    func alpnHex() {
        #expect(Fingerprints.alpnCode("h2") == "h2")
        #expect(Fingerprints.alpnCode(nil) == "00")
        #expect(Fingerprints.alpnCode("\u{1}x\u{2}") == "02")
    }

    @Test("lengths that lie throw; an oversized ClientHello is refused by the reassembler")
    func hostileHellos() {
        var body = clientHelloBody(ciphers: [0x1301], extensions: [serverNameExtension("a.example")])
        body[35] = 0xFF   // cipher suites length far past the end
        #expect(throws: DecodeError.self) { try ClientHello(parsing: body) }
        let truncated = Array(clientHelloBody(ciphers: [0x1301], extensions: [serverNameExtension("a.example")]).dropLast(4))
        #expect(throws: DecodeError.self) { try ClientHello(parsing: truncated) }
        var reassembler = HandshakeReassembler()
        #expect(reassembler.append([1, 0x10, 0, 0]).isEmpty)
        #expect(reassembler.failure != nil)
    }

    @Test("a 64 KB ClientHello spanning records is reassembled")
    func largeHello() throws {
        let padding = (UInt16(21), [UInt8](repeating: 0, count: 60_000))
        let body = clientHelloBody(ciphers: [0x1301], extensions: [serverNameExtension("big.example"), padding])
        let message = [1, UInt8(body.count >> 16), UInt8(body.count >> 8 & 0xFF), UInt8(body.count & 0xFF)] + body
        var framer = TLSRecordFramer()
        var reassembler = HandshakeReassembler()
        var messages: [HandshakeReassembler.Message] = []
        for start in stride(from: 0, to: message.count, by: 16_000) {
            let fragment = Array(message[start..<min(start + 16_000, message.count)])
            let record = [22, 3, 1] + be16(UInt16(fragment.count)) + fragment
            for event in record.withUnsafeBytes({ framer.append($0) }) {
                if case .record(_, _, let payload) = event { messages += reassembler.append(payload) }
            }
        }
        #expect(messages.count == 1)
        #expect(try ClientHello(parsing: messages[0].body).serverName == "big.example")
    }

    @Test("records give the same events whatever the split point")
    func recordSplitInvariance() {
        let stream: [UInt8] = [22, 3, 3, 0, 4, 1, 0, 0, 0] + [23, 3, 3, 0, 3, 9, 9, 9] + [21, 3, 3, 0, 2, 2, 40]
        func events(_ chunks: [[UInt8]]) -> [TLSRecordFramer.Event] {
            var framer = TLSRecordFramer()
            return chunks.flatMap { chunk in chunk.withUnsafeBytes { framer.append($0) } }
        }
        let whole = events([stream])
        #expect(whole == [.record(type: 22, version: 0x0303, fragment: [1, 0, 0, 0]), .applicationData(length: 3),
                          .record(type: 21, version: 0x0303, fragment: [2, 40])])
        for split in 1..<stream.count {
            #expect(events([Array(stream[..<split]), Array(stream[split...])]) == whole, "split at \(split)")
        }
    }

    @Test("a header that is not TLS stops the framer with one event")
    func notTLS() {
        var framer = TLSRecordFramer()
        let events = Array("HTTP/1.1 400 Bad Request\r\n".utf8).withUnsafeBytes { framer.append($0) }
        #expect(events.count == 1)
        #expect(framer.isDesynchronised)
    }
}
