/// An SDP body (RFC 8866), reduced to what says what a session is for: its media lines
/// with ports and protocols, the connection address, and a few attributes.
public struct SessionDescription: Equatable, Sendable, Codable {
    public struct Media: Equatable, Sendable, Codable {
        /// `message`, `audio`, `video`, `data`, `applicationsharing`…
        public let kind: String
        public let port: Int?
        public let proto: String
        public let formats: [String]
        /// `sendonly`, `recvonly`, `sendrecv`, `inactive` when given.
        public let direction: String?
        public let connectionAddress: String?
    }

    public let origin: String?
    public let connectionAddress: String?
    public let media: [Media]
    /// The first IM text of the offer, from the INVITE's `ms-text-format` header.
    public let firstMessage: IMText?

    /// `m=message … sip null`: an IM session (OCS 2007+; `x-ms-message` for older peers).
    public var isInstantMessaging: Bool { media.contains { $0.kind == "message" || $0.kind == "x-ms-message" } }

    /// `media message 5061/TCP/TLS/MSRP sendrecv at 10.0.0.5, first text "hello"`: written into
    /// one string, piece by piece.
    public var summary: String {
        var line = SummaryLine()
        if media.isEmpty { line += "session description without media" } else { line += "media " }
        for item in media {
            line.part(item.kind)
            line += " "
            line += item.port.map(String.init) ?? "?"
            line += "/"
            line += item.proto
            if let direction = item.direction { line += " "; line += direction }
        }
        if let address = connectionAddress ?? media.first(where: { $0.connectionAddress != nil })?.connectionAddress {
            line += " at "
            line += address
        }
        if let firstMessage {
            line += ", first text "
            line += Abbreviation.quoted(firstMessage.text)
        }
        return line.text
    }

    private static let directions = ["sendonly", "recvonly", "sendrecv", "inactive"]

    static func decode(_ body: [UInt8], firstMessage: IMText? = nil) -> SessionDescription {
        var origin: String?, sessionAddress: String?
        var media: [Media] = []
        var current: (kind: String, port: Int?, proto: String, formats: [String], direction: String?, address: String?)?
        func close() {
            if let item = current {
                media.append(Media(kind: item.kind, port: item.port, proto: item.proto, formats: item.formats,
                                   direction: item.direction, connectionAddress: item.address))
            }
        }
        // Lines by bytes, in place: every SDP line starts with an ASCII letter and `=`, and
        // only the lines read become text.
        body.withUnsafeBufferPointer { bytes in
            let isLineEnd = { (byte: UInt8) in byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C }
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, !isLineEnd(bytes[lineEnd]) { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                guard lineEnd - lineStart >= 2, bytes[lineStart + 1] == UInt8(ascii: "=") else { continue }
                let rest = UnsafeBufferPointer(rebasing: bytes[(lineStart + 2)..<lineEnd])
                // Words split by bytes (the space is ASCII).
                let words = { rest.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) } }
                switch bytes[lineStart] {
                case UInt8(ascii: "o"): origin = String(decoding: rest, as: UTF8.self)
                case UInt8(ascii: "c"):
                    let address = words().last
                    if current == nil { sessionAddress = address } else { current?.address = address }
                case UInt8(ascii: "m"):
                    close()
                    let fields = words()
                    let port = fields.count > 1 ? fields[1].split(separator: "/").first.flatMap { Int($0) } : nil
                    current = (fields.first ?? "?", port, fields.count > 2 ? fields[2] : "?", Array(fields.dropFirst(3)), nil, nil)
                case UInt8(ascii: "a") where rest.count == 8:
                    // The four directions are eight letters each: compared as bytes, no text
                    // made for the other attributes.
                    if let direction = Self.directions.first(where: { $0.utf8.elementsEqual(rest) }) {
                        current?.direction = direction
                    }
                default: break
                }
            }
        }
        close()
        return SessionDescription(origin: origin, connectionAddress: sessionAddress, media: media, firstMessage: firstMessage)
    }
}
