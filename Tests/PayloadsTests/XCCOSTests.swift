@testable import Payloads
import Testing

@Suite("XCCOS")
struct XCCOSTests {
    static let room = "ma-chan://contoso.com/6f1d2c3b-0a9e-4b7c-8d21-33c4e5f60718"

    func xccos(_ body: String, _ type: String = "text/plain") throws -> XCCOSDocument {
        let result = decode(body, type)
        #expect(result.problems.isEmpty, "\(result.problems)")
        guard case .xccos(let document)? = result.payload else {
            Issue.record("not XCCOS: \(String(describing: result.payload))")
            throw DecodeFailure()
        }
        return document
    }

    @Test("join command: envelope, command id and the room it names")
    func joinCommand() throws {
        let document = try xccos(#"<xccos ver="1" envid="5001" xmlns="urn:parlano:xml:ns:xccos"><cmd id="cmd:join" seqid="1"><data><chanid key="0" domain="contoso.com" value="6f1d2c3b-0a9e-4b7c-8d21-33c4e5f60718"/></data></cmd></xccos>"#)
        #expect(document.envelopeID == "5001")
        #expect(document.version == "1")
        let item = try #require(document.items.first)
        #expect(item.kind == .command)
        #expect(item.id == "cmd:join")
        #expect(item.channelIDs.first?.uri == Self.room)
        #expect(document.summary == "cmd:join room \(Self.room)")
    }

    @Test("join reply: answers the command's envelope, with result, room and members")
    func joinReply() throws {
        let document = try xccos(#"<xccos ver="1" envid="9182736450011223344" xmlns="urn:parlano:xml:ns:xccos"><rpl id="rpl:join" seqid="1"><commandid seqid="1" envid="5001"/><resp code="200">SUCCESS_OK</resp><data><uib id="0" uri="sip:alice@contoso.com"/><uib id="1" uri="sip:bob@contoso.com"/><chanib uri="ma-chan://contoso.com/6f1d2c3b-0a9e-4b7c-8d21-33c4e5f60718" name="Release Team" topic="Ship it"><aib key="3984" value="0"/><aib key="12276" value="1"/></chanib></data></rpl></xccos>"#)
        let item = try #require(document.items.first)
        #expect(item.kind == .reply)
        #expect(item.repliesTo == .init(envelopeID: "5001", sequenceID: "1"))
        #expect(item.response == .init(code: 200, text: "SUCCESS_OK"))
        #expect(item.users.map(\.uri) == ["sip:alice@contoso.com", "sip:bob@contoso.com"])
        #expect(item.channels.first?.name == "Release Team")
        #expect(item.channels.first?.affiliations.map(\.key) == ["3984", "12276"])
        #expect(item.summary == #"rpl:join 200 SUCCESS_OK, room "Release Team" topic "Ship it", 2 users, (answers envid 5001)"#)
    }

    @Test("room message: author, room, time and text")
    func groupChat() throws {
        let document = try xccos(#"<xccos ver="1" envid="5002" xmlns="urn:parlano:xml:ns:xccos"><grpchat id="grpchat" seqid="1" chanUri="ma-chan://contoso.com/6f1d2c3b-0a9e-4b7c-8d21-33c4e5f60718" author="sip:alice@contoso.com" ts="2015-03-02T10:11:12Z"><chat>build 42 is green</chat></grpchat></xccos>"#)
        let chat = try #require(document.items.first?.messages.first)
        #expect(document.items.first?.kind == .groupChat)
        #expect(chat == .init(channelURI: Self.room, author: "sip:alice@contoso.com", timestamp: "2015-03-02T10:11:12Z", text: "build 42 is green"))
    }

    @Test("history request and file-token exchange")
    func historyAndTokens() throws {
        let history = try xccos(#"<xccos ver="1" envid="5003" xmlns="urn:parlano:xml:ns:xccos"><cmd id="cmd:bccontext" seqid="1"><data><chanib uri="ma-chan://contoso.com/x"/><bcq><last cnt="25"/></bcq></data></cmd></xccos>"#)
        #expect(history.items.first?.historyCount == 25)
        let request = try xccos(#"<xccos ver="1" envid="5004" xmlns="urn:parlano:xml:ns:xccos"><cmd id="cmd:getfutok" seqid="1"><data><ftdb channelUri="ma-chan://contoso.com/x" fileUrl="notes.txt"/></data></cmd></xccos>"#)
        #expect(request.items.first?.fileTransfer == .init(channelURI: "ma-chan://contoso.com/x", fileURL: "notes.txt"))
        let reply = try xccos(#"<xccos xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ver="1" envid="4411223344556677889" xmlns="urn:parlano:xml:ns:xccos"><rpl id="rpl:getftok" seqid="1"><commandid seqid="1" envid="5004"/><resp code="200">SUCCESS_OK</resp><data><token token="0c6a9d5e-71b2-4f0e-a3c8-5d9e2b7f1a40" serveruri="https://pool01.contoso.com/PersistentChat/MGCWebService.asmx"/></data></rpl></xccos>"#)
        #expect(reply.items.first?.token == .init(token: "0c6a9d5e-71b2-4f0e-a3c8-5d9e2b7f1a40",
                                                   serverURI: "https://pool01.contoso.com/PersistentChat/MGCWebService.asmx"))
    }

    @Test("room search reply: info and properties by id")
    func searchReply() throws {
        let document = try xccos(#"<xccos ver="1" envid="1" xmlns="urn:parlano:xml:ns:xccos"><rpl id="rpl:chansrch" seqid="1"><commandid seqid="1" envid="5005"/><resp code="200">SUCCESS_OK</resp><data><chanib uri="ma-chan://contoso.com/x" name="Release Team" description="builds"><info id="urn:parlano:ma:info:ucnt">12</info><prop id="urn:parlano:ma:prop:filepost">true</prop></chanib></data></rpl></xccos>"#)
        let room = try #require(document.items.first?.channels.first)
        #expect(room.info["urn:parlano:ma:info:ucnt"] == "12")
        #expect(room.properties["urn:parlano:ma:prop:filepost"] == "true")
    }

    @Test("unknown command ids and several items in one envelope are kept")
    func unknownAndTwins() throws {
        let document = try xccos(#"<?xml version="1.0"?><xccos ver="1" envid="7" xmlns="urn:parlano:xml:ns:xccos"><ntc id="ntc:join" seqid="1"><data><uib uri="sip:carol@contoso.com"><aib key="3984" domain="contoso.com" value="guid"/></uib></data></ntc><cmd id="cmd:getassoc" seqid="2"><data/></cmd><weird/></xccos>"#)
        #expect(document.items.map(\.id) == ["ntc:join", "cmd:getassoc", "weird"])
        #expect(document.items.map(\.kind) == [.notice, .command, .other])
        #expect(document.items.first?.users.first?.affiliations.first?.value == "guid")
    }

    @Test("the first separator of a summary is a space, inside the command id when the id holds `, `")
    func summarySeparators() throws {
        let plain = try xccos(#"<xccos ver="1" envid="8" xmlns="urn:parlano:xml:ns:xccos"><cmd id="cmd:join" seqid="1"><data><chanid key="0" domain="d" value="v"/><chanid key="1" domain="d" value="w"/></data></cmd></xccos>"#)
        #expect(plain.summary == "cmd:join room ma-chan://d/v, room ma-chan://d/w")
        let comma = try xccos(#"<xccos ver="1" envid="9" xmlns="urn:parlano:xml:ns:xccos"><cmd id="cmd:a, b" seqid="1"><data><chanid key="0" domain="d" value="v"/></data></cmd><cmd id="x, y, z" seqid="2"/><cmd id="p," seqid="3"><data><chanid key="0" domain="d" value="v"/></data></cmd></xccos>"#)
        #expect(comma.summary == "cmd:a b, room ma-chan://d/v; x y, z; p, room ma-chan://d/v")
        let empty = try xccos(#"<xccos ver="1" envid="10" xmlns="urn:parlano:xml:ns:xccos"></xccos>"#)
        #expect(empty.summary == "XCCOS envelope 10 with no command")
    }

    @Test("plain text that is not XCCOS stays an instant message")
    func plainText() {
        #expect(decode("hello <xccos> world", "text/plain").payload == .imText(IMText(format: "text/plain", text: "hello <xccos> world", formatting: nil)))
    }

    @Test("malformed XCCOS is a diagnostic; the body is kept as unknown")
    func malformed() {
        let result = decode("<xccos ver=\"1\"><cmd id=\"cmd:join\"></xccos>", "text/plain")
        #expect(result.problems.map(\.code) == ["xml_malformed"])
        #expect(result.payload?.typeName == "unknown")
    }
}

struct DecodeFailure: Error {}
