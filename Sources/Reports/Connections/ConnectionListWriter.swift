import Foundation
import Web

/// Writes the `connections` report: one line per connection (and an indented detail
/// line), or a JSON array.
public enum ConnectionListWriter {
    public enum Format: String, CaseIterable, Sendable {
        case text
        case json
    }

    public static func write(_ connections: [WebConnection], format: Format, to output: OutputStream,
                             fractionDigits: Int) throws {
        let fingerprints = FingerprintMemo()
        let records = connections.sorted { $0.start < $1.start }.map {
            ConnectionRecord($0, fractionDigits: fractionDigits, fingerprints: fingerprints)
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            output.write("[")
            for (index, record) in records.enumerated() {
                output.write(index == 0 ? "\n  " : ",\n  ")
                output.write(String(decoding: try encoder.encode(record), as: UTF8.self))
            }
            output.write(records.isEmpty ? "]\n" : "\n]\n")
        case .text:
            for record in records { output.write(line(record) + "\n" + detail(record) + "\n") }
        }
        output.flush()
    }

    static func line(_ record: ConnectionRecord) -> String {
        var parts = [record.start, "\(record.client) → \(record.server)", record.protocol.uppercased()]
        if let version = record.version { parts.append(version) }
        if let sni = record.sni { parts.append(TextSanitizer.clean(sni)) }
        if let alpn = record.alpn { parts.append(TextSanitizer.clean(alpn)) }
        parts.append("↑\(record.bytes.toServer) B ↓\(record.bytes.toClient) B")
        parts.append("\(record.exchanges.count) exchange\(record.exchanges.count == 1 ? "" : "s")")
        if let reason = record.endReason { parts.append("(\(reason))") }
        return parts.joined(separator: "  ")
    }

    static func detail(_ record: ConnectionRecord) -> String {
        var parts: [String] = []
        if let cipher = record.cipher { parts.append(cipher) }
        if let ja3 = record.ja3 { parts.append("ja3 \(ja3)") }
        if let ja4 = record.ja4 { parts.append("ja4 \(ja4)") }
        if let certificate = record.certificate { parts.append("cert \(TextSanitizer.clean(certificate.subject))") }
        for request in record.requests.prefix(20) {
            var text = "\(request.method) \(TextSanitizer.clean(request.path))"
            if let operation = request.operation { text += " \(operation)" }
            if let status = request.status { text += " → \(status)" }
            parts.append(text)
        }
        if record.requests.count > 20 { parts.append("… \(record.requests.count - 20) more requests") }
        for alert in record.alerts { parts.append("alert from \(alert.from): \(alert.description ?? "encrypted")") }
        return "         ↳ " + (parts.isEmpty ? "no handshake seen" : parts.joined(separator: "; "))
    }
}
