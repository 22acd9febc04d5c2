import ArgumentParser
import Capture
import Reports
import Timeline
import Web
import Wire

struct MessagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messages",
        abstract: "List every SIP message in a capture, one line each (comparable with tshark).",
        discussion: """
            SIP is recognised by content on any port, over UDP, TCP (reassembled) and WebSocket.
            The frame is the packet that completed the message, as in tshark.

            Examples:
              sipladder messages call.pcap
              sipladder messages call.pcapng --format json -o messages.json
            """
    )

    @Argument(help: "A pcap or pcapng file.")
    var capture: String

    @Option(help: "Output format: text or json.")
    var format: MessageListWriter.Format = .text

    @Option(name: .shortAndLong, help: "Write the listing to this file instead of standard output.")
    var output: String?

    @Flag(help: "Do not print diagnostics (problems found in the capture) on standard error.")
    var quiet = false

    @OptionGroup var keyLog: KeyLogOption

    @OptionGroup(title: "Limits") var limitOptions: LimitOptions

    func run() throws {
        let input = try CaptureInput(capture: capture, outputPath: output)
        let writer = MessageListWriter(format: format, output: input.output,
                                       timestampFractionDigits: input.opened.timestampFractionDigits)
        // Extraction runs on a thread of its own: each half reports into its own sink.
        let extractionDiagnostics = DiagnosticSink(), analysisDiagnostics = DiagnosticSink()
        let analyzer = MessageAnalyzer(diagnostics: analysisDiagnostics, limits: limitOptions.limits)
        // With a key log, TLS streams are followed too, so SIP inside them can be decrypted.
        let web = try keyLog.load().map { WebConnectionRegistry(diagnostics: extractionDiagnostics, keyLog: $0) }
        let diagnostics: DiagnosticSink
        do {
            diagnostics = try PipelinedExtraction.run(input.opened.source, limits: limitOptions.limits, web: web,
                                                      extractionDiagnostics: extractionDiagnostics,
                                                      analysisDiagnostics: analysisDiagnostics) { message, decoding in
                do { try writer.write(analyzer.analyse(message, decoding: decoding)) } catch { throw WriteFailure(reason: error) }
            }.diagnostics
        } catch let failure as WriteFailure {
            throw InputFailure(message: "cannot write the listing: \(failure.reason)")
        } catch let error as CaptureError {
            throw InputFailure(message: error.description)
        }
        writer.finish()
        if !quiet { DiagnosticPrinter.print(diagnostics, capture: capture) }
    }
}

extension MessageListWriter.Format: ExpressibleByArgument {}

private struct WriteFailure: Error {
    let reason: any Error
}
