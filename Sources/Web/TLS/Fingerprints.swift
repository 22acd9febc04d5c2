import Crypto

/// TLS client and server fingerprints.
///
/// JA3 (Salesforce): `version,ciphers,extensions,groups,point_formats` in decimal, values
/// joined by `-`, GREASE left out, MD5 in hex — the same as tshark's `tls.handshake.ja3`.
/// JA3S: `version,cipher,extensions`, MD5. JA4 (FoxIO): `t13d1516h2_<ciphers>_<extensions>`,
/// the sorted cipher list and the sorted extensions (less SNI and ALPN) with the signature
/// algorithms, each SHA-256 truncated to 12 hex digits.
public enum Fingerprints {
    public static func ja3String(_ hello: ClientHello) -> String {
        // Written as bytes: a hello lists dozens of numbers.
        var text: [UInt8] = []
        text.reserveCapacity(256)
        appendDecimal(hello.legacyVersion, to: &text)
        for list in [hello.cipherSuites, hello.extensions.map(\.type), hello.supportedGroups] {
            text.append(UInt8(ascii: ","))
            appendDecimalList(list, to: &text)
        }
        text.append(UInt8(ascii: ","))
        for (index, format) in hello.pointFormats.enumerated() {
            if index > 0 { text.append(UInt8(ascii: "-")) }
            appendDecimal(UInt16(format), to: &text)
        }
        return String(decoding: text, as: UTF8.self)
    }

    public static func ja3(_ hello: ClientHello) -> String { ja3(ofString: ja3String(hello)) }

    /// The JA3 hash of a string `ja3String` made: for a caller that writes both.
    public static func ja3(ofString text: String) -> String { md5Hex(text) }

    public static func ja3sString(_ hello: ServerHello) -> String {
        [String(hello.legacyVersion), String(hello.cipherSuite), decimalList(hello.extensions.map(\.type))].joined(separator: ",")
    }

    public static func ja3s(_ hello: ServerHello) -> String { md5Hex(ja3sString(hello)) }

    public static func ja4(_ hello: ClientHello) -> String {
        let ciphers = hello.cipherSuites.filter { !TLSExtension.isGREASE($0) }
        let extensionTypes = hello.extensions.map(\.type).filter { !TLSExtension.isGREASE($0) }
        let version = hello.supportedVersions.filter { !TLSExtension.isGREASE($0) }.max() ?? hello.legacyVersion
        let prefix = "t" + versionCode(version) + (hello.serverName == nil ? "i" : "d")
            + twoDigits(ciphers.count) + twoDigits(extensionTypes.count) + alpnCode(hello.alpn.first)
        // The hashed texts are built as bytes: a hello offers dozens of values.
        let cipherText = hexList(ciphers.sorted())
        var extensionText = hexList(extensionTypes.filter { $0 != 0x0000 && $0 != 0x0010 }.sorted())
        let signatures = hello.signatureAlgorithms.filter { !TLSExtension.isGREASE($0) }
        if !signatures.isEmpty { extensionText += [UInt8(ascii: "_")] + hexList(signatures) }
        return prefix + "_" + truncatedSHA256(ciphers.isEmpty ? nil : cipherText)
            + "_" + truncatedSHA256(extensionTypes.isEmpty ? nil : extensionText)
    }

    static func versionCode(_ version: UInt16) -> String {
        switch version {
        case 0x0304: "13"
        case 0x0303: "12"
        case 0x0302: "11"
        case 0x0301: "10"
        case 0x0300: "s3"
        case 0x0002: "s2"
        default: "00"
        }
    }

    static func alpnCode(_ alpn: String?) -> String {
        guard let alpn, let first = alpn.utf8.first, let last = alpn.utf8.last else { return "00" }
        let isAlphanumeric = { (byte: UInt8) in (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        if isAlphanumeric(first), isAlphanumeric(last) {
            return String(decoding: [first, last], as: UTF8.self)
        }
        let hex = String(hex: alpn.utf8)
        return String(hex.prefix(1)) + String(hex.suffix(1))
    }

    private static func twoDigits(_ count: Int) -> String {
        let clamped = min(count, 99)
        return clamped < 10 ? "0\(clamped)" : String(clamped)
    }

    /// Four lower-case hex digits each, joined by commas.
    private static func hexList(_ values: [UInt16]) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(values.count * 5)
        for value in values {
            if !text.isEmpty { text.append(UInt8(ascii: ",")) }
            for shift in stride(from: 12, through: 0, by: -4) { text.append(hexDigits[Int((value >> UInt16(shift)) & 0x0F)]) }
        }
        return text
    }

    private static func decimalList(_ values: [UInt16]) -> String {
        var text: [UInt8] = []
        appendDecimalList(values, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// The values less GREASE, in decimal, joined by `-`.
    private static func appendDecimalList(_ values: [UInt16], to text: inout [UInt8]) {
        var first = true
        for value in values where !TLSExtension.isGREASE(value) {
            if !first { text.append(UInt8(ascii: "-")) }
            first = false
            appendDecimal(value, to: &text)
        }
    }

    private static func appendDecimal(_ value: UInt16, to text: inout [UInt8]) {
        var divisor: UInt16 = 10_000
        while divisor > 1, value < divisor { divisor /= 10 }
        while divisor > 0 {
            text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    private static func md5Hex(_ text: String) -> String {
        String(hex: Insecure.MD5.hash(data: Array(text.utf8)))
    }

    private static func truncatedSHA256(_ text: [UInt8]?) -> String {
        guard let text else { return "000000000000" }
        return String(hex: SHA256.hash(data: text).prefix(6))
    }
}

extension String {
    /// Lower-case hex, two digits a byte, written into one buffer.
    init(hex bytes: some Sequence<UInt8>) {
        let digits = hexDigits
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        self = String(decoding: text, as: UTF8.self)
    }
}

private let hexDigits = Array("0123456789abcdef".utf8)
