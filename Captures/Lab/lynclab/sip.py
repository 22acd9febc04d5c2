"""Builds SIP messages that look like a Lync 2013 client's and front end's."""
import hashlib

USER_AGENT = "UCCAPI/15.0.4481.1000 OC/15.0.4481.1000 (Microsoft Lync)"
SERVER = "RTC/5.0"


def token(*parts, length=10):
    """A deterministic hex token: regenerating a capture gives the same tags and branches."""
    return hashlib.sha1("/".join(str(part) for part in parts).encode()).hexdigest()[:length]


class Party:
    """A user (or service) and the endpoint its agent uses."""

    def __init__(self, uri, name, host, port, epid=None):
        self.uri, self.name, self.host, self.port = uri, name, host, port
        self.epid = epid or token(uri, "epid")

    @property
    def hostport(self):
        return ("[%s]:%d" % (self.host, self.port)) if ":" in self.host else "%s:%d" % (self.host, self.port)

    @property
    def gruu(self):
        return "%s;opaque=user:epid:%s;gruu" % (self.uri, token(self.uri, "gruu", length=22))

    def name_addr(self, tag=None, epid=True):
        text = '"%s"<%s>' % (self.name, self.uri) if self.name else "<%s>" % self.uri
        if tag:
            text += ";tag=%s" % tag
        if epid and self.epid:
            text += ";epid=%s" % self.epid
        return text


class Message:
    """A SIP message: start line, ordered headers, body. Content-Length is computed."""

    def __init__(self, start_line, headers, body=b""):
        self.start_line = start_line
        self.headers = list(headers)
        self.body = body.encode() if isinstance(body, str) else body

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def replace(self, name, value):
        self.headers = [(key, value if key.lower() == name.lower() else old) for key, old in self.headers]

    def bytes(self):
        lines = [self.start_line] + ["%s: %s" % pair for pair in self.headers if pair[0].lower() != "content-length"]
        lines.append("Content-Length: %d" % len(self.body))
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + self.body

    @property
    def label(self):
        parts = self.start_line.split(" ")
        return parts[1] if parts[0] == "SIP/2.0" else parts[0]


def request(method, uri, sender, receiver, call_id, cseq, transport, from_tag, to_tag=None, via=None,
            headers=(), body="", content_type=None, branch_seed=None, to_party=None, epid=True):
    """A request from `sender`'s agent; `to_party` is the To header's party (defaults to receiver)."""
    to_party = to_party or receiver
    branch = "z9hG4bK" + token(call_id, cseq, method, branch_seed or "", length=8)
    fields = [("Via", "SIP/2.0/%s %s;branch=%s" % (transport.upper(), via or sender.hostport, branch)),
              ("Max-Forwards", "70"),
              ("From", sender.name_addr(from_tag, epid)),
              ("To", to_party.name_addr(to_tag, epid=False) if to_tag is None else "<%s>;tag=%s" % (to_party.uri, to_tag)),
              ("Call-ID", call_id),
              ("CSeq", "%d %s" % (cseq, method)),
              ("User-Agent", USER_AGENT)]
    fields += list(headers)
    if content_type:
        fields.append(("Content-Type", content_type))
    return Message("%s %s SIP/2.0" % (method, uri), fields, body)


def response(req, status, reason, to_tag=None, headers=(), body="", content_type=None):
    """A response copying Via, From, To (adding a tag), Call-ID and CSeq from the request."""
    fields = [(key, value) for key, value in req.headers if key.lower() in ("via", "from", "call-id", "cseq")]
    to_value = req.header("To")
    if to_tag and ";tag=" not in to_value:
        to_value += ";tag=%s" % to_tag
    fields.insert(2, ("To", to_value))
    fields += [("Server", SERVER)] + list(headers)
    if content_type:
        fields.append(("Content-Type", content_type))
    return Message("SIP/2.0 %d %s" % (status, reason), fields, body)


def relayed(message, proxy_hostport, transport):
    """The same message forwarded by a proxy: its own Via on top, one hop fewer."""
    copy = Message(message.start_line, list(message.headers), message.body)
    if message.start_line.startswith("SIP/2.0"):
        vias = [pair for pair in copy.headers if pair[0].lower() == "via"]
        if len(vias) > 1:
            copy.headers.remove(vias[0])
        return copy
    branch = "z9hG4bK" + token(message.start_line, message.header("CSeq"), message.header("Call-ID"), proxy_hostport, length=8)
    index = next(i for i, pair in enumerate(copy.headers) if pair[0].lower() == "via")
    copy.headers.insert(index, ("Via", "SIP/2.0/%s %s;branch=%s" % (transport.upper(), proxy_hostport, branch)))
    copy.headers = [(k, str(int(v) - 1) if k.lower() == "max-forwards" else v) for k, v in copy.headers]
    return copy


def sdp_message(host, port):
    family = "IP6" if ":" in host else "IP4"
    return ("v=0\r\no=- 0 0 IN %s %s\r\ns=session\r\nc=IN %s %s\r\nt=0 0\r\nm=message %d sip null\r\n"
            "a=accept-types:text/plain text/html image/gif multipart/alternative application/im-iscomposing+xml "
            "application/ms-imdn+xml text/x-msmsgsinvite\r\n") % (family, host, family, host, port)
