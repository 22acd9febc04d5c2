import Foundation
import Testing
import TestSupport

/// Several suites read the public captures in `../shared/captures/`. Without them the
/// tests that read one by name are skipped and those run over every capture check only
/// the project's own: this fails, once and plainly, saying what is missing.
@Suite("Public captures beside the repository")
struct SharedCapturesTests {
    @Test("../shared/captures is there, with its manifest and captures")
    func present() throws {
        let folder = Paths.sharedCaptures
        let manifest = folder.appendingPathComponent("MANIFEST.md")
        try #require(FileManager.default.fileExists(atPath: manifest.path),
                "\(folder.path) is missing: the tests read the public captures laid beside the repository as shared/")
        #expect(Paths.captures(under: folder).count >= 20,
                "\(folder.path) holds \(Paths.captures(under: folder).count) captures; the suites expect the whole set")
    }
}
