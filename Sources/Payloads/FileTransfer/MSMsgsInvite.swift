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
        let fields = String(decoding: body, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { (line: Substring) -> Field? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return Field(name: String(line[..<colon]), value: String(line[line.index(after: colon)...]).trimmingWhitespace)
        }
        let value = { (name: String) in fields.first { $0.name.lowercased() == name.lowercased() }?.value }
        return MSMsgsInvite(command: value("Invitation-Command"), cookie: value("Invitation-Cookie"),
                            applicationName: value("Application-Name"), fileName: value("Application-File"),
                            fileSize: value("Application-FileSize").flatMap { Int($0) }, cancelCode: value("Cancel-Code"),
                            ipAddress: value("IP-Address"), port: value("Port"), fields: fields)
    }
}
