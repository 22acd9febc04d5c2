#!/usr/bin/env python3
"""Seed corpora for the fuzz harnesses, cut from the captures in Captures/:
  seeds.py HARNESS OUT_DIR
pipeline: the capture files; sip: every SIP datagram and TCP payload; xml: each SIP body
after its Content-Type line; tls/http: each TCP connection's client and server bytes in the
harness's layout; tcp: each TCP capture's segments in the harness's layout."""
import os
import re
import shutil
import struct
import sys

CAPTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Captures")


def packets(path):
    """(src, sport, dst, dport, protocol, tcp flags, seq, payload) of the IPv4 packets of an Ethernet pcap."""
    data = open(path, "rb").read()
    if struct.unpack("<I", data[:4])[0] != 0xA1B2C3D4 or struct.unpack("<I", data[20:24])[0] != 1:
        return
    offset = 24
    while offset + 16 <= len(data):
        caplen = struct.unpack("<I", data[offset + 8:offset + 12])[0]
        frame = data[offset + 16:offset + 16 + caplen]
        offset += 16 + caplen
        if len(frame) < 34 or frame[12:14] != b"\x08\x00":
            continue
        ip = frame[14:]
        header, total, protocol = (ip[0] & 15) * 4, struct.unpack("!H", ip[2:4])[0], ip[9]
        segment = ip[header:total]
        sport, dport = struct.unpack("!HH", segment[:4])
        if protocol == 17:
            yield ip[12:16], sport, ip[16:20], dport, "udp", 0, 0, segment[8:]
        elif protocol == 6:
            flags, seq = segment[13], struct.unpack("!I", segment[4:8])[0]
            yield ip[12:16], sport, ip[16:20], dport, "tcp", flags, seq, segment[(segment[12] >> 4) * 4:]


def captures():
    return sorted(os.path.join(CAPTURES, name) for name in os.listdir(CAPTURES) if name.endswith(".pcap"))


def streams(path, ports):
    """Client and server bytes of each TCP connection to one of `ports`, in capture order."""
    connections = {}
    for src, sport, dst, dport, protocol, flags, seq, payload in packets(path):
        if protocol != "tcp" or not payload or (sport not in ports and dport not in ports):
            continue
        key = (src, sport, dst, dport) if dport in ports else (dst, dport, src, sport)
        client, server = connections.setdefault(key, [b"", b""])
        connections[key][0 if dport in ports else 1] += payload
    return connections.values()


def main():
    harness, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    seeds = []
    for path in captures():
        name = os.path.basename(path)[:-5]
        if harness == "pipeline":
            shutil.copy(path, os.path.join(out, name + ".pcap"))
        elif harness in ("sip", "xml"):
            for number, (*_, payload) in enumerate(packets(path)):
                if not re.match(rb"^([A-Z]+ \S+ SIP/2\.0|SIP/2\.0 \d{3})", payload):
                    continue
                if harness == "sip":
                    seeds.append((f"{name}-{number}", b"\x40\x08\x80\xff" + payload))
                    continue
                head, _, body = payload.partition(b"\r\n\r\n")
                kind = re.search(rb"(?im)^(?:content-type|c)\s*:\s*(.+?)\r?$", head)
                if kind and body:
                    seeds.append((f"{name}-{number}", kind.group(1) + b"\n" + body))
        elif harness in ("tls", "http"):
            ports = {443, 8443, 5061} if harness == "tls" else {80, 8080}
            for number, (client, server) in enumerate(streams(path, ports)):
                client = client[:65535]
                seeds.append((f"{name}-{number}", struct.pack("!HB", len(client), 200) + client + server))
        elif harness == "tcp":
            lanes, seed = {}, b""
            for src, sport, dst, dport, protocol, flags, seq, payload in packets(path):
                if protocol != "tcp":
                    continue
                flow = tuple(sorted([(src, sport), (dst, dport)]))
                lane = lanes.setdefault(flow, 2 * (len(lanes) % 4)) + (0 if (src, sport) == flow[0] else 1)
                control = lane | (0x08 if flags & 2 else 0) | (0x10 if flags & 1 else 0) \
                    | (0x20 if flags & 4 else 0) | (0x40 if flags & 16 else 0)
                for start in range(0, max(1, len(payload)), 255):
                    piece = payload[start:start + 255]
                    seed += bytes([control]) + struct.pack("!I", (seq + start) | 0x80000000) + bytes([len(piece)]) + piece
            if seed:
                seeds.append((name, seed))
    for name, data in seeds:
        with open(os.path.join(out, name), "wb") as file:
            file.write(data)


if __name__ == "__main__":
    main()
