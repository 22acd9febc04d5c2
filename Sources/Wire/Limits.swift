/// Every cap that input can push on, in one place, with its default.
///
/// A cap that is hit becomes a diagnostic (once per cause, with a count), never a crash
/// and never unbounded growth. The command line can change each of them.
public struct Limits: Sendable, Equatable {
    /// Bytes buffered out of order in one TCP direction before the oldest hole is declared a gap.
    public var tcpBufferPerDirection: Int = 4 << 20
    /// Bytes buffered out of order across all TCP directions before streams are forced forward.
    public var tcpBufferTotal: Int = 256 << 20
    /// TCP connections tracked at once; the least recently active is closed past this.
    public var tcpConnections: Int = 200_000
    /// Seconds of capture time without a packet after which a TCP connection is let go
    /// (its streams end as `idle`), so connections that vanish without FIN do not pile up.
    /// Lync keeps quiet connections alive with a CRLF ping every 30–120 s.
    public var tcpIdleSeconds: Int64 = 900
    /// Bytes held by incomplete IP datagrams awaiting their fragments.
    public var fragmentBufferTotal: Int = 64 << 20
    /// Seconds an incomplete IP datagram waits for its fragments (Linux ipfrag_time is 30).
    public var fragmentTimeoutSeconds: Int64 = 30
    /// Largest SIP message accepted whole; a larger body is skipped and reported.
    /// Lync contact lists and RLMI NOTIFYs reach a few hundred KB, so the default is generous.
    public var sipMessageBytes: Int = 4 << 20
    /// Largest SIP header section (start line and headers); past this the stream resynchronises.
    public var sipHeaderBytes: Int = 256 << 10
    /// Largest XML body parsed; larger ones are listed undecoded.
    public var xmlBytes: Int = 4 << 20
    /// Deepest XML nesting accepted.
    public var xmlDepth: Int = 64
    /// Most XML elements in one body.
    public var xmlElements: Int = 100_000
    /// SIP dialogs tracked at once; past this the least recently active are forgotten
    /// (their later messages still appear, just without the dialog's earlier state).
    public var openDialogs: Int = 200_000
    /// Seconds of capture time a conversation (a Call-ID) stays quiet before its scenarios
    /// are recognised and its messages let go. Longer than every window in which a
    /// recognizer takes in a later conversation or connection (at most 300 s).
    public var conversationIdleSeconds: Int64 = 600

    public init() {}

    public static let `default` = Limits()
}
