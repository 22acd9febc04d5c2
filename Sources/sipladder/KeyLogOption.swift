import ArgumentParser
import Foundation
import Web

/// `--keylog FILE`: TLS secrets (SSLKEYLOGFILE format) to decrypt SIP over TLS 1.3.
struct KeyLogOption: ParsableArguments {
    @Option(name: .customLong("keylog"), help: "A TLS key log (SSLKEYLOGFILE format) to decrypt TLS 1.3 connections with.")
    var path: String?

    func load() throws -> KeyLog? {
        guard let path else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFailure(message: "\(path): cannot read the key log")
        }
        let keyLog = KeyLog(text: String(decoding: data, as: UTF8.self))
        if keyLog.isEmpty { throw InputFailure(message: "\(path): no TLS secrets in this key log") }
        return keyLog
    }
}
