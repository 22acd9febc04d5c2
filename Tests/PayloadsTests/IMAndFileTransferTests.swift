import Foundation
@testable import Payloads
import SIP
import Testing

@Suite("IM and file transfer payloads")
struct IMAndFileTransferTests {
    static let sdp = "v=0\r\no=- 0 0 IN IP4 10.0.0.5\r\ns=session\r\nc=IN IP4 10.0.0.5\r\nt=0 0\r\nm=message 5061 sip null\r\na=accept-types:text/plain\r\n"

    @Test("UTF-16LE text: ASCII, accented letters, a surrogate pair, an odd byte left over")
    func utf16LittleEndian() {
        #expect(UTF16Text.decodeLittleEndian(Array("X-MMS-IM-Format: FN=Segoe".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
                == "X-MMS-IM-Format: FN=Segoe")
        let mixed = "Café 😀 ok"
        #expect(UTF16Text.decodeLittleEndian(Array(mixed.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) + [0x41]) == mixed)
        #expect(UTF16Text.decodeLittleEndian([0xE9, 0x00]) == "é")
        #expect(UTF16Text.decodeLittleEndian([]) == "")
    }

    @Test("IM INVITE: m=message offer with the first text from ms-text-format")
    func imInvite() {
        let body = Data("hello bob".utf8).base64EncodedString()
        let formatting = Data("X-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=0; CS=0; PF=0\r\n\r\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            .base64EncodedString().replacingOccurrences(of: "=", with: "")
        let invite = message(["INVITE sip:bob@contoso.com SIP/2.0", "Call-ID: im1", "CSeq: 1 INVITE",
                              "From: <sip:alice@contoso.com>;tag=a;epid=8248ca9ebb", "To: <sip:bob@contoso.com>",
                              "ms-text-format: text/plain; charset=UTF-8;msgr=\(formatting);ms-body=\(body)",
                              "Content-Type: application/sdp"], body: Self.sdp)
        let decoding = MessageDecoding(invite)
        guard case .sdp(let description)? = decoding.payload else { Issue.record("not sdp"); return }
        #expect(description.isInstantMessaging)
        #expect(description.media.first?.port == 5061)
        #expect(description.firstMessage?.text == "hello bob")
        #expect(description.firstMessage?.formatting?.hasPrefix("X-MMS-IM-Format: FN=Segoe%20UI") == true)
        #expect(description.summary == #"media message 5061/sip at 10.0.0.5, first text "hello bob""#)
    }

    @Test("ms-text-format: names in any case, the last ms-body wins, spaces and Unicode white space trimmed, HTML reduced")
    func msTextFormatVariants() {
        let first = Data("first".utf8).base64EncodedString(), last = Data("<b>last</b>".utf8).base64EncodedString()
        let (text, problem) = MSTextFormat.decode(" text/HTML ;\tMS-Body=\(first) ; ;ms-body=\(last)\u{00A0};MSGR=;=x")
        #expect(problem == nil)
        #expect(text?.format == "text/HTML")
        #expect(text?.text == "last")
        #expect(text?.formatting == nil)
        // No ms-body: no text and no problem; a first piece of spaces is an empty media type.
        #expect(MSTextFormat.decode("text/plain; msgr=QQA").0 == nil)
        #expect(MSTextFormat.decode("  ;ms-body=\(first)").0?.format == "")
        // Empty pieces are no pieces: the first that is not is the media type, never a pair.
        #expect(MSTextFormat.decode(";;ms-body=\(first)").0 == nil)
        #expect(MSTextFormat.decode(";;text/plain;;ms-body=\(first)").0?.format == "text/plain")
        // The last ms-body decides: a valid one after an invalid one is text.
        #expect(MSTextFormat.decode("text/plain;ms-body=!!;ms-body=\(first)").0?.text == "first")
        #expect(MSTextFormat.decode("text/plain;ms-body=\(first);ms-body=!!").problem == "ms-text-format ms-body is not valid base64")
    }

    @Test("bad base64 in ms-body is a diagnostic")
    func badBase64() {
        let invite = message(["INVITE sip:bob@contoso.com SIP/2.0", "Call-ID: im2", "CSeq: 1 INVITE", "From: <sip:a@b>;tag=a", "To: <sip:c@d>",
                              "ms-text-format: text/plain; charset=UTF-8;ms-body=!!notbase64!!", "Content-Type: application/sdp"], body: Self.sdp)
        #expect(MessageDecoding(invite).problems.map(\.code) == ["base64_invalid"])
    }

    @Test("MESSAGE bodies: plain, HTML reduced to text, multipart/alternative")
    func messageBodies() {
        #expect(decode("hi there", "text/plain; charset=UTF-8").payload?.summary == #"text "hi there""#)
        #expect(decode("<div><b>bold</b> &amp; <i>it</i><br/>next</div>", "text/html").payload
                == .imText(IMText(format: "text/html", text: "bold & it\nnext", formatting: nil)))
        let alternative = "--alt\r\nContent-Type: text/plain\r\n\r\nplain version\r\n--alt\r\nContent-Type: text/html\r\n\r\n<p>html version</p>\r\n--alt--\r\n"
        let result = decode(alternative, "multipart/alternative;boundary=alt")
        guard case .multipart(_, let parts)? = result.payload else { Issue.record("not multipart"); return }
        #expect(parts.map { $0.payload.summary } == [#"text "plain version""#, #"text "html version""#])
    }

    @Test("typing: Microsoft KeyboardActivity and RFC 3994 isComposing")
    func typing() {
        #expect(decode(#"<?xml version="1.0"?><KeyboardActivity> <status status="type" /></KeyboardActivity>"#, "application/xml").payload
                == .typing(TypingIndication(form: "KeyboardActivity", state: "type")))
        #expect(decode(#"<isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"><state>idle</state></isComposing>"#,
                       "application/im-iscomposing+xml").payload?.summary == "stopped typing")
    }

    @Test("multiparty control and conversation info")
    func imControl() {
        #expect(decode(#"<action xmlns="http://schemas.microsoft.com/sip/multiparty/"><RequestRM uri="sip:alice@contoso.com" bid="1"/></action>"#,
                       "application/x-ms-mim").payload?.summary == "multiparty RequestRM sip:alice@contoso.com")
        #expect(decode(#"<ConversationInfo><From uri="sip:alice@contoso.com"/><Subject>release</Subject></ConversationInfo>"#,
                       "application/xml+conversationinfo").payload?.summary == #"conversation info from sip:alice@contoso.com, subject "release""#)
    }

    @Test("Lync file transfer: publishFile in multipart/mixed, progress, cancel")
    func lyncFileTransfer() {
        let publish = #"<request xmlns="http://schemas.microsoft.com/rtc/2009/05/filetransfer" requestId="1"><publishFile><fileInfo><id>{6244F934}</id><name>report.pdf</name><size>52341</size></fileInfo></publishFile></request>"#
        let body = "--mix\r\nContent-Type: application/sdp\r\n\r\nv=0\r\nm=data 6000 TCP/RTP/AVP 127\r\na=sendonly\r\n\r\n--mix\r\nContent-Type: application/ms-filetransfer+xml\r\nContent-Transfer-Encoding: 7bit\r\n\r\n\(publish)\r\n--mix--\r\n"
        guard case .multipart(_, let parts)? = decode(body, "multipart/mixed; boundary=mix").payload,
              case .fileTransfer(let request) = parts[1].payload, case .sdp(let description) = parts[0].payload else {
            Issue.record("not a file offer"); return
        }
        #expect(request.operation == "publishFile")
        #expect(request.fileName == "report.pdf")
        #expect(request.fileSize == 52341)
        #expect(description.media.first?.direction == "sendonly")
        #expect(description.summary == "media data 6000/TCP/RTP/AVP sendonly")
        #expect(request.summary == #"publishFile "report.pdf" (52341 bytes) [request 1]"#)
        let progress = #"<notify xmlns="http://schemas.microsoft.com/rtc/2009/05/filetransfer" notifyId="3"><fileTransferProgress><transferId>2</transferId><bytesReceived><from>0</from><to>52340</to></bytesReceived></fileTransferProgress></notify>"#
        guard case .fileTransfer(let notice)? = decode(progress, "application/ms-filetransfer+xml").payload else { Issue.record("no progress"); return }
        #expect(notice.bytesTo == 52340)
        #expect(notice.transferID == "2")
        #expect(notice.summary == "file transfer progress: bytes 0–52340")
        let cancelled = #"<response xmlns="http://schemas.microsoft.com/rtc/2009/05/filetransfer" requestId="2" code="failure" reason="requestCancelled"/>"#
        #expect(decode(cancelled, "application/ms-filetransfer+xml").payload?.summary == "file transfer response failure to request 2 (requestCancelled)")
        #expect(decode(#"<request xmlns="urn:other" requestId="1"/>"#, "application/xml").payload?.typeName == "unknown")
    }

    @Test("legacy msmsgsinvite offer, accept and cancel")
    func msmsgsinvite() {
        let offer = "Application-Name: File Transfer\r\nApplication-GUID: {5D3E02AB-6190-11d3-BBBB-00C04F795683}\r\nInvitation-Command: INVITE\r\nInvitation-Cookie: 18732\r\nApplication-File: report.pdf\r\nApplication-FileSize: 52341\r\nConnectivity: N\r\nEncryption: R\r\n"
        guard case .msmsgsinvite(let invite)? = decode(offer, "text/x-msmsgsinvite; charset=UTF-8").payload else { Issue.record("no offer"); return }
        #expect(invite.command == "INVITE")
        #expect(invite.fileSize == 52341)
        #expect(invite.summary == #"file offer "report.pdf" (52341 bytes) cookie 18732"#)
        #expect(invite.fields.count == 8)
        let cancel = "Invitation-Command: CANCEL\r\nInvitation-Cookie: 18732\r\nCancel-Code: REJECT\r\n"
        #expect(decode(cancel, "text/x-msmsgsinvite").payload?.summary == "file cancelled (REJECT), cookie 18732")
    }

    @Test("an unknown body type is kept with its type and size")
    func unknownBody() {
        #expect(decode("\u{1}\u{2}\u{3}", "application/octet-stream").payload == .unknown(contentType: "application/octet-stream", length: 3))
    }
}

@Suite("SDP edge cases")
struct SDPEdgeCaseTests {
    @Test("a media line whose port field is only a slash: no port, no crash (fuzz finding)")
    func slashPort() {
        let description = SessionDescription.decode(Array("v=0\r\nm=message / TCP/MSRP *\r\n".utf8))
        #expect(description.media.count == 1)
        #expect(description.media.first?.port == nil)
    }
}
