#!/usr/bin/env python3
"""A large presence NOTIFY over UDP across a real 1500-byte MTU, so the kernel fragments
it: run as `fragmented_notify.py receive` in one network namespace and
`fragmented_notify.py send` in the other (make-captures.sh sets both up)."""
import socket
import sys

SERVER = ("192.0.2.2", 5060)
CLIENT = ("192.0.2.1", 5060)


def categories(index):
    return ('<categories xmlns="http://schemas.microsoft.com/2006/09/sip/categories" uri="sip:user%02d@contoso.com">'
            '<category name="state" instance="0" publishTime="2026-01-02T10:00:00.000"><state xmlns="http://schemas.microsoft.com/2006/09/sip/state" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="aggregateState"><availability>3500</availability></state></category>'
            '</categories>') % index


def notify():
    boundary = "lab-boundary"
    rlmi = ('<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:alice@contoso.com" version="1" fullState="true">'
            + "".join('<resource uri="sip:user%02d@contoso.com"><instance id="0" state="active" cid="user%02d@contoso.com"/></resource>' % (i, i) for i in range(12))
            + "</list>")
    body = "--%s\r\nContent-Type: application/rlmi+xml\r\nContent-ID: <resourceList>\r\n\r\n%s\r\n" % (boundary, rlmi)
    for index in range(12):
        body += "--%s\r\nContent-Type: application/msrtc-event-categories+xml\r\nContent-ID: <user%02d@contoso.com>\r\n\r\n%s\r\n" % (boundary, index, categories(index))
    body += "--%s--\r\n" % boundary
    headers = ["NOTIFY sip:alice@contoso.com;opaque=user:epid:lab;gruu SIP/2.0",
               "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKfragmented1", "Max-Forwards: 70",
               "From: <sip:alice@contoso.com>;tag=fe-fragmented", "To: <sip:alice@contoso.com>;tag=alice-fragmented",
               "Call-ID: fragmented-notify-1", "CSeq: 7 NOTIFY", "Event: presence", "Subscription-State: active;expires=3600",
               'Content-Type: multipart/related; type="application/rlmi+xml";start=resourceList;boundary=%s' % boundary,
               "Content-Length: %d" % len(body.encode())]
    return ("\r\n".join(headers) + "\r\n\r\n" + body).encode()


def main():
    role = sys.argv[1]
    if role == "receive":
        server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        server.bind(SERVER)
        server.settimeout(10)
        data, peer = server.recvfrom(65535)
        lines = data.split(b"\r\n")
        keep = [l for l in lines if l.split(b":")[0] in (b"Via", b"From", b"To", b"Call-ID", b"CSeq")]
        server.sendto(b"SIP/2.0 200 OK\r\n" + b"\r\n".join(keep) + b"\r\nContent-Length: 0\r\n\r\n", peer)
        return 0
    client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    client.setsockopt(socket.IPPROTO_IP, 10, 0)   # IP_MTU_DISCOVER = IP_PMTUDISC_DONT: let the kernel fragment
    client.bind(CLIENT)
    client.settimeout(10)
    message = notify()
    assert len(message) > 4000, len(message)
    client.sendto(message, SERVER)
    answer, _ = client.recvfrom(65535)
    if len(sys.argv) > 2:
        with open(sys.argv[2], "wb") as log:
            log.write(message + b"\0" + answer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
