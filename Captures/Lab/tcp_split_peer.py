#!/usr/bin/env python3
"""SIP over TCP with real sockets, shaped to exercise stream framing:
one send() carrying two SIP messages, and one message split over three sends
in the middle of a header line. Client 127.0.0.3, server 127.0.0.4:5060.
Every socket has a timeout, every loop a bound; both ends stop by themselves."""
import socket
import sys
import threading
import time

SENT = []
LOCK = threading.Lock()


def remember(message):
    """Keeps what was sent, in order, for the ground-truth file."""
    with LOCK:
        SENT.append(message)

SERVER = ("127.0.0.4", 5060)
CLIENT_ADDRESS = ("127.0.0.3", 0)


def request(method, cseq, call_id="split-1@127.0.0.3", body=""):
    headers = [
        f"{method} sip:bob@127.0.0.4:5060;transport=tcp SIP/2.0",
        "Via: SIP/2.0/TCP 127.0.0.3:5060;branch=z9hG4bK-split-%d" % cseq,
        "Max-Forwards: 70",
        "From: <sip:alice@127.0.0.3>;tag=alice1",
        "To: <sip:bob@127.0.0.4>",
        f"Call-ID: {call_id}",
        f"CSeq: {cseq} {method}",
        "Contact: <sip:alice@127.0.0.3:5060;transport=tcp>",
        "User-Agent: sipladder-lab",
    ]
    if body:
        headers.append("Content-Type: text/plain")
    headers.append(f"Content-Length: {len(body.encode())}")
    return ("\r\n".join(headers) + "\r\n\r\n" + body).encode()


def answer(message):
    lines = message.split(b"\r\n")
    keep = [l for l in lines if l.split(b":")[0].lower() in (b"via", b"from", b"to", b"call-id", b"cseq")]
    return b"SIP/2.0 200 OK\r\n" + b"\r\n".join(keep) + b"\r\nContent-Length: 0\r\n\r\n"


def serve(listener, expected):
    connection, _ = listener.accept()
    connection.settimeout(5)
    buffer = b""
    answered = 0
    deadline = time.time() + 10
    while answered < expected and time.time() < deadline:
        chunk = connection.recv(65536)
        if not chunk:
            break
        buffer += chunk
        # RFC 5626 §3.5.1: a double-CRLF ping is answered with a single-CRLF pong.
        while buffer.startswith(b"\r\n\r\n"):
            buffer = buffer[4:]
            connection.sendall(b"\r\n")
        while b"\r\n\r\n" in buffer:
            head, rest = buffer.split(b"\r\n\r\n", 1)
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if len(rest) < length:
                break
            message, buffer = head + b"\r\n\r\n" + rest[:length], rest[length:]
            reply = answer(message)
            remember(reply)
            connection.sendall(reply)
            answered += 1
    time.sleep(0.2)
    connection.close()


def main():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(SERVER)
    listener.listen(1)
    listener.settimeout(5)
    server = threading.Thread(target=serve, args=(listener, 4))
    server.start()

    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    client.settimeout(5)
    client.bind(CLIENT_ADDRESS)
    client.connect(SERVER)
    # Two messages in one send: one TCP segment carries both.
    first, second = request("OPTIONS", 1), request("MESSAGE", 2, body="batched with the OPTIONS")
    remember(first)
    remember(second)
    client.sendall(first + second)
    time.sleep(0.2)
    # One message over three sends, cut in the middle of header lines.
    message = request("MESSAGE", 3, body="split over three segments")
    remember(message)
    cuts = [message.index(b"From:") + 7, message.index(b"CSeq:") + 3]
    for part in (message[:cuts[0]], message[cuts[0]:cuts[1]], message[cuts[1]:]):
        client.sendall(part)
        time.sleep(0.1)
    # Keep-alive ping (double CRLF, answered by a CRLF pong), then a last request.
    client.sendall(b"\r\n\r\n")
    time.sleep(0.1)
    bye = request("BYE", 4)
    remember(bye)
    client.sendall(bye)
    time.sleep(0.5)
    client.close()
    server.join(timeout=10)
    listener.close()
    if len(sys.argv) > 1:
        with open(sys.argv[1], "wb") as log:
            log.write(b"\0".join(SENT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
