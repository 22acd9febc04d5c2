import Foundation

/// Where the repository and the shared captures are, from this file's location.
public enum Paths {
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Public captures made by others, beside the repository (see its MANIFEST.md).
    public static let sharedCaptures = repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/captures")

    /// Whether the public captures are there. The tests that read one of them by name run
    /// only then; without them `SharedCapturesTests` alone fails, saying what is missing.
    public static var sharedCapturesPresent: Bool {
        FileManager.default.fileExists(atPath: sharedCaptures.appendingPathComponent("MANIFEST.md").path)
    }

    public static let projectCaptures = repositoryRoot.appendingPathComponent("Captures")

    /// The built `sipladder` executable, next to the test bundle.
    public static var executable: URL {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let beside = bundleDirectory.appendingPathComponent("sipladder")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return repositoryRoot.appendingPathComponent(".build/debug/sipladder")
    }

    /// The key log recorded beside a capture (`NAME.keys`, or `keylog.txt` in its folder), if any.
    public static func keyLog(for capture: URL) -> URL? {
        let sibling = capture.deletingPathExtension().appendingPathExtension("keys")
        if FileManager.default.fileExists(atPath: sibling.path) { return sibling }
        return nil
    }

    /// Every pcap/pcapng file under `directory`, sorted by path.
    public static func captures(under directory: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { ["pcap", "pcapng", "cap"].contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
    }
}
