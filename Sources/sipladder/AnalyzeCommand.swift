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
        var reports: [SpooledReport] = []
        var sink: Reports.OutputStream = .standardOutput
        let secrets = try keyLog.load()
        for (index, capture) in captures.enumerated() {
            let input = try CaptureInput(capture: capture, outputPath: index == 0 ? output : nil)
            if index == 0 { sink = input.output }
            let report = try input.spoolReport(rendering: rendering(for: sink), redacting: redact, keep: keeps,
                                               keyLog: secrets, limits: limitOptions.limits)
            reports.append(report)
            if !quiet, let summary = report.summary { DiagnosticPrinter.print(summary.diagnosticSink, capture: capture) }
        }
        let redactor = redact ? Redactor(terms: reports.flatMap(\.redactionTerms)) : nil
        do {
            switch format {
            case .json:
                // Written piece by piece: a large report never exists whole as text.
                try ReportWriter.json(reports) { piece in
                    if let redactor {
                        sink.write(redactor.redact(String(decoding: piece, as: UTF8.self)))
                    } else {
                        sink.write(bytes: piece)
                    }
                }
            case .text:
                try ReportWriter.text(reports) { sink.write(redactor?.redact($0) ?? $0) }
            }
        } catch let error as SpoolError {
            throw InputFailure(message: error.description)
        }
        sink.flush()
    }

    private func rendering(for sink: Reports.OutputStream) -> SpooledReport.Rendering {
        switch format {
        case .json: return .json(recordDepth: ReportWriter.jsonRecordDepth(reportCount: captures.count))
        case .text:
            let colour = sink.isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && !redact
            return .text(LadderRenderer(width: width ?? TerminalWidth.columns(sink) ?? 120, colour: colour))
        }
    }

    private func keeps(_ scenario: Scenario) -> Bool {
        (self.scenario == nil || scenario.kind.rawValue == self.scenario)
            && (user == nil || scenario.participants.contains { $0.uri.lowercased() == user?.lowercased() })
            && (callID == nil || scenario.steps.contains { $0.callId == callID })
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
