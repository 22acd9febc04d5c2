import Capture
import Foundation
import Scenarios
import SIP
import Testing
import TestSupport
import Timeline
import Web
import Wire

/// The scenarios sipladder rebuilds from each lab capture are exactly those its ground
/// truth lists — none missed, none invented — with their outcomes and key details.
@Suite("Scenario recognition against ground truth")
struct ScenarioRecognitionTests {
    struct TruthScenario: Decodable {
        let kind: String
        let variant: String?
        let outcome: String
        let texts: [String]?
        let fileName: String?
        let reason: String?
    }

    struct Truth: Decodable {
        let transport: String
        let scenarios: [TruthScenario]
    }

    static func analyse(_ capture: URL) throws -> [Scenario] {
        let diagnostics = DiagnosticSink()
        let keyLog = try Paths.keyLog(for: capture).map { KeyLog(text: try String(contentsOf: $0, encoding: .utf8)) }
        let registry = WebConnectionRegistry(diagnostics: diagnostics, keyLog: keyLog)
        let analyzer = MessageAnalyzer(diagnostics: diagnostics)
        var messages: [AnalysedMessage] = []
        let extractor = SIPMessageExtractor(diagnostics: diagnostics, web: registry) { messages.append(analyzer.analyse($0)) }
        try extractor.run(try CaptureFile.open(capture.path).source)
        return ScenarioAnalyzer.analyse(messages: messages, connections: registry.connections, identities: analyzer.identities)
    }

    @Test("exactly the staged scenarios, with outcomes", arguments: GroundTruthTests.truthFiles)
    func recognisesStagedScenarios(_ truthFile: URL) throws {
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: truthFile))
        let capture = URL(fileURLWithPath: truthFile.path.replacingOccurrences(of: ".truth.json", with: ".pcap"))
        let scenarios = try Self.analyse(capture)
        let found = scenarios.map { "\($0.kind.rawValue)/\($0.variant ?? "-")/\($0.outcome.status.rawValue)" }.sorted()
        let expected = truth.scenarios.map { "\($0.kind)/\($0.variant ?? "-")/\($0.outcome)" }.sorted()
        #expect(found == expected, "\(capture.lastPathComponent)")
        for staged in truth.scenarios {
            let candidates = scenarios.filter { $0.kind.rawValue == staged.kind && $0.variant == staged.variant }
            if let texts = staged.texts {
                #expect(candidates.contains { $0.details["texts"] == .texts(texts) }, "texts \(texts) in \(capture.lastPathComponent)")
            }
            if let fileName = staged.fileName {
                #expect(candidates.contains { $0.details["fileName"] == .text(fileName) }, "file \(fileName) in \(capture.lastPathComponent)")
            }
            if let reason = staged.reason {
                #expect(candidates.contains { $0.outcome.reason == reason }, "reason \(reason) in \(capture.lastPathComponent)")
            }
        }
    }

    @Test("every SIP message of a capture is in some scenario")
    func nothingLeftOut() throws {
        for name in ["day-in-the-life.pcap", "chat-room-file-upload.pcap", "registration.pcap"] {
            let capture = Paths.projectCaptures.appendingPathComponent(name)
            var frames: [UInt64] = []
            let extractor = SIPMessageExtractor { frames.append($0.frame) }
            try extractor.run(try CaptureFile.open(capture.path).source)
            let stepped = Set(try Self.analyse(capture).flatMap { $0.steps.map(\.frame) })
            #expect(Set(frames).isSubset(of: stepped), "\(name)")
        }
    }

    @Test("the chat-room upload is matched to its HTTPS transfer: five connections, the bytes uploaded")
    func chatRoomUploadCorrelation() throws {
        let scenarios = try Self.analyse(Paths.projectCaptures.appendingPathComponent("chat-room-file-upload.pcap"))
        let upload = try #require(scenarios.first { $0.variant == "chat-room-upload" })
        #expect(upload.details["connections"] == .number(5))
        #expect(upload.details["serverUri"] == .text("https://pool01.contoso.com:8443/PersistentChat/MGCWebService.asmx"))
        guard case .number(let bytes)? = upload.details["uploadedBytes"] else { Issue.record("no byte count"); return }
        #expect(bytes > 10_000)
        #expect(upload.steps.filter { $0.label == "HTTPS" }.count == 5)
    }
}
