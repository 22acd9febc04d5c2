import Capture
import Foundation
import Testing
import TestSupport
import Timeline
import Web
import Wire

/// Every lab capture with a ground-truth file: sipladder finds exactly the SIP messages
/// the lab sent, in order, with the same start line, Call-ID, CSeq and Content-Type.
@Suite("Lab captures against their ground truth")
struct GroundTruthTests {
    struct TruthMessage: Decodable, Equatable, CustomStringConvertible {
        let method: String?
        let status: Int?
        let callId: String?
        let cseq: String?
        let contentType: String?
        var description: String { "\(method ?? String(status ?? 0)) \(cseq ?? "") \(callId ?? "")" }
    }

    struct Truth: Decodable {
        let transport: String
        let messages: [TruthMessage]
        /// False when the generator's logs cannot order messages across its processes (SIPp).
        let ordered: Bool?
    }

    static let truthFiles: [URL] = ((try? FileManager.default.contentsOfDirectory(at: Paths.projectCaptures, includingPropertiesForKeys: nil)) ?? [])
        .filter { $0.lastPathComponent.hasSuffix(".truth.json") }
        .sorted { $0.path < $1.path }

    @Test("every Lync scenario of the lab has its capture and ground truth")
    func labIsComplete() {
        let names = Set(Self.truthFiles.map { $0.lastPathComponent.replacingOccurrences(of: ".truth.json", with: "") })
        for expected in ["registration", "presence-publish", "presence-batch-subscribe", "add-contact-internal", "add-contact-federated",
                         "send-message-udp", "send-message-tcp", "send-message-tls", "send-message-ipv6", "send-message-any",
                         "failed-message", "file-transfer-p2p", "file-transfer-p2p-cancelled", "file-transfer-legacy", "chat-room",
                         "chat-room-file-upload", "chat-room-file-download"] {
            #expect(names.contains(expected), "\(expected).truth.json")
        }
    }

    @Test("the messages found are the messages sent", arguments: truthFiles)
    func matchesTruth(_ truthFile: URL) throws {
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: truthFile))
        let capture = truthFile.deletingLastPathComponent()
            .appendingPathComponent(truthFile.lastPathComponent.replacingOccurrences(of: ".truth.json", with: ".pcap"))
        var found: [TruthMessage] = []
        let diagnostics = DiagnosticSink()
        let keyLog = try Paths.keyLog(for: capture).map { KeyLog(text: try String(contentsOf: $0, encoding: .utf8)) }
        let registry = WebConnectionRegistry(diagnostics: diagnostics, keyLog: keyLog)
        let extractor = SIPMessageExtractor(diagnostics: diagnostics, web: registry) { observed in
            let message = observed.message
            found.append(TruthMessage(method: message.method?.rawValue, status: message.statusCode, callId: message.callID,
                                      cseq: message.first(.cseq), contentType: message.contentType))
        }
        try extractor.run(try CaptureFile.open(capture.path).source)
        if truth.transport == "tls" {
            // SIP inside TLS 1.3, decrypted with the key log recorded beside the capture.
            #expect(keyLog != nil)
            #expect(registry.connections.allSatisfy { $0.clientHello?.serverName == "pool01.contoso.com" && $0.decryptedRecords > 0 })
        }
        if truth.ordered == false {
            #expect(found.map(\.description).sorted() == truth.messages.map(\.description).sorted(), "\(capture.lastPathComponent)")
            #expect(found.count == truth.messages.count)
        } else {
            #expect(found == truth.messages, "\(capture.lastPathComponent)")
        }
        #expect(diagnostics.kept.filter { $0.severity >= .warning }.isEmpty, "\(diagnostics.kept)")
    }
}
