import Wire

/// One hello extension: its type and raw body, with readers for the ones a ladder needs.
public struct TLSExtension: Equatable, Sendable {
    public let type: UInt16
    public let data: [UInt8]

    /// More extensions than any real hello carries.
    static let maximumCount = 512

    static func parseList(_ bytes: [UInt8]) throws(DecodeError) -> [TLSExtension] {
        var reader = TLSReader(bytes)
        var list: [TLSExtension] = []
        while !reader.isAtEnd {
            guard list.count < maximumCount else { throw DecodeError(.limitExceeded, at: reader.offset, "over \(maximumCount) extensions") }
            let type = try reader.uint16("extension type")
            list.append(TLSExtension(type: type, data: try reader.vector16("extension \(type)")))
        }
        return list
    }

    /// server_name (RFC 6066 §3): the first host_name entry.
    var serverName: String? {
        guard type == 0 else { return nil }
        var reader = TLSReader(data)
        guard let list = try? reader.vector16("server name list") else { return nil }
        var entries = TLSReader(list)
        while !entries.isAtEnd {
            guard let nameType = try? entries.uint8("name type"), let name = try? entries.vector16("host name") else { return nil }
            if nameType == 0 { return String(decoding: name, as: UTF8.self) }
        }
        return nil
    }

    static func alpnProtocols(_ extensionValue: TLSExtension) -> [String] {
        var reader = TLSReader(extensionValue.data)
        guard let list = try? reader.vector16("ALPN list") else { return [] }
        var protocols = TLSReader(list)
        var names: [String] = []
        while !protocols.isAtEnd, let name = try? protocols.vector8("ALPN protocol") {
            names.append(String(decoding: name, as: UTF8.self))
        }
        return names
    }

    /// supported_versions in a ClientHello: a 1-byte-length list.
    static func clientVersions(_ extensionValue: TLSExtension) -> [UInt16] {
        var reader = TLSReader(extensionValue.data)
        guard let list = try? reader.vector8("versions") else { return [] }
        return pairs(list)
    }

    static func uint16List(_ extensionValue: TLSExtension) -> [UInt16] { uint16List(prefixed: true, extensionValue) }

    static func uint16List(prefixed: Bool, _ extensionValue: TLSExtension) -> [UInt16] {
        guard prefixed else { return pairs(extensionValue.data) }
        var reader = TLSReader(extensionValue.data)
        return (try? reader.vector16("list")).map(pairs) ?? []
    }

    static func uint8List(_ extensionValue: TLSExtension) -> [UInt8] {
        var reader = TLSReader(extensionValue.data)
        return (try? reader.vector8("list")) ?? []
    }

    private static func pairs(_ bytes: [UInt8]) -> [UInt16] {
        stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
    }

    /// RFC 8701 GREASE values (0x0a0a, 0x1a1a … 0xfafa), left out of fingerprints.
    public static func isGREASE(_ value: UInt16) -> Bool {
        value & 0x0F0F == 0x0A0A && value >> 8 == value & 0xFF
    }
}
