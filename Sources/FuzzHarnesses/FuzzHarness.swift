/// The fuzzing entry points: each takes arbitrary bytes and drives one part of the
/// analyzer with them. libFuzzer calls them through `Fuzz/` (see `Fuzz/README.md`); the
/// tests replay every kept finding and every seed through the same functions.
///
/// A harness must return for any input: a crash, a trap, a hang or unbounded memory is a
/// finding. Invariants that must hold for any input are checked with `precondition`.
public enum FuzzHarness: String, CaseIterable, Sendable {
    /// A whole capture file (pcap or pcapng) through decoding, analysis and both report formats.
    case pipeline
    /// SIP parsing as datagram and as a stream cut at input-chosen points, then payload decoding.
    case sip
    /// TCP reassembly of an input-chosen sequence of segments on a few connections.
    case tcp
    /// Every payload decoder: a Content-Type line, then the body.
    case xml
    /// The TLS record and handshake parsers, client and server streams from the input.
    case tls
    /// The HTTP/1.1 parser, request and response streams from the input.
    case http

    public func run(_ bytes: UnsafeRawBufferPointer) {
        switch self {
        case .pipeline: PipelineHarness.run(bytes)
        case .sip: SIPHarness.run(bytes)
        case .tcp: TCPHarness.run(bytes)
        case .xml: PayloadHarness.run(bytes)
        case .tls: WebHarness.run(bytes, kind: .tls)
        case .http: WebHarness.run(bytes, kind: .http)
        }
    }

    public func run(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { run($0) }
    }
}
