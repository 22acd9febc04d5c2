import ArgumentParser
import Wire

/// The caps on what input can make the analyzer hold (README "Limits"), each settable.
/// Sizes take a K, M or G suffix (powers of 1024).
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("max-tcp-buffer"), help: ArgumentHelp("Out-of-order bytes held per TCP direction.", valueName: "bytes"))
    var tcpBufferPerDirection: ByteCount?

    @Option(name: .customLong("max-tcp-memory"), help: ArgumentHelp("Out-of-order bytes held across all TCP streams.", valueName: "bytes"))
    var tcpBufferTotal: ByteCount?

    @Option(name: .customLong("max-tcp-connections"), help: ArgumentHelp("TCP connections tracked at once.", valueName: "n"))
    var tcpConnections: Int?

    @Option(name: .customLong("tcp-idle-timeout"), help: ArgumentHelp("Seconds of capture time after which a silent TCP connection is let go.", valueName: "s"))
    var tcpIdleSeconds: Int64?

    @Option(name: .customLong("max-fragment-memory"), help: ArgumentHelp("Bytes held by IP fragments awaiting the rest.", valueName: "bytes"))
    var fragmentBufferTotal: ByteCount?

    @Option(name: .customLong("fragment-timeout"), help: ArgumentHelp("Seconds of capture time an IP datagram waits for its fragments.", valueName: "s"))
    var fragmentTimeoutSeconds: Int64?

    @Option(name: .customLong("max-sip-message"), help: ArgumentHelp("Largest SIP body kept; larger ones are skipped.", valueName: "bytes"))
    var sipMessageBytes: ByteCount?

    @Option(name: .customLong("max-sip-head"), help: ArgumentHelp("Largest SIP start line and headers.", valueName: "bytes"))
    var sipHeaderBytes: ByteCount?

    @Option(name: .customLong("max-xml"), help: ArgumentHelp("Largest XML body decoded.", valueName: "bytes"))
    var xmlBytes: ByteCount?

    @Option(name: .customLong("max-xml-depth"), help: ArgumentHelp("Deepest XML nesting decoded.", valueName: "n"))
    var xmlDepth: Int?

    @Option(name: .customLong("max-xml-elements"), help: ArgumentHelp("Most elements in one XML body.", valueName: "n"))
    var xmlElements: Int?

    @Option(name: .customLong("max-dialogs"), help: ArgumentHelp("SIP dialogs tracked at once.", valueName: "n"))
    var openDialogs: Int?

    @Option(name: .customLong("conversation-idle"), help: ArgumentHelp("Seconds of capture time a quiet conversation is held before its scenarios are recognised and it is let go.", valueName: "s"))
    var conversationIdleSeconds: Int64?

    func validate() throws {
        let counts: [(String, Int?)] = [("--max-tcp-connections", tcpConnections), ("--max-xml-depth", xmlDepth),
                                        ("--max-xml-elements", xmlElements), ("--max-dialogs", openDialogs),
                                        ("--fragment-timeout", fragmentTimeoutSeconds.map(Int.init)),
                                        ("--tcp-idle-timeout", tcpIdleSeconds.map(Int.init)),
                                        ("--conversation-idle", conversationIdleSeconds.map(Int.init))]
        for (name, value) in counts where (value ?? 1) < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
    }

    var limits: Limits {
        var limits = Limits()
        if let tcpBufferPerDirection { limits.tcpBufferPerDirection = tcpBufferPerDirection.bytes }
        if let tcpBufferTotal { limits.tcpBufferTotal = tcpBufferTotal.bytes }
        if let tcpConnections { limits.tcpConnections = tcpConnections }
        if let tcpIdleSeconds { limits.tcpIdleSeconds = tcpIdleSeconds }
        if let fragmentBufferTotal { limits.fragmentBufferTotal = fragmentBufferTotal.bytes }
        if let fragmentTimeoutSeconds { limits.fragmentTimeoutSeconds = fragmentTimeoutSeconds }
        if let sipMessageBytes { limits.sipMessageBytes = sipMessageBytes.bytes }
        if let sipHeaderBytes { limits.sipHeaderBytes = sipHeaderBytes.bytes }
        if let xmlBytes { limits.xmlBytes = xmlBytes.bytes }
        if let xmlDepth { limits.xmlDepth = xmlDepth }
        if let xmlElements { limits.xmlElements = xmlElements }
        if let openDialogs { limits.openDialogs = openDialogs }
        if let conversationIdleSeconds { limits.conversationIdleSeconds = conversationIdleSeconds }
        return limits
    }
}

/// A size on the command line: `4096`, `64K`, `4M`, `1G`.
struct ByteCount: ExpressibleByArgument {
    let bytes: Int

    init?(argument: String) {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        let text = argument.uppercased()
        let unit = text.last.flatMap { units[$0] } ?? 1
        guard let number = Int(unit == 1 ? text : String(text.dropLast())), number > 0,
              number <= Int.max / unit else { return nil }
        bytes = number * unit
    }
}
