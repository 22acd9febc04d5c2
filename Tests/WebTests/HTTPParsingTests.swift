import Testing
@testable import Web

@Suite("HTTP/1.1 parsing")
struct HTTPParsingTests {
    func parse(_ chunks: [String]) -> [HTTPMessageParser.Message] {
        var parser = HTTPMessageParser()
        return chunks.flatMap { chunk in Array(chunk.utf8).withUnsafeBytes { parser.append($0) } }
    }

    static let soap = #"<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><AppendChunk xmlns="http://www.microsoft.com"><token>T</token><channelId>C</channelId><uniqueFilename>U.txt</uniqueFilename><fileChunk>aGVsbG8=</fileChunk><offset>0</offset><fileLength>5</fileLength></AppendChunk></s:Body></s:Envelope>"#

    @Test("a SOAP request: operation, key fields and the decoded chunk size")
    func soapRequest() throws {
        let request = "POST /PersistentChat/MGCWebService.asmx HTTP/1.1\r\nHost: pool01.contoso.com\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: \"http://www.microsoft.com/AppendChunk\"\r\nContent-Length: \(Self.soap.utf8.count)\r\n\r\n" + Self.soap
        let messages = parse([request])
        #expect(messages.count == 1)
        let record = HTTPRequestRecord(request: try #require(messages.first))
        #expect(record.operation == "AppendChunk")
        #expect(record.soapAction == "http://www.microsoft.com/AppendChunk")
        #expect(record.fields == ["token": "T", "channelId": "C", "uniqueFilename": "U.txt", "offset": "0", "fileLength": "5", "fileChunkBytes": "5"])
        #expect(record.host == "pool01.contoso.com")
    }

    @Test("pipelined messages, chunked bodies, split anywhere")
    func chunkedAndPipelined() {
        let stream = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n"
            + "HTTP/1.1 204 No Content\r\n\r\n" + "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"
        let whole = parse([stream])
        #expect(whole.map(\.bodyLength) == [11, 0, 3])
        let bytes = Array(stream.utf8)
        for split in stride(from: 1, to: bytes.count, by: 7) {
            let parts = [String(decoding: bytes[..<split], as: UTF8.self), String(decoding: bytes[split...], as: UTF8.self)]
            #expect(parse(parts).map(\.bodyLength) == [11, 0, 3], "split at \(split)")
        }
    }

    @Test("byte by byte, with blank lines between messages: the same messages as whole")
    func byteByByte() {
        let stream = "\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\nX-A: b\r\n\r\nabc\r\n"
            + "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\r\nhi\r\n0\r\n\r\n"
        let whole = parse([stream])
        #expect(whole.map(\.bodyLength) == [3, 2])
        let pieces = stream.unicodeScalars.map { String($0) }
        #expect(parse(pieces) == whole)
    }

    @Test("a response without a length runs to the end of the connection")
    func untilClose() {
        var parser = HTTPMessageParser()
        let messages = Array("HTTP/1.0 200 OK\r\n\r\nbody bytes".utf8).withUnsafeBytes { parser.append($0) }
        #expect(messages.isEmpty)
        #expect(parser.finish()?.bodyLength == 10)
    }

    @Test("a head that never ends and a bad chunk size are failures, not crashes")
    func hostile() {
        var parser = HTTPMessageParser()
        let endless = "GET / HTTP/1.1\r\n" + String(repeating: "X: y\r\n", count: 20_000)
        _ = Array(endless.utf8).withUnsafeBytes { parser.append($0) }
        #expect(parser.failure != nil)
        var chunked = HTTPMessageParser()
        _ = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".utf8).withUnsafeBytes { chunked.append($0) }
        #expect(chunked.failure?.contains("chunk size") == true)
    }

    @Test("base64 sizes are computed without decoding")
    func base64Length() {
        #expect(HTTPRequestRecord.decodedLength(ofBase64: "aGVsbG8=") == 5)
        #expect(HTTPRequestRecord.decodedLength(ofBase64: "aGVsbA==") == 4)
        #expect(HTTPRequestRecord.decodedLength(ofBase64: "aGVs") == 3)
    }
}
