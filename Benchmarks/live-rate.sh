#!/usr/bin/env bash
# Measures the SIP message rate `sipladder live` sustains on loopback without kernel drops:
# for each rate, a Python sender sends SIP MESSAGEs over UDP for 5 s while live captures
# them; the summary's kernel drops and message count are reported. Needs root.
# Usage: Benchmarks/live-rate.sh [RATE...]   (default 5000 10000 20000 40000)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product sipladder >/dev/null
binary=.build/release/sipladder
printf "%-10s %-12s %-14s %-14s %-12s\n" rate sent captured "kernel drops" "queue drops"
for rate in ${@:-5000 10000 20000 40000}; do
    err=$(mktemp)
    "$binary" live -i lo -f "udp and dst port 5090" --format jsonl --idle 2 > /dev/null 2> "$err" &
    live=$!
    sleep 1
    sent=$(python3 Benchmarks/live_rate_sender.py "$rate" 5 | awk '{print $2}')
    sleep 3
    kill -INT "$live"; wait "$live" || true
    summary=$(tail -1 "$err")
    captured=$(echo "$summary" | sed -E 's/.*, ([0-9]+) SIP messages.*/\1/')
    drops=$(echo "$summary" | sed -E 's/.*dropped by the kernel ([0-9]+).*/\1/')
    queued=$(echo "$summary" | grep -oE "full queue [0-9]+" | grep -oE "[0-9]+" || echo 0)
    printf "%-10s %-12s %-14s %-14s %-12s\n" "$rate/s" "$sent" "$captured" "$drops" "$queued"
    rm -f "$err"
done
