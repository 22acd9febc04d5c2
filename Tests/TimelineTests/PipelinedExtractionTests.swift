import Capture
import Foundation
import SIP
import Testing
import TestSupport
import Timeline
import Web
import Wire

/// Extraction on its own thread must change nothing but the time taken: the same
/// messages in the same order, and the same diagnostics in the order one thread records them.
@Suite("Pipelined extraction")
struct PipelinedExtractionTests {
    static let captures = Paths.captures(under: Paths.projectCaptures) + Paths.captures(under: Paths.sharedCaptures)

    struct Run: Equatable {
        var messages: [String] = []
        var diagnostics: [String] = []
    }

    static func describe(_ analysed: AnalysedMessage) -> String {
        let observed = analysed.observed
        return "\(observed.frame) \(observed.message.callID ?? "-") \(analysed.transaction.transactionID ?? "-") \(analysed.decoding.problems.count)"
    }

    static func lines(_ sink: DiagnosticSink) -> [String] {
        sink.kept.map { "\($0.frame ?? 0) \($0.code) \($0.message)" }
    }

    static func sequential(_ capture: URL) throws -> Run {
        var run = Run()
        let diagnostics = DiagnosticSink()
        let analyzer = MessageAnalyzer(diagnostics: diagnostics)
        let web = WebConnectionRegistry(diagnostics: diagnostics)
        let extractor = SIPMessageExtractor(diagnostics: diagnostics, web: web) { run.messages.append(describe(analyzer.analyse($0))) }
        try extractor.run(try CaptureFile.open(capture.path).source)
        run.diagnostics = lines(diagnostics)
        return run
    }

    static func pipelined(_ capture: URL) throws -> Run {
        var run = Run()
        let extraction = DiagnosticSink(), analysis = DiagnosticSink()
        let analyzer = MessageAnalyzer(diagnostics: analysis)
        let web = WebConnectionRegistry(diagnostics: extraction)
        let outcome = try PipelinedExtraction.run(try CaptureFile.open(capture.path).source, limits: .default, web: web,
                                                  extractionDiagnostics: extraction, analysisDiagnostics: analysis) {
            run.messages.append(describe(analyzer.analyse($0, decoding: $1)))
        }
        run.diagnostics = lines(outcome.diagnostics)
        return run
    }

    @Test("same messages and diagnostics as one thread", arguments: captures)
    func sameAsSequential(_ capture: URL) throws {
        let expected = try Self.sequential(capture)
        let actual = try Self.pipelined(capture)
        #expect(actual.messages == expected.messages)
        #expect(actual.diagnostics == expected.diagnostics)
    }

    @Test("a consumer that fails stops extraction and its error comes out")
    func consumerFailure() throws {
        struct Stop: Error {}
        let capture = try #require(Self.captures.first { $0.lastPathComponent == "day-in-the-life.pcap" })
        var seen = 0
        #expect(throws: Stop.self) {
            _ = try PipelinedExtraction.run(try CaptureFile.open(capture.path).source, limits: .default, web: nil,
                                            extractionDiagnostics: DiagnosticSink(), analysisDiagnostics: DiagnosticSink()) { _, _ in
                seen += 1
                if seen == 3 { throw Stop() }
            }
        }
        #expect(seen == 3)
    }
}
