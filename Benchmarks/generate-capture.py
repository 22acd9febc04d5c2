#!/usr/bin/env python3
"""Builds a large capture, reproducibly, from the lab's captures — a front-end server's day.

Every SIP scenario in Captures/ (registration, presence, contacts, IM over UDP and TCP,
file transfer, chat rooms, SIPp calls, the day in the life) is replicated thousands of
times: each copy gets its own client addresses and ports, users, Call-IDs, tags, branches
and endpoint ids (rewritten at the same length, so Content-Length and TCP sequence
numbers stay right), and starts at its own time so that copies interleave. Background
traffic — the lab's HTTPS connections replicated, long-lived TLS connections carrying
small records, DNS-like UDP queries and answers — makes up a little over half the packets (63 %).

  generate-capture.py --size 1G -o /tmp/big.pcap [--seed 1] [--spacing 1.0] [--captures Captures]

A new copy starts every --spacing seconds on average (1 s: about 3,600 user actions an
hour, so 250 MB spans 2.7 hours, 1 GB a working day of 10.6 hours, 2 GB 21 hours): the
traffic rate, and so what is open at any moment, is the same whatever the size. The same
size, seed and spacing give the same file, byte for byte.
"""
import argparse
import heapq
import os
import random
import re
import struct
import sys
import zlib

SIP_TEMPLATES = [
    "registration", "presence-publish", "presence-batch-subscribe", "add-contact-internal",
    "add-contact-federated", "send-message-udp", "send-message-tcp", "failed-message",
    "file-transfer-p2p", "file-transfer-p2p-cancelled", "file-transfer-legacy", "chat-room",
    "sipp-call-udp", "sipp-call-tcp", "day-in-the-life", "tcp-split-and-batched",
]
HTTPS_TEMPLATE = "chat-file-service-https"
# Lab addresses that stay shared by every copy: the front end, the chat server, SIPp's peer.
SERVER_HOSTS = {10, 20}
BACKGROUND_SHARE = 0.63
START_SECONDS = 1_767_225_600  # 2026-01-01T00:00:00Z
ETHERNET = bytes.fromhex("02000000000102000000000208 00".replace(" ", ""))

# Values that identify a dialog, transaction or endpoint; rewritten per copy.
TOKEN = re.compile(rb"(?:branch=z9hG4bK|tag=|epid=|Call-ID: |\ni: |opaque=user:epid:|"
                   rb"Conversation-ID: )([0-9A-Za-z\-]{4,})")
USER = re.compile(rb"(alice|bob|carol)@")
BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


class TemplatePacket:
    """One IPv4 UDP or TCP packet of a template, with where its payload's tokens lie."""
    __slots__ = ("time", "src", "dst", "protocol", "sport", "dport", "tcp_rest", "pieces")

    def __init__(self, time, src, dst, protocol, sport, dport, tcp_rest, payload, tokens):
        self.time, self.src, self.dst, self.protocol = time, src, dst, protocol
        self.sport, self.dport, self.tcp_rest = sport, dport, tcp_rest
        # Literal bytes alternating with token numbers: filled in per copy.
        self.pieces, cursor = [], 0
        spans = sorted([(m.start(1), m.end(1)) for m in TOKEN.finditer(payload)] +
                       [(m.start(1), m.end(1)) for m in USER.finditer(payload)])
        for start, end in spans:
            self.pieces.append(payload[cursor:start])
            self.pieces.append(tokens.setdefault(payload[start:end], len(tokens)))
            cursor = end
        self.pieces.append(payload[cursor:])


def read_template(path):
    """The IPv4 UDP/TCP packets of a pcap (Ethernet), times relative to its first packet."""
    data = open(path, "rb").read()
    if struct.unpack("<I", data[:4])[0] != 0xA1B2C3D4 or struct.unpack("<I", data[20:24])[0] != 1:
        return None, None
    packets, tokens, offset, first = [], {}, 24, None
    while offset + 16 <= len(data):
        seconds, micros, caplen, _ = struct.unpack("<IIII", data[offset:offset + 16])
        frame = data[offset + 16:offset + 16 + caplen]
        offset += 16 + caplen
        time = seconds + micros / 1e6
        first = time if first is None else first
        if len(frame) < 34 or frame[12:14] != b"\x08\x00":
            continue
        ip = frame[14:]
        header_length, total = (ip[0] & 0x0F) * 4, struct.unpack("!H", ip[2:4])[0]
        if struct.unpack("!H", ip[6:8])[0] & 0x3FFF:  # fragments are left out
            continue
        protocol, src, dst = ip[9], ip[12:16], ip[16:20]
        segment = ip[header_length:total]
        sport, dport = struct.unpack("!HH", segment[:4])
        if protocol == 17:
            rest, payload = b"", segment[8:]
        elif protocol == 6:
            data_offset = (segment[12] >> 4) * 4
            rest, payload = segment[4:data_offset], segment[data_offset:]
        else:
            continue
        packets.append(TemplatePacket(time - first, src, dst, protocol, sport, dport, rest,
                                      payload, tokens))
    return packets, sorted(tokens, key=tokens.get)


def checksum(header):
    total = sum(struct.unpack("!10H", header))
    total = (total & 0xFFFF) + (total >> 16)
    return ~((total & 0xFFFF) + (total >> 16)) & 0xFFFF


def ipv4_packet(src, dst, protocol, l4, ident):
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), ident & 0xFFFF, 0x4000, 64,
                         protocol, 0, src, dst)
    return ETHERNET + header[:10] + struct.pack("!H", checksum(header)) + header[12:] + l4


def base36(number, width):
    digits = []
    for _ in range(width):
        number, digit = divmod(number, 36)
        digits.append(BASE36[digit])
    return "".join(reversed(digits))


def replacement(value, copy):
    """The same-length stand-in for a token in one copy."""
    text = value.decode()
    if text in ("alice", "carol"):
        return (text[0] + base36(copy, 4)).encode()
    if text == "bob":
        return base36(copy, 3).encode()
    width = min(6, len(text))
    suffix = format((zlib.crc32(value) + copy * 2654435761) % (16 ** width), f"0{width}x")
    if text.isupper() or (text.isalnum() and text.upper() == text):
        suffix = suffix.upper()
    return (text[:-width] + suffix).encode()


class Copy:
    """One replicated template: its packets, retimed and readdressed, in time order."""

    def __init__(self, template, copy, start, ident):
        self.packets, self.tokens = template
        self.copy, self.start, self.ident = copy, start, ident
        self.filled = [replacement(token, copy) for token in self.tokens]
        high, low = (copy >> 8) % 250 + 1, copy & 0xFF
        self.port_shift = (copy * 7919) % 20000

        def address(lab):
            host = lab[3]
            return bytes((10, 255, 0, host)) if host in SERVER_HOSTS else bytes((10, high, low, host))
        self.address = address

    def port(self, port):
        return port if port < 1024 or port in (5060, 5061, 5090) else 20000 + (port + self.port_shift) % 40000

    def frames(self):
        for number, packet in enumerate(self.packets):
            payload = b"".join(piece if isinstance(piece, bytes) else self.filled[piece]
                               for piece in packet.pieces)
            ports = struct.pack("!HH", self.port(packet.sport), self.port(packet.dport))
            if packet.protocol == 17:
                l4 = ports + struct.pack("!HH", 8 + len(payload), 0) + payload
            else:
                l4 = ports + packet.tcp_rest + payload
            yield (self.start + packet.time,
                   ipv4_packet(self.address(packet.src), self.address(packet.dst), packet.protocol,
                               l4, self.ident + number))


class DNSExchange:
    """A DNS-like query and its answer."""

    def __init__(self, rng, copy, start):
        self.start, self.copy = start, copy
        self.query_id, self.port = rng.randrange(65536), 1024 + rng.randrange(60000)
        self.name = f"host{copy % 9973}.contoso.com".encode()

    def frames(self):
        client, server = bytes((10, 254, (self.copy >> 8) & 0xFF, self.copy & 0xFF)), bytes((10, 255, 0, 53))
        qname = b"".join(bytes((len(label),)) + label for label in self.name.split(b".")) + b"\x00"
        query = struct.pack("!HHHHHH", self.query_id, 0x0100, 1, 0, 0, 0) + qname + b"\x00\x01\x00\x01"
        answer = (struct.pack("!HHHHHH", self.query_id, 0x8180, 1, 1, 0, 0) + qname + b"\x00\x01\x00\x01"
                  + b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x0e\x10\x00\x04" + bytes((10, 255, 1, self.copy % 250)))
        for offset, (src, dst, sport, dport, body) in enumerate(
                ((client, server, self.port, 53, query), (server, client, 53, self.port, answer))):
            udp = struct.pack("!HHHH", sport, dport, 8 + len(body), 0) + body
            yield self.start + offset * 0.0004, ipv4_packet(src, dst, 17, udp, self.copy + offset)


class TLSKeepAlive:
    """Records on an established TLS connection (its handshake happened before the capture)."""

    def __init__(self, rng, copy, start):
        self.start, self.copy, self.rng = start, copy, rng
        self.records = 6 + rng.randrange(10)
        self.port = 1024 + rng.randrange(60000)

    def frames(self):
        client = bytes((10, 253, (self.copy >> 8) & 0xFF, self.copy & 0xFF))
        server = bytes((10, 255, 0, 30 + self.copy % 8))
        sequence = {True: self.rng.randrange(1 << 32), False: self.rng.randrange(1 << 32)}
        time = self.start
        for number in range(self.records * 2):
            from_client = number % 2 == 0
            size = 29 + self.rng.randrange(30)
            body = b"\x17\x03\x03" + struct.pack("!H", size) + bytes(
                self.rng.getrandbits(8) for _ in range(size)) if number % 4 < 2 else b""
            src, dst = (client, server) if from_client else (server, client)
            sport, dport = (self.port, 443) if from_client else (443, self.port)
            tcp = (struct.pack("!HHIIBBHHH", sport, dport, sequence[from_client],
                               sequence[not from_client], 0x50, 0x18 if body else 0x10, 502, 0, 0) + body)
            sequence[from_client] = (sequence[from_client] + len(body)) % (1 << 32)
            time += 0.002 + self.rng.random() * 0.05
            yield time, ipv4_packet(src, dst, 6, tcp, self.copy + number)


def parse_size(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(float(text[:-1]) * units[text[-1].upper()]) if text[-1].upper() in units else int(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=parse_size, required=True, help="bytes to write, e.g. 250M, 1G")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--spacing", type=float, default=1.0,
                        help="mean seconds between the starts of two scenario copies (default 1)")
    parser.add_argument("--captures", default=os.path.join(os.path.dirname(__file__), "..", "Captures"))
    parser.add_argument("-o", "--output", required=True)
    options = parser.parse_args()

    templates = [read_template(os.path.join(options.captures, name + ".pcap")) for name in SIP_TEMPLATES]
    https = read_template(os.path.join(options.captures, HTTPS_TEMPLATE + ".pcap"))
    rng = random.Random(options.seed)
    spacing = options.spacing
    counts = {"packets": 0, "sip copies": 0, "background packets": 0}

    def starts():
        """Every replicated item, in start order: SIP copies, with background between them."""
        copy, time, background_packets, sip_packets = 0, 0.0, 0, 0
        while True:
            copy += 1
            time += spacing * (0.5 + rng.random())
            template = templates[rng.randrange(len(templates))]
            sip_packets += len(template[0])
            counts["sip copies"] += 1
            yield time, Copy(template, copy, time, copy * 4096)
            while background_packets < sip_packets * BACKGROUND_SHARE / (1 - BACKGROUND_SHARE):
                kind = rng.random()
                offset = time + rng.random() * spacing
                if kind < 0.005:
                    item = Copy(https, copy + 1_000_000, offset, copy * 4096 + 2048)
                    background_packets += len(https[0])
                elif kind < 0.35:
                    item = TLSKeepAlive(rng, copy, offset)
                    background_packets += item.records * 2
                else:
                    item = DNSExchange(rng, copy, offset)
                    background_packets += 2
                yield offset, item

    with open(options.output, "wb", buffering=1 << 22) as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        written, active, pending = 24, [], starts()
        upcoming, sequence, last = next(pending), 0, 0.0
        while written < options.size:
            # Start every item due before the earliest packet still to come.
            while not active or upcoming[0] <= active[0][0]:
                frames = upcoming[1].frames()
                first = next(frames, None)
                if first:
                    sequence += 1
                    heapq.heappush(active, (first[0], sequence, first[1], frames))
                upcoming = next(pending)
            time, order, frame, frames = heapq.heappop(active)
            time = last = max(time, last)  # background may start a little before a copy
            seconds = START_SECONDS + int(time)
            out.write(struct.pack("<IIII", seconds, int((time % 1) * 1e6), len(frame), len(frame)))
            out.write(frame)
            written += 16 + len(frame)
            counts["packets"] += 1
            following = next(frames, None)
            if following:
                heapq.heappush(active, (max(following[0], time), order, following[1], frames))
    print(f"{options.output}: {written} bytes, {counts['packets']} packets, "
          f"{counts['sip copies']} scenario copies started", file=sys.stderr)


if __name__ == "__main__":
    main()
