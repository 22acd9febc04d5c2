import Testing
@testable import Web

@Suite("Client fingerprint memo")
struct FingerprintMemoTests {
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
        let memo = FingerprintMemo()
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

    static func serverHello(random: UInt8 = 7, cipher: UInt16 = 0x1301, extensions: [(UInt16, [UInt8])]) throws -> ServerHello {
        var body = be16(0x0303) + [UInt8](repeating: random, count: 32) + [0] + be16(cipher) + [0]
        let extensionBytes = extensions.flatMap { be16($0.0) + be16(UInt16($0.1.count)) + $0.1 }
        body += be16(UInt16(extensionBytes.count)) + extensionBytes
        return try ServerHello(parsing: body)
    }

    @Test("a remembered server hello gives the JA3S computing gives; cipher and extensions tell hellos apart, their contents do not")
    func remembersServers() throws {
        let memo = FingerprintMemo()
        let variants = [
            try Self.serverHello(extensions: [(43, [0x03, 0x04]), (51, [1, 2])]),
            try Self.serverHello(random: 9, extensions: [(43, [0x03, 0x04]), (51, [5, 6, 7])]),   // same JA3S
            try Self.serverHello(cipher: 0x1302, extensions: [(43, [0x03, 0x04]), (51, [1, 2])]),
            try Self.serverHello(extensions: [(43, [0x03, 0x04])]),
        ]
        for hello in variants + variants.reversed() { #expect(memo.ja3s(of: hello) == Fingerprints.ja3s(hello)) }
        #expect(Set(variants.map(Fingerprints.ja3s)).count == 3)
    }
}
