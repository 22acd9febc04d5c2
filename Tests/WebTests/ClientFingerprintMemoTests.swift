import Testing
@testable import Web

@Suite("Client fingerprint memo")
struct ClientFingerprintMemoTests {
    static func hello(sessionID: [UInt8] = [], ciphers: [UInt16] = [4865, 4866, 49195], name: String = "pool01.contoso.com",
                      alpn: [String] = ["h2"], keyShare: [UInt8] = [1, 2, 3]) throws -> ClientHello {
        try ClientHello(parsing: clientHelloBody(sessionID: sessionID, ciphers: ciphers, extensions: [
            serverNameExtension(name), listExtension(10, [29, 23]), alpnExtension(alpn), listExtension(13, [0x0403, 0x0804]),
            (43, [4, 0x03, 0x04, 0x03, 0x03]), (51, keyShare),
        ]))
    }

    static func direct(_ hello: ClientHello) -> [String] {
        [Fingerprints.ja3String(hello), Fingerprints.ja3(hello), Fingerprints.ja4(hello)]
    }

    @Test("a remembered hello gives what computing gives; a session id or key share does not tell hellos apart, what the fingerprints read does")
    func remembersWhatFingerprintsRead() throws {
        let memo = ClientFingerprintMemo()
        let variants = [
            try Self.hello(),
            try Self.hello(sessionID: [9, 9, 9], keyShare: [7, 7, 7, 7]),   // same fingerprints
            try Self.hello(ciphers: [4865, 49195]),                          // other ciphers
            try Self.hello(name: "sip.contoso.com"),                          // another name, the same fingerprints
            try Self.hello(alpn: ["http/1.1"]),                               // ALPN is read
        ]
        for hello in variants + variants.reversed() {
            let remembered = memo.fingerprints(of: hello)
            #expect([remembered.ja3Full, remembered.ja3, remembered.ja4] == Self.direct(hello))
        }
        #expect(Self.direct(variants[0]) == Self.direct(variants[1]) && Self.direct(variants[0]) == Self.direct(variants[3]))
        #expect(Set([0, 2, 4].map { Self.direct(variants[$0]).joined(separator: " ") }).count == 3)
    }
}
