import Capture
import Reports
#if canImport(Glibc)
import Glibc
#endif

/// The input is a capture file: it is written to a scratch file (both readers take paths)
/// and analysed as `sipladder analyze` would, then rendered as JSON and as ladders.
enum PipelineHarness {
    private static let scratchPath: String = {
        let directory = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        return "\(directory)/sipladder-fuzz-\(getpid()).pcap"
    }()

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard write(bytes, to: scratchPath) else { return }
        defer { unlink(scratchPath) }
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
