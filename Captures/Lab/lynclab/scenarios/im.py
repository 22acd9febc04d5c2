"""Instant messaging between Alice and Bob through the front end."""
import base64

from ..dialogue import Dialogue
from ..sip import Party, relayed, request, response, sdp_message, token
from . import Scenario
from .cast import cast

KEYBOARD = '<?xml version="1.0"?>\r\n<KeyboardActivity>\r\n  <status status="type" />\r\n</KeyboardActivity>\r\n'


def first_text_header(text):
    # msgr: base64 of the UTF-16LE font spec, '=' padding stripped, as Lync sends it.
    spec = "X-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=0; CS=0; PF=0\r\n\r\n".encode("utf-16-le")
    msgr = base64.b64encode(spec).decode().rstrip("=")
    return "text/plain; charset=UTF-8;msgr=%s;ms-body=%s" % (msgr, base64.b64encode(text.encode()).decode())


def send_message(transport, ipv6=False, first="hello bob", messages=(("alice", "are you there?"), ("bob", "yes, here")),
                 caller="alice", callee="bob"):
    """An IM conversation; `caller` and `callee` name the roles (the messages' senders are
    given as "alice" for the caller and "bob" for the callee)."""
    parties = cast(transport, ipv6)
    roles = {"alice": caller, "bob": callee}
    alice, bob = parties[caller], parties[callee]
    talk = Dialogue(parties, transport)
    talk.rename = roles
    call_id = token("im", transport, ipv6, caller, callee, length=16)
    alice_tag, bob_tag = token(call_id, "alice"), token(call_id, "bob")
    conversation = token(call_id, "conversation", length=32).upper()
    cseq = {"alice": 1, "bob": 0}

    invite = request("INVITE", bob.uri, alice, bob, call_id, 1, transport, alice_tag, content_type="application/sdp",
                     headers=[("Contact", "<%s>" % alice.gruu), ("Supported", "ms-dialog-route-set-update"),
                              ("Supported", "ms-sender"), ("Supported", "timer"), ("Ms-Conversation-ID", conversation),
                              ("ms-text-format", first_text_header(first)), ("ms-keep-alive", "UAC;hop-hop=yes")],
                     body=sdp_message(alice.host, alice.port))
    talk.direct("alice", "fe", invite)
    talk.direct("fe", "alice", response(invite, 100, "Trying"))
    forwarded = relayed(invite, parties["fe"].hostport, transport)
    talk.direct("fe", "bob", forwarded)
    talk.respond("bob", "alice", forwarded, 180, "Ringing", to_tag=bob_tag)
    talk.respond("bob", "alice", forwarded, 200, "OK", to_tag=bob_tag, content_type="application/sdp",
                 headers=[("Contact", "<%s>" % bob.gruu), ("Supported", "ms-text-format"), ("Supported", "ms-sender")],
                 body=sdp_message(bob.host, bob.port))
    talk.request("alice", "bob", request("ACK", bob.gruu, alice, bob, call_id, 1, transport, alice_tag, to_tag=bob_tag))

    def in_dialog(sender, method, body, content_type):
        cseq[sender] += 1
        me, peer = (alice, bob) if sender == "alice" else (bob, alice)
        my_tag, peer_tag = (alice_tag, bob_tag) if sender == "alice" else (bob_tag, alice_tag)
        message = request(method, peer.gruu, me, peer, call_id, cseq[sender] + (100 if sender == "bob" else 0), transport,
                          my_tag, to_tag=peer_tag, content_type=content_type, body=body)
        talk.transaction(sender, "bob" if sender == "alice" else "alice", message)

    in_dialog("alice", "INFO", KEYBOARD, "application/xml")
    for sender, text in messages:
        in_dialog(sender, "MESSAGE", text, "text/plain; charset=UTF-8")
    in_dialog("alice", "BYE", "", None)
    texts = [first] + [text for _, text in messages]
    truth = [{"kind": "send-message", "variant": None, "participants": [alice.uri, bob.uri], "outcome": "completed",
              "texts": texts}]
    return Scenario(transport, parties, talk.steps, truth)


def failed_message():
    """A federated IM that the edge cannot deliver: 504 with ms-diagnostics 1010."""
    parties = cast("tcp")
    alice = parties["alice"]
    partner = Party("sip:kim@fabrikam.com", "", "127.0.0.30", 5060)
    talk = Dialogue(parties, "tcp")
    call_id = token("failed-im", length=16)
    invite = request("INVITE", partner.uri, alice, partner, call_id, 1, "tcp", token(call_id, "alice"),
                     content_type="application/sdp", headers=[("Contact", "<%s>" % alice.gruu),
                                                             ("ms-text-format", first_text_header("hi kim"))],
                     body=sdp_message(alice.host, alice.port))
    talk.direct("alice", "fe", invite)
    talk.direct("fe", "alice", response(invite, 100, "Trying"))
    failure = response(invite, 504, "Server time-out", to_tag=token(call_id, "edge"), headers=[
        ("ms-diagnostics", '1010;reason="Certificate trust with another server could not be established";'
                           'ErrorType="The peer certificate does not contain a matching FQDN";tls-target="sip.fabrikam.com";'
                           'PeerServer="sip.fabrikam.com";HRESULT="0x80090322(SEC_E_WRONG_PRINCIPAL)";source="edge.contoso.com"')])
    talk.direct("fe", "alice", failure)
    talk.direct("alice", "fe", request("ACK", partner.uri, alice, partner, call_id, 1, "tcp", token(call_id, "alice"),
                                       to_tag=token(call_id, "edge")))
    truth = [{"kind": "send-message", "variant": None, "participants": [alice.uri, partner.uri], "outcome": "failed",
              "reason": "1010 Certificate trust with another server could not be established", "texts": ["hi kim"]}]
    return Scenario("tcp", parties, talk.steps, truth)
