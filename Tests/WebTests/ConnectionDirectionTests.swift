import Decode
import Testing
import Web
import Wire

/// Who is the client of a connection whose SYN was not captured.
@Suite("Connection direction")
struct ConnectionDirectionTests {
    static let time = Timestamp(seconds: 0, nanoseconds: 0)

    /// The registry's view of the first stream direction seen, from `source` to `destination`.
    static func client(from source: UInt16, to destination: UInt16, contentSaysClient: Bool?, initiator: UInt16? = nil) -> UInt16 {
        let endpoint = { (port: UInt16) in Endpoint(address: .v4(0x0A00_0001 + UInt32(port % 2)), port: port) }
        let (flow, direction) = FlowKey.of(source: endpoint(source), destination: endpoint(destination), transport: .tcp)
        let stream = StreamDescriptor(flow: flow, direction: direction, sawStart: initiator != nil,
                                      initiator: initiator.map(endpoint))
        let registry = WebConnectionRegistry(diagnostics: DiagnosticSink())
        return registry.connection(for: stream, kind: .tls, contentSaysClient: contentSaysClient, time: time).0.client.port
    }

    @Test("the SYN's sender is the client, whatever the content or ports say")
    func initiatorWins() {
        #expect(Self.client(from: 443, to: 20015, contentSaysClient: true, initiator: 20015) == 20015)
    }

    @Test("a ClientHello or ServerHello settles it")
    func contentDecides() {
        #expect(Self.client(from: 443, to: 20015, contentSaysClient: true) == 443)
        #expect(Self.client(from: 20015, to: 443, contentSaysClient: false) == 443)
    }

    @Test("mid-stream application data: the web or system port serves")
    func portsDecide() {
        #expect(Self.client(from: 20015, to: 443, contentSaysClient: nil) == 20015)
        #expect(Self.client(from: 443, to: 20015, contentSaysClient: nil) == 20015)
        #expect(Self.client(from: 40000, to: 993, contentSaysClient: nil) == 40000)
        // Nothing to go by: the first sender is taken for the server, as before.
        #expect(Self.client(from: 40000, to: 50000, contentSaysClient: nil) == 50000)
    }
}
