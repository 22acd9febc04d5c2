/// TLS secrets in the NSS key log format (what SSLKEYLOGFILE writes): one
/// `LABEL <client random hex> <secret hex>` per line. TLS 1.3 traffic secrets are used;
/// TLS 1.2 `CLIENT_RANDOM` master secrets are read but not yet used for decryption.
public struct KeyLog: Sendable {
    /// Secrets by client random (hex) and label.
    private var secrets: [String: [String: [UInt8]]] = [:]

    public init() {}

    /// Parses key log text; lines that are not `LABEL hex hex` are ignored.
    public init(text: String) {
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = line.split(separator: " ")
            guard fields.count == 3, let secret = Self.bytes(hex: fields[2]) else { continue }
            secrets[fields[1].lowercased(), default: [:]][String(fields[0])] = secret
        }
    }

    public var isEmpty: Bool { secrets.isEmpty }

    public func secret(_ label: String, clientRandom: [UInt8]) -> [UInt8]? {
        secrets[String(hex: clientRandom)]?[label]
    }

    static func bytes<S: StringProtocol>(hex: S) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: digit - 0x30
        case 0x61...0x66: digit - 0x61 + 10
        case 0x41...0x46: digit - 0x41 + 10
        default: nil
        }
    }
}
