import Capture
import Foundation
import Reports
import Scenarios
import SIP
import Timeline
import Web
import Wire

/// The analysis behind `sipladder live`: packets in, scenarios out as they finish.
final class LiveSession {
    let diagnostics = DiagnosticSink()
    private let registry: WebConnectionRegistry
    private let analyzer: MessageAnalyzer
    private lazy var extractor = SIPMessageExtractor(limits: command.limitOptions.limits, diagnostics: diagnostics, web: registry) { [unowned self] observed in
        messages += 1
        emitter.add(analyzer.analyse(observed))
    }
    private let emitter: ScenarioStream
    private var emitted = 0
    private let command: LiveCommand
    private let output = OutputStream.standardOutput
    private let status = OutputStream.standardError
    private let encoder = JSONEncoder()
    private var messages = 0
    private var packets = 0
    private var outcomes: [String: Int] = [:]
    private var lastStatus = Date.distantPast

    init(command: LiveCommand, keyLog: KeyLog?) {
        self.command = command
        registry = WebConnectionRegistry(diagnostics: diagnostics, keyLog: keyLog)
        analyzer = MessageAnalyzer(diagnostics: diagnostics, limits: command.limitOptions.limits)
        emitter = ScenarioStream(idleSeconds: command.idle)
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    func process(_ packet: CapturedPacket) {
        packets += 1
        extractor.process(packet)
    }

    private var lastFlush = Date.distantPast

    /// Called between packets and on every poll: five times a second, prints the scenarios
    /// whose conversations went quiet by the wall clock, so a quiet line still lets them go.
    func tick() {
        guard Date().timeIntervalSince(lastFlush) >= 0.2 else { return }
        lastFlush = Date()
        let now = Self.now()
        emit(emitter.release(quietAt: now, connections: registry.connections, identities: analyzer.identities))
        if Date().timeIntervalSince(lastForget) >= 60 {
            // Past any window in which a scenario takes in a connection (a chat-room file
            // transfer looks 5 minutes after its token), ended connections are let go.
            lastForget = Date()
            registry.forget(endedBefore: Timestamp(seconds: now.seconds - 600, nanoseconds: 0))
        }
        showStatus()
    }

    private var lastForget = Date()

    func finish(statistics: LiveInterfaceSource.Statistics?, droppedByQueue: Int) {
        extractor.finish()
        emit(emitter.releaseAll(connections: registry.connections, identities: analyzer.identities))
        if status.isTerminal { status.write("\r\u{1B}[K") }
        var summary = "sipladder live: \(packets) packets, \(messages) SIP messages"
        if let statistics {
            summary += "; received \(statistics.received), dropped by the kernel \(statistics.droppedByKernel), by the interface \(statistics.droppedByInterface)"
        }
        if droppedByQueue > 0 { summary += ", by sipladder's full queue \(droppedByQueue)" }
        summary += "; scenarios: " + (outcomes.isEmpty ? "none" : outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        status.write(summary + "\n")
        status.flush()
    }

    /// Each batch in report order, numbered on from the batches before.
    private func emit(_ released: [OrderedScenario]) {
        let scenarios = released.sorted { $0.order < $1.order }.map { ordered in
            emitted += 1
            var scenario = ordered.scenario
            scenario.id = "s\(emitted)"
            return scenario
        }
        for scenario in scenarios where keeps(scenario) {
            outcomes[scenario.outcome.status.rawValue, default: 0] += 1
            switch command.format {
            case .jsonl:
                if let data = try? encoder.encode(scenario) { output.write(String(decoding: data, as: UTF8.self) + "\n") }
            case .text:
                output.write(LadderRenderer(width: TerminalWidth.columns(output) ?? 120, colour: output.isTerminal).render(scenario) + "\n")
            }
        }
        if !scenarios.isEmpty { output.flush() }
    }

    private func keeps(_ scenario: Scenario) -> Bool {
        (command.scenario == nil || scenario.kind.rawValue == command.scenario)
            && (command.user == nil || scenario.participants.contains { $0.uri.lowercased() == command.user?.lowercased() })
    }

    private func showStatus() {
        guard status.isTerminal, Date().timeIntervalSince(lastStatus) >= 0.5 else { return }
        lastStatus = Date()
        status.write("\r\u{1B}[Kpackets \(packets), SIP messages \(messages), open conversations \(emitter.openConversations)")
        status.flush()
    }

    /// Live mode's clock for idleness: the wall clock, since no packet may arrive.
    private static func now() -> Timestamp {
        let seconds = Date().timeIntervalSince1970
        return Timestamp(seconds: Int64(seconds), nanoseconds: UInt32((seconds - seconds.rounded(.down)) * 1e9))
    }
}
