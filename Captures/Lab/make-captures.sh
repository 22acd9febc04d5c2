#!/usr/bin/env bash
# Regenerates every lab capture in Captures/ from real programs talking on loopback.
# Needs root (tcpdump), sipp (Debian: sip-tester), python3 with scapy, curl, openssl and iproute2. Not run by
# CI: the captures it writes are committed, and the tests read those.
# Usage: make-captures.sh [all|sip|web|lync|fragments]
set -euo pipefail
lab="$(cd "$(dirname "$0")" && pwd)"
out="$(cd "$lab/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Records everything on $IFACE (default lo) matching FILTER into OUT while COMMAND runs.
record() {
    local out_file="$1" filter="$2"; shift 2
    tcpdump -i "${IFACE:-lo}" -U -s 0 -w "$out_file" "$filter" 2>/dev/null &
    local recorder=$!
    trap 'kill -INT '"$recorder"' 2>/dev/null; rm -rf "$work"' EXIT
    sleep 1
    "$@"
    sleep 1
    trap 'rm -rf "$work"' EXIT
    kill -INT "$recorder"
    wait "$recorder" || true
    echo "wrote $out_file ($(stat -c %s "$out_file") bytes)"
}

# A SIPp call (built-in uac/uas scenarios: INVITE, 100, 180, 200, ACK, BYE, 200).
sipp_call() {
    local transport="$2"
    rm -f "$work"/*_messages.log
    (cd "$work" && timeout 30 sipp -sn uas -i 127.0.0.2 -p 5060 -t "$transport" -m 1 -nostdin -trace_msg >/dev/null 2>&1) &
    local uas=$!
    sleep 0.5
    (cd "$work" && timeout 30 sipp -sn uac 127.0.0.2:5060 -i 127.0.0.1 -p 5070 -t "$transport" -m 1 -s bob -d 500 -nostdin -trace_msg >/dev/null 2>&1)
    # The TCP uas counts the uac's closing of the connection as a failed call: the
    # messages are all there (the tests check them), so its status is not fatal.
    wait "$uas" || true
    python3 "$lab/truth.py" sipp "$1" "$work"/*_messages.log --scenario call:completed
}

if [ "${1:-all}" = all ] || [ "$1" = sip ]; then
record "$out/sipp-call-udp.pcap" "host 127.0.0.2" sipp_call "$out/sipp-call-udp.truth.json" u1
record "$out/sipp-call-tcp.pcap" "host 127.0.0.2" sipp_call "$out/sipp-call-tcp.truth.json" t1
record "$out/tcp-split-and-batched.pcap" "host 127.0.0.4" timeout 30 python3 "$lab/tcp_split_peer.py" "$work/split.raw"
python3 "$lab/truth.py" raw "$out/tcp-split-and-batched.truth.json" tcp "$work/split.raw" --scenario sip-transaction:completed
fi

# The chat-room file web service over cleartext HTTP: one curl connection per SOAP call.
chat_files_http() {
    python3 "$lab/chat_file_service.py" --address 127.0.0.5 --port 8080 --requests 7 &
    local service=$!
    sleep 0.5
    "$lab/chat_file_client.sh" http://127.0.0.5:8080 all
    wait "$service"
}

# The same over TLS 1.2 (so the certificate is visible), with the key log curl writes.
chat_files_https() {
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=pool01.contoso.com \
        -addext subjectAltName=DNS:pool01.contoso.com -keyout "$work/pool.key" -out "$work/pool.crt" 2>/dev/null
    python3 "$lab/chat_file_service.py" --address 127.0.0.5 --port 8443 --cert "$work/pool.crt" --key "$work/pool.key" --requests 7 &
    local service=$!
    sleep 0.5
    rm -f "$out/chat-file-service-https.keys"
    SSLKEYLOGFILE="$out/chat-file-service-https.keys" "$lab/chat_file_client.sh" https://pool01.contoso.com:8443 all \
        --resolve pool01.contoso.com:8443:127.0.0.5 --cacert "$work/pool.crt" --tlsv1.2 --tls-max 1.2
    wait "$service"
}

make_certificate() {
    [ -f "$work/pool.crt" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=pool01.contoso.com \
        -addext subjectAltName=DNS:pool01.contoso.com -keyout "$work/pool.key" -out "$work/pool.crt" 2>/dev/null
}

# A Lync scenario from lynclab/scenarios, written to NAME.pcap with NAME.truth.json beside it.
lync() {
    local name="$1" scenario="$2"
    make_certificate
    (cd "$lab" && LAB_CERT="$work/pool.crt" LAB_KEY="$work/pool.key" timeout 120 \
        python3 -m lynclab.conductor "$scenario" --truth "$out/$name.truth.json" ${3:+--keylog "$3"})
}

lync_capture() {
    local name="$1" scenario="$2" filter="${3:-net 127.0.0.0/24 and (port 5060 or port 5061)}"
    local keylog=""
    case "$scenario" in *tls*) keylog="$out/$name.keys"; rm -f "$keylog";; esac
    record "$out/$name.pcap" "$filter" lync "$name" "$scenario" "$keylog"
}

# A chat-room file transfer: the XCCOS token exchange, the HTTPS calls to the service
# it names (from Alice's address), then the rest of the SIP dialog.
chat_file() {
    local name="$1" direction="$2"
    make_certificate
    python3 "$lab/chat_file_service.py" --address 127.0.0.5 --port 8443 --cert "$work/pool.crt" --key "$work/pool.key" \
        --requests $([ "$direction" = upload ] && echo 5 || echo 2) &
    local service=$!
    lync "$name.1" "chat_file_${direction}_1"
    rm -f "$out/$name.keys"
    CLIENT_ADDRESS=127.0.0.11 SSLKEYLOGFILE="$out/$name.keys" "$lab/chat_file_client.sh" https://pool01.contoso.com:8443 "$direction" \
        --resolve pool01.contoso.com:8443:127.0.0.5 --cacert "$work/pool.crt"
    wait "$service"
    lync "$name.2" "chat_file_${direction}_2"
    python3 - "$out/$name" <<'PY'
import json, os, sys
base = sys.argv[1]
first, second = (json.load(open("%s.%d.truth.json" % (base, part))) for part in (1, 2))
first["messages"] += second["messages"]
json.dump(first, open(base + ".truth.json", "w"), indent=1, sort_keys=True)
open(base + ".truth.json", "a").write("\n")
for part in (1, 2):
    os.remove("%s.%d.truth.json" % (base, part))
PY
}

if [ "${1:-all}" = all ] || [ "$1" = lync ]; then
lync_capture registration registration
lync_capture presence-publish presence_publish
lync_capture presence-batch-subscribe batch_subscribe
lync_capture add-contact-internal add_contact_internal
lync_capture add-contact-federated add_contact_federated
lync_capture send-message-udp send_message_udp
lync_capture send-message-tcp send_message_tcp
lync_capture send-message-tls send_message_tls
lync_capture send-message-ipv6 send_message_ipv6 "ip6 and udp and portrange 5060-5500"
lync_capture failed-message failed_message
lync_capture file-transfer-p2p file_transfer_p2p
lync_capture file-transfer-p2p-cancelled file_transfer_p2p_cancelled
lync_capture file-transfer-legacy file_transfer_legacy
lync_capture chat-room chat_room
lync_capture day-in-the-life day_in_the_life
# The TCP conversation rewritten with scapy: segments out of order, retransmitted whole and in part.
python3 "$lab/reorder_segments.py" "$out/send-message-tcp.pcap" "$out/send-message-tcp-reordered.pcap" 127.0.0.11
cp "$out/send-message-tcp.truth.json" "$out/send-message-tcp-reordered.truth.json"
# The same IM recorded on Linux's `any` pseudo-interface: Linux cooked link headers.
IFACE=any lync_capture send-message-any send_message_udp
record "$out/chat-room-file-upload.pcap" "host 127.0.0.10 or host 127.0.0.11 or host 127.0.0.20 or host 127.0.0.5" chat_file chat-room-file-upload upload
record "$out/chat-room-file-download.pcap" "host 127.0.0.10 or host 127.0.0.11 or host 127.0.0.20 or host 127.0.0.5" chat_file chat-room-file-download download
fi

# A NOTIFY larger than the MTU, fragmented by the kernel: two network namespaces joined
# by a veth pair with a 1500-byte MTU, addresses private to them, removed afterwards.
fragmented_notify() {
    ip netns add sipladder-a && ip netns add sipladder-b
    trap 'ip netns del sipladder-a 2>/dev/null; ip netns del sipladder-b 2>/dev/null; rm -rf "$work"' EXIT
    ip link add sl-veth-a type veth peer name sl-veth-b
    ip link set sl-veth-a netns sipladder-a && ip link set sl-veth-b netns sipladder-b
    ip -n sipladder-a addr add 192.0.2.1/24 dev sl-veth-a && ip -n sipladder-b addr add 192.0.2.2/24 dev sl-veth-b
    ip -n sipladder-a link set sl-veth-a up mtu 1500 && ip -n sipladder-b link set sl-veth-b up mtu 1500
    ip netns exec sipladder-b tcpdump -i sl-veth-b -U -s 0 -w "$out/presence-notify-fragmented.pcap" udp 2>/dev/null &
    local recorder=$!
    sleep 1
    ip netns exec sipladder-b timeout 20 python3 "$lab/fragmented_notify.py" receive &
    local receiver=$!
    sleep 0.5
    ip netns exec sipladder-a timeout 20 python3 "$lab/fragmented_notify.py" send "$work/fragmented.raw"
    wait "$receiver"
    sleep 1
    kill -INT "$recorder"; wait "$recorder" || true
    ip netns del sipladder-a; ip netns del sipladder-b
    python3 "$lab/truth.py" raw "$out/presence-notify-fragmented.truth.json" udp "$work/fragmented.raw" --scenario sip-dialog:completed
    echo "wrote $out/presence-notify-fragmented.pcap ($(stat -c %s "$out/presence-notify-fragmented.pcap") bytes)"
}

if [ "${1:-all}" = all ] || [ "$1" = fragments ]; then
fragmented_notify
fi

if [ "${1:-all}" = all ] || [ "$1" = web ]; then
record "$out/chat-file-service-http.pcap" "host 127.0.0.5 and tcp port 8080" chat_files_http
record "$out/chat-file-service-https.pcap" "host 127.0.0.5 and tcp port 8443" chat_files_https
fi
