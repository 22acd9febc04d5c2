import Foundation
import Testing
import TestSupport

/// Several suites read the public captures in `../shared/captures/`. Without them those
/// suites fail one by one ("no such file") or check fewer captures than they should; this
/// says once, plainly, what is missing.
@Suite("Public captures beside the repository")
struct SharedCapturesTests {
    @Test("../shared/captures is there, with its manifest and captures")
    func present() {
        let folder = Paths.sharedCaptures
        let manifest = folder.appendingPathComponent("MANIFEST.md")
        #expect(FileManager.default.fileExists(atPath: manifest.path),
                "\(folder.path) is missing: the tests read the public captures laid beside the repository as shared/")
        #expect(Paths.captures(under: folder).count >= 20,
                "\(folder.path) holds \(Paths.captures(under: folder).count) captures; the suites expect the whole set")
    }
}
