import Capture
import Reports
#if canImport(Glibc)
import Glibc
#endif

/// The input is a capture file: it is written to a scratch file (both readers take paths)
/// and analysed as `sipladder analyze` would, then rendered as JSON and as ladders.
enum PipelineHarness {
    private static let scratchDirectory = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"

    static func run(_ bytes: UnsafeRawBufferPointer) {
        // A file of its own per run: tests may run the harness on several threads at once.
        var template = Array("\(scratchDirectory)/sipladder-fuzz-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { return }
        close(descriptor)
        let scratchPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(scratchPath) }
        guard write(bytes, to: scratchPath) else { return }
        guard let opened = try? CaptureFile.open(scratchPath),
              let built = try? ReportBuilder.build(file: "fuzz.pcap", opened: opened) else { return }
        precondition(built.report.capture.sipMessages >= 0)
        _ = try? ReportWriter.json([built.report])
        _ = ReportWriter.text([built.report], renderer: LadderRenderer(width: 100, colour: false))
    }

    private static func write(_ bytes: UnsafeRawBufferPointer, to path: String) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        defer { fclose(file) }
        return bytes.isEmpty || fwrite(bytes.baseAddress, 1, bytes.count, file) == bytes.count
    }
}
