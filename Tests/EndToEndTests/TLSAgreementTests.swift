import Capture
import Foundation
import Testing
import TestSupport
import Timeline
import Web
import Wire

/// SNI, JA3, JA3S, negotiated version and cipher agree with tshark on every TLS
/// capture in ../shared/captures and Captures/; JA4 agrees with FoxIO's own reference
/// output where it is published.
@Suite("TLS agreement with tshark")
struct TLSAgreementTests {
    struct Hello: Equatable, CustomStringConvertible {
        var sni = ""
        var ja3 = ""
        var ja3s = ""
        var cipher = ""
        var version = ""
        var description: String { "sni=\(sni) ja3=\(ja3) ja3s=\(ja3s) cipher=\(cipher) version=\(version)" }
    }

    /// Handshakes tshark shows and sipladder does not decode, each with why.
    static let notDecoded: [String: String] = [
        // An SSL 2.0 CLIENT-HELLO (2-byte record header with the high bit set): tshark shows
        // it but computes no JA3 either; sipladder reads TLS/SSL 3 records only.
        "tls-ssl-v2.pcap": "SSLv2 hello",
        // A ClientHello whose lengths are corrupt: tshark lists it with no SNI and no JA3;
        // sipladder refuses it with a tls_malformed_handshake diagnostic.
        "ssl-malformed1.pcap": "corrupt ClientHello",
    ]

    static let captures: [URL] = (Paths.captures(under: Paths.sharedCaptures) + Paths.captures(under: Paths.projectCaptures))
        .filter { TLSAgreementTests.hasClientHello($0) }

    static func hasClientHello(_ capture: URL) -> Bool {
        guard let tshark = ProcessRunner.which("tshark"),
              let result = try? ProcessRunner.run(tshark, ["-r", capture.path, "-Y", "tls.handshake.type==1", "-T", "fields", "-e", "frame.number"])
        else { return false }
        return !result.output.isEmpty
    }

    @Test("at least the 35 public TLS captures are compared",
          .enabled(if: Paths.sharedCapturesPresent, "reads ../shared/captures"))
    func enoughCaptures() {
        #expect(Self.captures.count >= 35)
    }

    @Test("a corrupt ClientHello is a diagnostic naming its frame",
          .enabled(if: Paths.sharedCapturesPresent, "reads ../shared/captures"))
    func corruptHelloDiagnostic() throws {
        let capture = Paths.sharedCaptures.appendingPathComponent("pcapplusplus/ssl-malformed1.pcap")
        let diagnostics = DiagnosticSink()
        let extractor = SIPMessageExtractor(diagnostics: diagnostics, web: WebConnectionRegistry(diagnostics: diagnostics)) { _ in }
        try extractor.run(try CaptureFile.open(capture.path).source)
        #expect(diagnostics.kept.contains { $0.code == "tls_malformed_handshake" && $0.frame == 1 })
    }

    @Test("client and server hello facts match tshark", arguments: captures)
    func agreesWithTshark(_ capture: URL) throws {
        let tshark = try #require(ProcessRunner.which("tshark"))
        let expected = try tsharkHellos(tshark, capture)
        let actual = try sipladderHellos(capture)
        if Self.notDecoded[capture.lastPathComponent] != nil {
            #expect(actual.isEmpty)
            #expect(expected.values.allSatisfy { $0.ja3.isEmpty })
            return
        }
        #expect(actual == expected, "\(capture.lastPathComponent)")
    }

    /// By TCP stream: the first ClientHello's SNI and JA3, the last ServerHello's JA3S,
    /// cipher and version (a HelloRetryRequest is followed by the real ServerHello).
    private func tsharkHellos(_ tshark: URL, _ capture: URL) throws -> [String: Hello] {
        let fields = ["-e", "tcp.stream", "-e", "ip.src", "-e", "ipv6.src", "-e", "tcp.srcport", "-e", "tls.handshake.type",
                      "-e", "tls.handshake.extensions_server_name", "-e", "tls.handshake.ja3", "-e", "tls.handshake.ja3s",
                      "-e", "tls.handshake.ciphersuite", "-e", "tls.handshake.version", "-e", "tls.handshake.extensions.supported_version"]
        // tshark 4.0 leaves out-of-order segments unreassembled by default, and then misses
        // ServerHellos that sipladder reassembles (ndpi/teams.pcap has real loss and
        // retransmission); with the preference on, the two agree. QUIC's TLS is out of scope.
        let result = try ProcessRunner.run(tshark, ["-o", "tcp.reassemble_out_of_order:TRUE", "-r", capture.path,
                                                    "-Y", "tcp and (tls.handshake.type==1 or tls.handshake.type==2)",
                                                    "-T", "fields", "-E", "separator=|", "-E", "occurrence=f"] + fields)
        var byStream: [String: (client: String, hello: Hello)] = [:]
        for line in result.output.split(separator: "\n") {
            let column = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard column.count == 11 else { continue }
            let stream = column[0]
            let types = column[4].split(separator: ",")
            var entry = byStream[stream] ?? ("", Hello())
            if types.contains("1"), entry.client.isEmpty {
                let address = column[1].isEmpty ? "[\(column[2])]" : column[1]
                entry.client = "\(address):\(column[3])"
                entry.hello.sni = column[5]
                entry.hello.ja3 = column[6]
            }
            if types.contains("2") {
                entry.hello.ja3s = column[7]
                entry.hello.cipher = String(Int(column[8].dropFirst(2), radix: 16) ?? -1)
                let version = column[10].isEmpty ? column[9] : column[10]
                entry.hello.version = String(Int(version.dropFirst(2), radix: 16) ?? -1)
            }
            byStream[stream] = entry
        }
        return Dictionary(byStream.values.filter { !$0.client.isEmpty }.map { ($0.client, $0.hello) }, uniquingKeysWith: { first, _ in first })
    }

    private func sipladderHellos(_ capture: URL) throws -> [String: Hello] {
        let diagnostics = DiagnosticSink()
        let registry = WebConnectionRegistry(diagnostics: diagnostics)
        let extractor = SIPMessageExtractor(diagnostics: diagnostics, web: registry) { _ in }
        try extractor.run(try CaptureFile.open(capture.path).source)
        var hellos: [String: Hello] = [:]
        for connection in registry.connections {
            guard let clientHello = connection.clientHello else { continue }
            var hello = Hello(sni: clientHello.serverName ?? "", ja3: Fingerprints.ja3(clientHello))
            if let serverHello = connection.serverHello {
                hello.ja3s = Fingerprints.ja3s(serverHello)
                hello.cipher = String(serverHello.cipherSuite)
                hello.version = String(serverHello.version)
            }
            hellos[connection.client.description] = hello
        }
        return hellos
    }

    /// FoxIO's reference JA4 for its own captures (rust/ja4/src/snapshots in FoxIO-LLC/ja4).
    @Test("JA4 equals FoxIO's reference output",
          .enabled(if: Paths.sharedCapturesPresent, "reads ../shared/captures"), arguments: [
        ("ja4/browsers-x509.pcapng", ["edge.microsoft.com", "nym1-ib.adnxs.com", "lptag.liveperson.net"],
         "t13d1516h2_8daaf6152771_e5627efa2ab1"),
        ("ja4/http2-with-cookies.pcapng", ["youtube.com"], "t13d1516h2_8daaf6152771_e5627efa2ab1"),
    ])
    func ja4MatchesReference(path: String, servers: [String], ja4: String) throws {
        let capture = Paths.sharedCaptures.appendingPathComponent(path)
        let registry = WebConnectionRegistry(diagnostics: DiagnosticSink())
        let extractor = SIPMessageExtractor(web: registry) { _ in }
        try extractor.run(try CaptureFile.open(capture.path).source)
        let hellos = registry.connections.compactMap(\.clientHello)
        #expect(hellos.compactMap(\.serverName) == servers)
        #expect(hellos.map(Fingerprints.ja4) == Array(repeating: ja4, count: servers.count))
    }
}
