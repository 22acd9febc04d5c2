import Wire
import SafeXML

/// Lync peer-to-peer file transfer control (`application/ms-filetransfer+xml`, namespace
/// `http://schemas.microsoft.com/rtc/2009/05/filetransfer`): requests (`publishFile`,
/// `downloadFile`, `cancelTransfer`), responses with their code, and progress notices.
public struct FileTransferDocument: Equatable, Sendable, Codable {
    /// `request`, `response` or `notify`.
    public let kind: String
    /// The request's operation: `publishFile`, `downloadFile`, `cancelTransfer`, or
    /// `fileTransferProgress` for a notify.
    public let operation: String?
    public let requestID: String?
    /// Responses: `success`, `pending`, `failure`.
    public let code: String?
    public let reason: String?
    public let fileID: String?
    public let fileName: String?
    public let fileSize: Int?
    public let transferID: String?
    /// Progress: the byte range received so far.
    public let bytesFrom: Int?
    public let bytesTo: Int?

    public var summary: String {
        // Written piece by piece as bytes, made text once.
        var line = SummaryLine()
        switch kind {
        case "response":
            line += "file transfer response "
            line += code ?? "?"
            line += " to request "
            line += requestID ?? "?"
            if let reason { line += " ("; line += reason; line += ")" }
            return line.text
        case "notify":
            line += "file transfer progress: bytes "
            line += bytesFrom.map(String.init) ?? "?"
            line += "–"
            line += bytesTo.map(String.init) ?? "?"
            return line.text
        default:
            line += operation ?? "request"
            line += " "
            if let fileName { line += "\""; line += fileName; line += "\"" }
            if let fileSize { line += " ("; line += String(fileSize); line += " bytes)" }
            return line.text.replacingDoubleSpaces + " [request " + (requestID ?? "?") + "]"
        }
    }

    static func decode(_ root: XMLElement) -> FileTransferDocument {
        let operation = root.children.first
        let fileInfo = root.descendants(named: "fileInfo").first
        let received = root.descendants(named: "bytesReceived").first
        return FileTransferDocument(
            kind: root.name, operation: operation?.name, requestID: root[attribute: "requestId"],
            code: root[attribute: "code"], reason: root[attribute: "reason"],
            fileID: fileInfo?.childText("id"), fileName: fileInfo?.childText("name"),
            fileSize: fileInfo?.childText("size").flatMap { Int($0) },
            transferID: root.descendants(named: "transferId").first?.allText.trimmingWhitespace,
            bytesFrom: received?.childText("from").flatMap { Int($0) },
            bytesTo: received?.childText("to").flatMap { Int($0) })
    }
}

extension String {
    /// Runs of spaces made one, and none at either end.
    var replacingDoubleSpaces: String {
        // Without two spaces in a row or one at an end (checked by bytes), the split and
        // join below would give back the same text: skip them, as nearly every name allows.
        let space = UInt8(ascii: " ")
        let isTidy = withUTF8Bytes { bytes in
            guard bytes.first != space, bytes.last != space else { return false }
            for index in bytes.indices.dropFirst() where bytes[index] == space && bytes[index - 1] == space { return false }
            return true
        }
        if isTidy { return self }
        return split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
