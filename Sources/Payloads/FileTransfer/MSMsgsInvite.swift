import SafeXML

/// Legacy file transfer control (`text/x-msmsgsinvite`, MSN-derived, used by Communicator):
/// CRLF-separated `Name: value` lines offering, accepting or cancelling a file by cookie.
public struct MSMsgsInvite: Equatable, Sendable, Codable {
    /// `INVITE` (offer), `ACCEPT`, `CANCEL`.
    public let command: String?
    public let cookie: String?
    public let applicationName: String?
    public let fileName: String?
    public let fileSize: Int?
    public let cancelCode: String?
    public let ipAddress: String?
    public let port: String?
    /// Every line, in order, as sent.
    public let fields: [Field]

    public struct Field: Equatable, Sendable, Codable {
        public let name: String
        public let value: String
    }

    public var summary: String {
        switch command?.uppercased() {
        case "INVITE":
            return "file offer \(fileName.map { "\"\($0)\"" } ?? "?")" + (fileSize.map { " (\($0) bytes)" } ?? "") + " cookie \(cookie ?? "?")"
        case "ACCEPT":
            return "file accepted, cookie \(cookie ?? "?")" + (ipAddress.map { " at \($0)" } ?? "") + (port.map { ":\($0)" } ?? "")
        case "CANCEL":
            return "file cancelled (\(cancelCode ?? "?")), cookie \(cookie ?? "?")"
        default:
            return "msmsgsinvite \(command ?? "?") cookie \(cookie ?? "?")"
        }
    }

    static func decode(_ body: [UInt8]) -> MSMsgsInvite {
        let fields = Self.fields(body)
        let names = fields.map { $0.name.lowercased() }
        let value = { (lowercasedName: String) in names.firstIndex(of: lowercasedName).map { fields[$0].value } }
        return MSMsgsInvite(command: value("invitation-command"), cookie: value("invitation-cookie"),
                            applicationName: value("application-name"), fileName: value("application-file"),
                            fileSize: value("application-filesize").flatMap { Int($0) }, cancelCode: value("cancel-code"),
                            ipAddress: value("ip-address"), port: value("port"), fields: fields)
    }

    /// The `Name: value` lines. By bytes when the text is ASCII without vertical tab or
    /// form feed, as it is: then CR and LF are its only line breaks.
    private static func fields(_ body: [UInt8]) -> [Field] {
        guard body.allSatisfy({ $0 < 0x80 && $0 != 0x0B && $0 != 0x0C }) else {
            return String(decoding: body, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { (line: Substring) -> Field? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return Field(name: String(line[..<colon]), value: String(line[line.index(after: colon)...]).trimmingWhitespace)
            }
        }
        return body.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }).compactMap { line in
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            return Field(name: String(decoding: line[..<colon], as: UTF8.self),
                         value: String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingWhitespace)
        }
    }
}
