import ArgumentParser
import Capture
import Reports
import Timeline
import Web
import Wire

struct ConnectionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connections",
        abstract: "List every TLS and HTTP connection: who talked to which service, when, and how much.",
        discussion: """
            TLS is recognised by its record header and HTTP/1.x by its request line, on any port.
            Without keys a TLS connection still shows its SNI, ALPN, version, cipher, JA3/JA3S/JA4,
            the server certificate (TLS 1.2 and older), byte counts and request/response exchanges.

            Examples:
              sipladder connections capture.pcapng
              sipladder connections capture.pcap --format json -o connections.json
            """
    )

    @Argument(help: "A pcap or pcapng file.")
    var capture: String

    @Option(help: "Output format: text or json.")
    var format: ConnectionListWriter.Format = .text

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(help: "Do not print diagnostics on standard error.")
    var quiet = false

    @OptionGroup var keyLog: KeyLogOption

    @OptionGroup(title: "Limits") var limitOptions: LimitOptions

    func run() throws {
        let input = try CaptureInput(capture: capture, outputPath: output)
        let diagnostics = DiagnosticSink()
        let registry = WebConnectionRegistry(diagnostics: diagnostics, keyLog: try keyLog.load())
        try input.read(with: SIPMessageExtractor(limits: limitOptions.limits, diagnostics: diagnostics, web: registry) { _ in })
        try ConnectionListWriter.write(registry.connections, format: format, to: input.output,
                                       fractionDigits: input.opened.timestampFractionDigits)
        if !quiet { DiagnosticPrinter.print(diagnostics, capture: capture) }
    }
}

extension ConnectionListWriter.Format: ExpressibleByArgument {}
