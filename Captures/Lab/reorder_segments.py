#!/usr/bin/env python3
"""Rewrites a real TCP capture with scapy into the hard cases a busy network produces:
two of the client's data segments swapped (out of order), one sent again whole (exact
retransmission) and one sent again in part (partial retransmission). Nothing else
changes. Usage: reorder_segments.py IN.pcap OUT.pcap CLIENT-ADDRESS"""
import sys

from scapy.all import IP, TCP, Raw, rdpcap, wrpcap


def main():
    source, target, client = sys.argv[1], sys.argv[2], sys.argv[3]
    packets = list(rdpcap(source))
    data = [i for i, p in enumerate(packets) if IP in p and TCP in p and p[IP].src == client and len(p[TCP].payload) > 0]
    first, second = data[1], data[2]
    # Out of order: the second segment is seen before the first; times stay increasing.
    packets[first].time, packets[second].time = packets[second].time, packets[first].time
    packets[first], packets[second] = packets[second], packets[first]
    # Exact retransmission of a later segment, right after it.
    resent = packets[data[3]].copy()
    resent.time = packets[data[3]].time
    # Partial retransmission: the first half of the next segment's bytes again.
    partial = packets[data[4]].copy()
    payload = bytes(partial[TCP].payload)
    partial[TCP].remove_payload()
    partial = partial / Raw(payload[: len(payload) // 2])
    del partial[IP].len, partial[IP].chksum, partial[TCP].chksum
    partial.time = packets[data[4]].time
    packets.insert(data[4] + 1, partial)
    packets.insert(data[3] + 1, resent)
    wrpcap(target, packets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
