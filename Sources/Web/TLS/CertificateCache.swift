import Foundation

/// Certificates parsed once per distinct DER: a server presents the same certificate on
/// every connection, and parsing X.509 costs more than the rest of a handshake.
enum CertificateCache {
    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    /// Enough for every server of a capture; emptied when full, so input cannot grow it.
    static let capacity = 512
    private static let lock = NSLock()
    nonisolated(unsafe) private static var parsed: [[UInt8]: Result<CertificateSummary, Unreadable>] = [:]  // guarded by `lock`

    static func summary(der: [UInt8]) -> Result<CertificateSummary, Unreadable> {
        if let known = lock.withLock({ parsed[der] }) { return known }
        let result: Result<CertificateSummary, Unreadable>
        do {
            result = .success(try CertificateSummary(der: der))
        } catch {
            result = .failure(Unreadable(description: String(describing: error)))
        }
        lock.withLock {
            if parsed.count >= capacity { parsed.removeAll(keepingCapacity: true) }
            parsed[der] = result
        }
        return result
    }
}
