"""Persistent chat (XCCOS over SIP INFO) between Alice's client and the chat server,
through the FE: lookup, join, history, posts, file tokens, leave."""
from ..dialogue import Dialogue
from ..sip import Party, request, sdp_message, token
from . import Scenario
from .cast import cast

ROOM_GUID = "6f1d2c3b-0a9e-4b7c-8d21-33c4e5f60718"
ROOM = "ma-chan://contoso.com/" + ROOM_GUID
CHANNEL_SERVER = "sip:ocschat@contoso.com;gruu;opaque=srvr:MRAS:" + token("channel", length=12)
SERVICE = "https://pool01.contoso.com:8443/PersistentChat/MGCWebService.asmx"


def xccos(envid, inner, server=False):
    namespaces = ' xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' if server else ""
    return '<xccos%s ver="1" envid="%s" xmlns="urn:parlano:xml:ns:xccos">%s</xccos>' % (namespaces, envid, inner)


def reply(name, answers, data):
    return ('<rpl id="rpl:%s" seqid="1"><commandid seqid="1" envid="%s"/><resp code="200">SUCCESS_OK</resp><data>%s</data></rpl>'
            % (name, answers, data))


class ChatSession:
    """One INVITE dialog between Alice and a chat server URI, with INFOs both ways."""

    def __init__(self, talk, parties, target_uri, call_name):
        self.talk, self.parties = talk, parties
        self.alice, self.chat = parties["alice"], parties["chat"]
        self.call_id = token("chat", call_name, length=16)
        self.alice_tag, self.chat_tag = token(self.call_id, "alice"), token(self.call_id, "chat")
        self.target = Party(target_uri, "", self.chat.host, self.chat.port)
        self.cseq = {"alice": 1, "chat": 0}

    def open(self):
        invite = request("INVITE", self.target.uri, self.alice, self.target, self.call_id, 1, "tcp", self.alice_tag,
                         headers=[("Contact", "<%s>" % self.alice.gruu), ("Supported", "ms-dialog-route-set-update")],
                         content_type="application/sdp", body=sdp_message(self.alice.host, self.alice.port))
        forwarded = self.talk.request("alice", "chat", invite)
        self.talk.respond("chat", "alice", forwarded, 200, "OK", to_tag=self.chat_tag, content_type="application/sdp",
                          headers=[("Contact", "<%s>" % self.target.uri), ("Session-Expires", "3600;refresher=uac")],
                          body=sdp_message(self.chat.host, self.chat.port))
        self.talk.request("alice", "chat", request("ACK", self.target.uri, self.alice, self.target, self.call_id, 1, "tcp",
                                                   self.alice_tag, to_tag=self.chat_tag))

    def info(self, sender, body):
        self.cseq[sender] += 1
        if sender == "alice":
            message = request("INFO", self.target.uri, self.alice, self.target, self.call_id, self.cseq["alice"], "tcp",
                              self.alice_tag, to_tag=self.chat_tag, content_type="text/plain", body=body)
            self.talk.transaction("alice", "chat", message)
        else:
            message = request("INFO", self.alice.gruu, self.target, self.alice, self.call_id, self.cseq["chat"], "tcp",
                              self.chat_tag, to_tag=self.alice_tag, content_type="text/plain", body=body, epid=False)
            self.talk.transaction("chat", "alice", message)

    def close(self):
        self.cseq["alice"] += 1
        self.talk.transaction("alice", "chat", request("BYE", self.target.uri, self.alice, self.target, self.call_id,
                                                       self.cseq["alice"], "tcp", self.alice_tag, to_tag=self.chat_tag))


def lookup_and_join(talk, parties):
    lookup = ChatSession(talk, parties, "sip:ocschat@contoso.com", "lookup")
    lookup.open()
    lookup.info("alice", xccos(5000, '<cmd id="cmd:requri" seqid="1"><data/></cmd>'))
    lookup.info("chat", xccos(9182736450011220001, reply("requri", 5000, '<uib uri="%s"/>' % CHANNEL_SERVER), server=True))
    lookup.close()
    channel = ChatSession(talk, parties, CHANNEL_SERVER, "channel")
    channel.open()
    channel.info("alice", xccos(5001, '<cmd id="cmd:join" seqid="1"><data><chanid key="0" domain="contoso.com" value="%s"/></data></cmd>' % ROOM_GUID))
    members = '<uib id="0" uri="sip:alice@contoso.com"/><uib id="1" uri="sip:bob@contoso.com"/><uib id="2" uri="sip:carol@contoso.com"/>'
    room = ('<chanib uri="%s" name="Release Team" topic="Ship it" description="builds and releases"><aib key="3984" value="0,2"/><aib key="12276" value="1"/>'
            '<info id="urn:parlano:ma:info:ucnt">3</info><prop id="urn:parlano:ma:prop:filepost">true</prop></chanib>') % ROOM
    channel.info("chat", xccos(9182736450011220002, reply("join", 5001, members + room), server=True))
    return channel


def chat_room():
    parties = cast("tcp")
    talk = Dialogue(parties, "tcp")
    channel = lookup_and_join(talk, parties)
    channel.info("alice", xccos(5002, '<cmd id="cmd:bccontext" seqid="1"><data><chanib uri="%s"/><bcq><last cnt="25"/></bcq></data></cmd>' % ROOM))
    history = ''.join('<msg id="grpchat" chanUri="%s" author="%s" ts="2026-01-02T09:%02d:00Z"><chat>%s</chat></msg>' % (ROOM, author, minute, text)
                      for minute, author, text in ((10, "sip:bob@contoso.com", "build 41 failed"), (20, "sip:carol@contoso.com", "fixed in 42")))
    channel.info("chat", xccos(9182736450011220003, reply("bccontext", 5002, '<chanib uri="%s">%s</chanib>' % (ROOM, history)), server=True))
    channel.info("alice", xccos(5003, '<grpchat id="grpchat" seqid="1" chanUri="%s" author="sip:alice@contoso.com" ts="2026-01-02T10:11:12Z"><chat>build 42 is green</chat></grpchat>' % ROOM))
    channel.info("chat", xccos(9182736450011220004, '<grpchat id="grpchat" seqid="1" chanUri="%s" author="sip:bob@contoso.com" ts="2026-01-02T10:11:40Z"><chat>shipping it</chat></grpchat>' % ROOM, server=True))
    channel.info("alice", xccos(5004, '<cmd id="cmd:part" seqid="1"><data><chanib uri="%s"/></data></cmd>' % ROOM))
    channel.info("chat", xccos(9182736450011220005, reply("part", 5004, '<chanib uri="%s"/>' % ROOM), server=True))
    channel.close()
    alice = parties["alice"].uri
    truth = [
        {"kind": "chat-room-join", "variant": None, "participants": [alice, ROOM], "outcome": "completed", "room": "Release Team"},
        {"kind": "chat-room-post", "variant": None, "participants": [alice, ROOM], "outcome": "completed", "texts": ["build 42 is green"]},
        {"kind": "chat-room-post", "variant": None, "participants": ["sip:bob@contoso.com", ROOM, alice], "outcome": "completed", "texts": ["shipping it"]},
        {"kind": "chat-room-leave", "variant": None, "participants": [alice, ROOM], "outcome": "completed"},
    ]
    return Scenario("tcp", parties, talk.steps, truth)


def file_token(phase, download=False):
    """Joining and asking for a file token (phase 1), then announcing the file and leaving
    (phase 2); the HTTPS transfer runs between the two."""
    parties = cast("tcp")
    talk = Dialogue(parties, "tcp")
    command = "getfdtok" if download else "getfutok"
    name = "notes.txt"
    if phase == 1:
        channel = lookup_and_join(talk, parties)
        channel.info("alice", xccos(5010, '<cmd id="cmd:%s" seqid="1"><data><ftdb channelUri="%s" fileUrl="%s"/></data></cmd>' % (command, ROOM, name)))
        channel.info("chat", xccos(9182736450011220010, reply("getftok", 5010, '<token token="0c6a9d5e-71b2-4f0e-a3c8-5d9e2b7f1a40" serveruri="%s"/>' % SERVICE), server=True))
    else:
        channel = ChatSession(talk, parties, CHANNEL_SERVER, "channel")
        channel.cseq["alice"], channel.cseq["chat"] = 4, 3
        if not download:
            link = "ma-filelink://contoso.com/%s/a912898f-cf23-476b-a644-0c541d7cfdcf.txt" % ROOM_GUID
            channel.info("alice", xccos(5011, '<grpchat id="grpchat" seqid="1" chanUri="%s" author="sip:alice@contoso.com" ts="2026-01-02T10:15:00Z"><chat>%s</chat></grpchat>' % (ROOM, link)))
        channel.close()
    alice = parties["alice"].uri
    truth = [{"kind": "chat-room-join", "variant": None, "participants": [alice, ROOM], "outcome": "completed", "room": "Release Team"},
             {"kind": "file-transfer", "variant": "chat-room-download" if download else "chat-room-upload",
              "participants": [alice, ROOM, "pool01.contoso.com"], "outcome": "completed", "fileName": name}]
    return Scenario("tcp", parties, talk.steps, truth if phase == 1 else [])
