import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `sipladder live` on the loopback interface while the lab replays a real conversation
/// with its own sockets. Needs permission to capture (root or CAP_NET_RAW), as CI has.
@Suite("sipladder live", .serialized)
struct LiveCommandTests {
    static let lab = Paths.projectCaptures.appendingPathComponent("Lab")

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sipladder-live-\(UUID().uuidString)-\(name)").path
    }

    /// Starts `sipladder live`, returning the process and its output pipes.
    func startLive(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = Paths.executable
        process.arguments = ["live", "-i", "lo"] + arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        Thread.sleep(forTimeInterval: 1)   // the capture handle is open before traffic starts
        return (process, output, error)
    }

    /// Waits for `process` to end; kills it (and records the hang) after `seconds`.
    func waitForExit(_ process: Process, seconds: Double = 20) {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("sipladder live did not stop within \(seconds) s")
        }
        process.waitUntilExit()
    }

    /// The lab's UDP IM conversation between real processes on 127.0.0.10–12.
    func replayConversation() throws {
        let python = try #require(ProcessRunner.which("python3"))
        let process = Process()
        process.executableURL = python
        process.arguments = ["-m", "lynclab.conductor", "send_message_udp"]
        process.currentDirectoryURL = Self.lab
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("scenarios appear as JSON lines once quiet, and the -w file reads back")
    func jsonLinesAndWrite() throws {
        let written = temporary("trace.pcapng")
        let (process, output, error) = try startLive(["--format", "jsonl", "--idle", "1", "--duration", "6", "-w", written])
        try replayConversation()
        waitForExit(process)
        let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        #expect(process.terminationStatus == 0)
        let scenarios = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(scenarios.count == 1)
        #expect(scenarios.first?["kind"] as? String == "send-message")
        #expect((scenarios.first?["outcome"] as? [String: Any])?["status"] as? String == "completed")
        #expect((scenarios.first?["steps"] as? [Any])?.count == 25)
        let summary = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(summary.contains("25 SIP messages"))
        #expect(summary.contains("dropped by the kernel 0"))
        let readBack = try ProcessRunner.run(Paths.executable, ["messages", written, "--quiet"])
        #expect(readBack.output.split(separator: "\n").filter { !$0.hasPrefix("         ↳") }.count == 25)
        if let tshark = ProcessRunner.which("tshark") {
            let tsharkRead = try ProcessRunner.run(tshark, ["-r", written, "-Y", "sip"])
            #expect(tsharkRead.output.split(separator: "\n").count == 25)
        }
    }

    @Test("Ctrl-C stops the capture, flushes open scenarios and prints the summary, exit 0")
    func interrupt() throws {
        let (process, output, error) = try startLive(["--format", "jsonl", "--idle", "60"])
        try replayConversation()
        Thread.sleep(forTimeInterval: 0.5)
        process.interrupt()
        waitForExit(process)
        let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        #expect(process.terminationStatus == 0)
        #expect(lines.count == 1)
        #expect(lines.first?.contains(#""kind":"send-message""#) == true)
        #expect(String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("scenarios: 1 completed"))
    }

    @Test("an interface that does not exist: one line, exit 2")
    func noInterface() throws {
        let result = try ProcessRunner.run(Paths.executable, ["live", "-i", "nosuchif0", "--duration", "1"])
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix("sipladder: nosuchif0:"))
    }
}
