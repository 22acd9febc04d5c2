import Synchronization

/// Certificates parsed once per distinct DER: a server presents the same certificate on
/// every connection, and parsing X.509 costs more than the rest of a handshake.
enum CertificateCache {
    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    /// Enough for every server of a capture; emptied when full, so input cannot grow it.
    static let capacity = 512
    private static let parsed = Mutex<[[UInt8]: Result<CertificateSummary, Unreadable>]>([:])

    static func summary(der: [UInt8]) -> Result<CertificateSummary, Unreadable> {
        if let known = parsed.withLock({ $0[der] }) { return known }
        let result: Result<CertificateSummary, Unreadable>
        do {
            result = .success(try CertificateSummary(der: der))
        } catch {
            result = .failure(Unreadable(description: String(describing: error)))
        }
        parsed.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[der] = result
        }
        return result
    }
}
