import Foundation
import SafeXML

/// One HTTP request and its response, as the `connections` report lists them.
public struct HTTPRequestRecord: Equatable, Sendable, Codable {
    public let method: String
    public let path: String
    public let host: String?
    public let contentType: String?
    public let requestBytes: Int
    public let soapAction: String?
    /// The SOAP operation element of the request body (`AppendChunk`, `DownloadChunk`…).
    public let operation: String?
    /// Key fields of the SOAP call: token, channelId, uniqueFilename, reposFileName,
    /// offset, fileLength, bufferSize, and `fileChunkBytes` (the decoded chunk size).
    public let fields: [String: String]
    public internal(set) var status: Int?
    public internal(set) var responseBytes: Int?
    /// The response's SOAP result element text, when short (the unique file name…).
    public internal(set) var result: String?

    static let keyFields: Set<String> = ["token", "channelId", "uniqueFilename", "reposFileName", "offset", "fileLength",
                                         "bufferSize", "extension", "fileName"]

    init(request: HTTPMessageParser.Message) {
        let parts = request.startLine.split(separator: " ", maxSplits: 2).map(String.init)
        method = parts.first ?? "?"
        path = parts.count > 1 ? parts[1] : ""
        host = request.header("Host")
        contentType = request.header("Content-Type")
        requestBytes = request.bodyLength
        soapAction = request.header("SOAPAction")?.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        let soap = request.xmlBody.flatMap(Self.soapOperation)
        operation = soap?.name
        var fields: [String: String] = [:]
        for child in soap?.children ?? [] {
            if Self.keyFields.contains(child.name) { fields[child.name] = child.allText.trimmingWhitespace }
            if child.name == "fileChunk" { fields["fileChunkBytes"] = String(Self.decodedLength(ofBase64: child.allText.trimmingWhitespace)) }
        }
        self.fields = fields
    }

    mutating func attach(response: HTTPMessageParser.Message) {
        status = Int(response.startLine.split(separator: " ").dropFirst().first ?? "")
        responseBytes = response.bodyLength
        if let operation = response.xmlBody.flatMap(Self.soapOperation) {
            let text = operation.allText.trimmingWhitespace
            result = text.count <= 200 && !text.isEmpty ? text : nil
        }
    }

    /// Bytes a base64 text decodes to, without decoding it.
    static func decodedLength(ofBase64 text: String) -> Int {
        let characters = text.utf8.filter { $0 != 0x0D && $0 != 0x0A && $0 != 0x20 }
        let padding = characters.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        return characters.count / 4 * 3 - padding
    }

    /// The first element inside a SOAP Body.
    static func soapOperation(_ body: [UInt8]) -> XMLElement? {
        guard let root = try? SafeXMLParser.parse(body), root.name == "Envelope" else { return nil }
        return root.child("Body")?.children.first
    }
}
