"""Peer-to-peer file transfer between Alice and Bob through the FE: the Lync form
(ms-filetransfer+xml over INFO) and the legacy form (text/x-msmsgsinvite in an IM dialog)."""
from ..dialogue import Dialogue
from ..sip import relayed, request, response, sdp_message, token
from . import Scenario
from .cast import cast
from .im import first_text_header

FT_NS = "http://schemas.microsoft.com/rtc/2009/05/filetransfer"
FILE_ID = "{6244F934-2EB1-443F-8E2C-48BA64AF463D}"


def data_sdp(host, port, direction):
    return ("v=0\r\no=- 0 0 IN IP4 %s\r\ns=session\r\nc=IN IP4 %s\r\nb=CT:99980\r\nt=0 0\r\n"
            "m=data %d TCP/RTP/AVP 127\r\na=%s\r\na=mid:1\r\na=rtpmap:127 x-data/90000\r\n") % (host, host, port, direction)


def lync_transfer(cancel=False):
    parties = cast("tcp")
    alice, bob = parties["alice"], parties["bob"]
    talk = Dialogue(parties, "tcp")
    call_id = token("ft", cancel, length=16)
    alice_tag, bob_tag = token(call_id, "alice"), token(call_id, "bob")
    boundary = "----=_NextPart_" + token(call_id, "mime", length=12)
    publish = ('<request xmlns="%s" requestId="1"><publishFile><fileInfo><id>%s</id><name>report.pdf</name><size>52341</size>'
               '</fileInfo></publishFile></request>') % (FT_NS, FILE_ID)
    body = ("--%s\r\nContent-Type: application/sdp\r\n\r\n%s\r\n--%s\r\nContent-Type: application/ms-filetransfer+xml\r\n"
            "Content-Transfer-Encoding: 7bit\r\nContent-Disposition: render; handling=optional\r\n\r\n%s\r\n--%s--\r\n") % (
        boundary, data_sdp(alice.host, 50020, "sendonly"), boundary, publish, boundary)
    invite = request("INVITE", bob.uri, alice, bob, call_id, 1, "tcp", alice_tag, headers=[("Contact", "<%s>" % alice.gruu)],
                     content_type='multipart/mixed;boundary="%s"' % boundary, body=body)
    forwarded = talk.request("alice", "bob", invite)
    talk.respond("bob", "alice", forwarded, 200, "OK", to_tag=bob_tag, content_type="application/sdp",
                 headers=[("Contact", "<%s>" % bob.gruu)], body=data_sdp(bob.host, 50040, "recvonly"))
    talk.request("alice", "bob", request("ACK", bob.gruu, alice, bob, call_id, 1, "tcp", alice_tag, to_tag=bob_tag))
    cseq = {"alice": 1, "bob": 100}

    def info(sender, xml):
        cseq[sender] += 1
        me, peer = (alice, bob) if sender == "alice" else (bob, alice)
        tags = (alice_tag, bob_tag) if sender == "alice" else (bob_tag, alice_tag)
        message = request("INFO", peer.gruu, me, peer, call_id, cseq[sender], "tcp", tags[0], to_tag=tags[1],
                          content_type="application/ms-filetransfer+xml", body=xml)
        talk.transaction(sender, "bob" if sender == "alice" else "alice", message)

    info("bob", '<response xmlns="%s" requestId="1" code="success"/>' % FT_NS)
    info("bob", '<request xmlns="%s" requestId="2"><downloadFile><fileInfo><id>%s</id><name>report.pdf</name></fileInfo></downloadFile></request>' % (FT_NS, FILE_ID))
    info("alice", '<response xmlns="%s" requestId="2" code="pending"/>' % FT_NS)
    if cancel:
        info("bob", '<request xmlns="%s" requestId="3"><cancelTransfer><transferId>2</transferId><fileInfo><id>%s</id><name>report.pdf</name></fileInfo></cancelTransfer></request>' % (FT_NS, FILE_ID))
        info("alice", '<response xmlns="%s" requestId="2" code="failure" reason="requestCancelled"/>' % FT_NS)
    else:
        info("bob", '<notify xmlns="%s" notifyId="1"><fileTransferProgress><transferId>2</transferId><bytesReceived><from>0</from><to>52340</to></bytesReceived></fileTransferProgress></notify>' % FT_NS)
        info("alice", '<response xmlns="%s" requestId="2" code="success"/>' % FT_NS)
    cseq["alice"] += 1
    talk.transaction("alice", "bob", request("BYE", bob.gruu, alice, bob, call_id, cseq["alice"], "tcp", alice_tag, to_tag=bob_tag))
    truth = [{"kind": "file-transfer", "variant": "p2p", "participants": [alice.uri, bob.uri],
              "outcome": "failed" if cancel else "completed", "fileName": "report.pdf", "fileSize": 52341}]
    if cancel:
        truth[0]["reason"] = "requestCancelled"
    return Scenario("tcp", parties, talk.steps, truth)


def legacy_transfer():
    parties = cast("tcp")
    alice, bob = parties["alice"], parties["bob"]
    talk = Dialogue(parties, "tcp")
    call_id = token("legacy-ft", length=16)
    alice_tag, bob_tag = token(call_id, "alice"), token(call_id, "bob")
    invite = request("INVITE", bob.uri, alice, bob, call_id, 1, "tcp", alice_tag, content_type="application/sdp",
                     headers=[("Contact", "<%s>" % alice.gruu), ("ms-text-format", first_text_header("sending you the report"))],
                     body=sdp_message(alice.host, alice.port))
    forwarded = talk.request("alice", "bob", invite)
    talk.respond("bob", "alice", forwarded, 200, "OK", to_tag=bob_tag, content_type="application/sdp",
                 headers=[("Contact", "<%s>" % bob.gruu), ("Supported", "ms-text-format")], body=sdp_message(bob.host, bob.port))
    talk.request("alice", "bob", request("ACK", bob.gruu, alice, bob, call_id, 1, "tcp", alice_tag, to_tag=bob_tag))
    offer = ("Application-Name: File Transfer\r\nApplication-GUID: {5D3E02AB-6190-11d3-BBBB-00C04F795683}\r\n"
             "Invitation-Command: INVITE\r\nInvitation-Cookie: 18732\r\nApplication-File: report.pdf\r\n"
             "Application-FileSize: 52341\r\nConnectivity: N\r\nEncryption: R\r\n")
    accept = ("Invitation-Command: ACCEPT\r\nRequest-Data: IP-Address:\r\nInvitation-Cookie: 18732\r\n"
              "Encryption-Key: " + "QUJDREVGR0hJSktMTU5PUA==" + "\r\nHash-Key: UVJTVFVWV1hZWjAxMjM0NQ==\r\n"
              "IP-Address: %s\r\nPort: 6891\r\nPortX: 11178\r\nAuthCookie: 1185392\r\n") % bob.host
    talk.transaction("alice", "bob", request("MESSAGE", bob.gruu, alice, bob, call_id, 2, "tcp", alice_tag, to_tag=bob_tag,
                                             content_type="text/x-msmsgsinvite; charset=UTF-8", body=offer))
    talk.transaction("bob", "alice", request("MESSAGE", alice.gruu, bob, alice, call_id, 101, "tcp", bob_tag, to_tag=alice_tag,
                                             content_type="text/x-msmsgsinvite; charset=UTF-8", body=accept))
    talk.transaction("alice", "bob", request("BYE", bob.gruu, alice, bob, call_id, 3, "tcp", alice_tag, to_tag=bob_tag))
    truth = [{"kind": "file-transfer", "variant": "p2p-legacy", "participants": [alice.uri, bob.uri], "outcome": "completed",
              "fileName": "report.pdf", "fileSize": 52341},
             {"kind": "send-message", "variant": None, "participants": [alice.uri, bob.uri], "outcome": "completed",
              "texts": ["sending you the report"]}]
    return Scenario("tcp", parties, talk.steps, truth)
