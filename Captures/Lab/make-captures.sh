#!/usr/bin/env bash
# Regenerates every lab capture in Captures/ from real programs talking on loopback.
# Needs root (tcpdump), sipp (Debian: sip-tester), python3, curl and openssl. Not run by
# CI: the captures it writes are committed, and the tests read those.
# Usage: make-captures.sh [all|sip|web]
set -euo pipefail
lab="$(cd "$(dirname "$0")" && pwd)"
out="$(cd "$lab/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Records everything on lo matching FILTER into OUT while COMMAND runs.
record() {
    local out_file="$1" filter="$2"; shift 2
    tcpdump -i lo -U -s 0 -w "$out_file" "$filter" 2>/dev/null &
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
    local transport="$1"
    (cd "$work" && timeout 30 sipp -sn uas -i 127.0.0.2 -p 5060 -t "$transport" -m 1 -nostdin >/dev/null 2>&1) &
    local uas=$!
    sleep 0.5
    (cd "$work" && timeout 30 sipp -sn uac 127.0.0.2:5060 -i 127.0.0.1 -p 5070 -t "$transport" -m 1 -s bob -d 500 -nostdin >/dev/null 2>&1)
    # The TCP uas counts the uac's closing of the connection as a failed call: the
    # messages are all there (the tests check them), so its status is not fatal.
    wait "$uas" || true
}

if [ "${1:-all}" = all ] || [ "$1" = sip ]; then
record "$out/sipp-call-udp.pcap" "host 127.0.0.2" sipp_call u1
record "$out/sipp-call-tcp.pcap" "host 127.0.0.2" sipp_call t1
record "$out/tcp-split-and-batched.pcap" "host 127.0.0.4" timeout 30 python3 "$lab/tcp_split_peer.py"
fi

# The chat-room file web service over cleartext HTTP: one curl connection per SOAP call.
chat_files_http() {
    python3 "$lab/chat_file_service.py" --address 127.0.0.5 --port 8080 --requests 7 &
    local service=$!
    sleep 0.5
    "$lab/chat_file_client.sh" http://127.0.0.5:8080
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
    SSLKEYLOGFILE="$out/chat-file-service-https.keys" "$lab/chat_file_client.sh" https://pool01.contoso.com:8443 \
        --resolve pool01.contoso.com:8443:127.0.0.5 --cacert "$work/pool.crt" --tlsv1.2 --tls-max 1.2
    wait "$service"
}

if [ "${1:-all}" = all ] || [ "$1" = web ]; then
record "$out/chat-file-service-http.pcap" "host 127.0.0.5 and tcp port 8080" chat_files_http
record "$out/chat-file-service-https.pcap" "host 127.0.0.5 and tcp port 8443" chat_files_https
fi
