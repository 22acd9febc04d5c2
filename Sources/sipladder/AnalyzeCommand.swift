import ArgumentParser
import Capture
import Foundation
import Reports
import Scenarios
import SIP
import Timeline
import Web
import Wire

#if canImport(Glibc)
import Glibc
#endif

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Rebuild what the users did — sign-in, presence, contacts, IM, file transfers, chat rooms, calls — as message ladders.",
        discussion: """
            Every SIP message ends up in a scenario; those no recognizer claims appear as
            sip-dialog or sip-transaction. Kinds: registration, presence-publish, presence-subscribe,
            add-contact, send-message, file-transfer, chat-room-join, chat-room-post, chat-room-leave,
            call, sip-dialog, sip-transaction.

            Examples:
              sipladder analyze Captures/send-message-tcp.pcap
              sipladder analyze capture.pcap --format json -o report.json
              sipladder analyze capture.pcap --scenario file-transfer --user sip:alice@contoso.com
              sipladder analyze capture.pcap --redact
            """
    )

    @Argument(help: "One or more pcap or pcapng files.")
    var captures: [String]

    @Option(help: "Output format: text (ladders) or json (the report).")
    var format: ReportWriter.Format = .text

    @Option(help: "Only scenarios of this kind.")
    var scenario: String?

    @Option(help: "Only scenarios with this participant (a SIP URI).")
    var user: String?

    @Option(name: .customLong("call-id"), help: "Only scenarios with a message of this Call-ID.")
    var callID: String?

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "Ladder width in columns (default: the terminal's, or 120).")
    var width: Int?

    @Flag(help: "Replace message texts, file names and the user parts of URIs with placeholders.")
    var redact = false

    @Flag(help: "Do not print diagnostics on standard error.")
    var quiet = false

    @OptionGroup var keyLog: KeyLogOption

    @OptionGroup(title: "Limits") var limitOptions: LimitOptions

    func validate() throws {
        if let scenario, Scenario.Kind(rawValue: scenario) == nil {
            throw ValidationError("unknown scenario kind '\(scenario)'; use one of: "
                                  + Scenario.Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let width, width < 60 { throw ValidationError("--width must be at least 60") }
    }

    func run() throws {
        var reports: [ReportBuilder.Built] = []
        var sink: Reports.OutputStream = .standardOutput
        let secrets = try keyLog.load()
        for (index, capture) in captures.enumerated() {
            let input = try CaptureInput(capture: capture, outputPath: index == 0 ? output : nil)
            if index == 0 { sink = input.output }
            let report = try input.buildReport(keyLog: secrets, limits: limitOptions.limits)
            reports.append(filtered(report))
            if !quiet { DiagnosticPrinter.print(report.diagnosticSink, capture: capture) }
        }
        let plain = reports.map(\.report)
        let redactor = redact ? Redactor(scenarios: plain.flatMap(\.scenarios)) : nil
        switch format {
        case .json:
            // Written piece by piece: a large report never exists whole as text.
            try ReportWriter.json(plain) { piece in
                if let redactor {
                    sink.write(redactor.redact(String(decoding: piece, as: UTF8.self)))
                } else {
                    sink.write(bytes: piece)
                }
            }
        case .text:
            let colour = sink.isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && !redact
            let text = ReportWriter.text(plain, renderer: LadderRenderer(width: width ?? TerminalWidth.columns(sink) ?? 120, colour: colour))
            sink.write(redactor?.redact(text) ?? text)
        }
        sink.flush()
    }

    private func filtered(_ built: ReportBuilder.Built) -> ReportBuilder.Built {
        var built = built
        built.report = built.report.keeping { scenario in
            (self.scenario == nil || scenario.kind.rawValue == self.scenario)
                && (user == nil || scenario.participants.contains { $0.uri.lowercased() == user?.lowercased() })
                && (callID == nil || scenario.steps.contains { $0.callId == callID })
        }
        return built
    }
}

extension ReportWriter.Format: ExpressibleByArgument {}

/// The terminal's width when the output is one.
enum TerminalWidth {
    static func columns(_ output: Reports.OutputStream) -> Int? {
        guard output.isTerminal else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
