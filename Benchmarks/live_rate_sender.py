#!/usr/bin/env python3
"""Sends SIP MESSAGE requests over UDP on loopback at a steady rate, for the live-capture
benchmark. Usage: live_rate_sender.py RATE SECONDS [PORT]. Bounded: stops after SECONDS."""
import socket
import sys
import time


def main():
    rate, seconds = int(sys.argv[1]), float(sys.argv[2])
    port = int(sys.argv[3]) if len(sys.argv) > 3 else 5090
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sender.bind(("127.0.0.41", 0))
    sent = 0
    start = time.time()
    batch = max(1, rate // 100)
    while time.time() - start < seconds:
        for _ in range(batch):
            call = "bench-%d" % sent
            message = ("MESSAGE sip:bob@contoso.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.41:5090;branch=z9hG4bK%d\r\n"
                       "From: <sip:alice@contoso.com>;tag=a%d\r\nTo: <sip:bob@contoso.com>\r\nCall-ID: %s\r\nCSeq: 1 MESSAGE\r\n"
                       "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello") % (sent, sent, call)
            sender.sendto(message.encode(), ("127.0.0.42", port))
            sent += 1
        # Keep to the rate: sleep until the next batch is due.
        due = start + sent / rate
        delay = due - time.time()
        if delay > 0:
            time.sleep(delay)
    elapsed = time.time() - start
    print("sent %d messages in %.2f s (%.0f/s)" % (sent, elapsed, sent / elapsed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
