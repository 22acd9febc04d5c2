import Foundation
import Testing
import TestSupport

/// `sipladder connections` on the lab's chat-file-service captures (curl against a
/// Python service playing MGCWebService.asmx, over HTTP and over TLS 1.2).
@Suite("sipladder connections")
struct ConnectionsCommandTests {
    func connections(_ name: String) throws -> [[String: Any]] {
        let path = Paths.projectCaptures.appendingPathComponent(name).path
        let result = try ProcessRunner.run(Paths.executable, ["connections", path, "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [[String: Any]])
    }

    @Test("cleartext HTTP: every SOAP call with its operation, key fields, status and result")
    func soapOverHTTP() throws {
        let list = try connections("chat-file-service-http.pcap")
        #expect(list.count == 7)
        let requests = list.compactMap { ($0["requests"] as? [[String: Any]])?.first }
        #expect(requests.map { $0["operation"] as? String } == ["RequestUniqueFilenameWithExtension", "GetMaxFileSizeInKB",
                                                               "GetMaxRequestContentInKB", "AppendChunk", "AppendChunk",
                                                               "GetFileSize", "DownloadChunk"])
        #expect(requests.allSatisfy { $0["status"] as? Int == 200 && $0["path"] as? String == "/PersistentChat/MGCWebService.asmx" })
        #expect(requests[0]["result"] as? String == "a912898f-cf23-476b-a644-0c541d7cfdcf.txt")
        let chunks = requests.filter { $0["operation"] as? String == "AppendChunk" }.map { $0["fields"] as? [String: String] ?? [:] }
        #expect(chunks.map { $0["fileChunkBytes"] } == ["6000", "2000"])
        #expect(chunks.map { $0["offset"] } == ["0", "6000"])
        #expect(chunks.first?["token"] == "0c6a9d5e-71b2-4f0e-a3c8-5d9e2b7f1a40")
        #expect(list.allSatisfy { $0["protocol"] as? String == "http" && $0["client"] as? String != nil })
        #expect((list[3]["bytes"] as? [String: Int])?["toServer"] ?? 0 > 8000)
    }

    @Test("TLS 1.2: SNI, version, cipher, certificate, fingerprints, byte counts and exchanges")
    func soapOverTLS() throws {
        let list = try connections("chat-file-service-https.pcap")
        #expect(list.count == 7)
        for connection in list {
            #expect(connection["sni"] as? String == "pool01.contoso.com")
            #expect(connection["version"] as? String == "TLS 1.2")
            #expect(connection["server"] as? String == "127.0.0.5:8443")
            #expect((connection["client"] as? String)?.hasPrefix("127.0.0.6:") == true)
            #expect((connection["ja3"] as? String)?.count == 32)
            #expect((connection["ja4"] as? String)?.hasPrefix("t12d") == true)
            #expect(connection["endReason"] as? String == "fin")
            let certificate = try #require(connection["certificate"] as? [String: Any])
            #expect(certificate["subject"] as? String == "CN=pool01.contoso.com")
            #expect(certificate["sans"] as? [String] == ["pool01.contoso.com"])
        }
        // The two AppendChunk uploads are the big client-to-server exchanges.
        let uploads = list.map { (($0["exchanges"] as? [[String: Any]]) ?? []).map { $0["toServerBytes"] as? Int ?? 0 }.max() ?? 0 }
        #expect(uploads[3] > 8000)
        #expect(uploads[4] > 2600 && uploads[4] < 8000)
    }

    @Test("text output: one line per connection and a detail line")
    func textOutput() throws {
        let path = Paths.projectCaptures.appendingPathComponent("chat-file-service-https.pcap").path
        let result = try ProcessRunner.run(Paths.executable, ["connections", path])
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 14)
        #expect(lines[0].contains("→ 127.0.0.5:8443  TLS  TLS 1.2  pool01.contoso.com"))
        #expect(lines[1].contains("cert CN=pool01.contoso.com"))
    }
}
