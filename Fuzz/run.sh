#!/usr/bin/env bash
# Runs one libFuzzer harness for a while: Fuzz/run.sh HARNESS [SECONDS] [PROCESSES]
# Harnesses: pipeline sip tcp xml tls http. Builds the fuzzer (release, -sanitize=fuzzer,address),
# seeds the corpus from Captures/ on first use, and keeps the corpus in Fuzz/.work/HARNESS/corpus.
# A crash, hang (> 10 s) or memory blow-up (> 2 GiB) is written to Fuzz/.work/HARNESS/findings/
# and fuzzing goes on (fork mode), so one run collects every finding;
# copy it to Tests/FuzzHarnessesTests/Findings/HARNESS/ so the tests replay it from then on.
set -euo pipefail
cd "$(dirname "$0")"
harness=${1:?usage: Fuzz/run.sh pipeline|sip|tcp|xml|tls|http [SECONDS] [PROCESSES]}
seconds=${2:-600}
processes=${3:-1}
case "$harness" in
    pipeline) max_len=262144 ;;
    tls) max_len=131072 ;;
    *) max_len=65536 ;;
esac
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld >&2
work=.work/$harness
mkdir -p "$work/corpus" "$work/findings"
if [ ! -d "$work/seeds" ]; then python3 seeds.py "$harness" "$work/seeds"; fi
regressions=../Tests/FuzzHarnessesTests/Findings/$harness
mkdir -p "$regressions"
SIPLADDER_FUZZ_HARNESS=$harness .build/release/sipladder-fuzz \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -fork="$processes" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -print_final_stats=1 \
    -artifact_prefix="$work/findings/" "$work/corpus" "$work/seeds" "$regressions"
