#!/usr/bin/env bash
# Capture -> payload images throughput, side by side with tcpdump (read + write to /dev/null, the
# floor for any reader) and the Python dpkt peer, plus peak memory on 1x and 10x captures.
#   scripts/bench_extract.sh            (BUILD_DIR=build, REPEAT=3, COPIES=10)
# Builds /tmp/bench.pcap (and /tmp/bench1.pcap, one copy) with ../shared/peers/make_bench_capture.sh
# when missing. Times are the best of REPEAT runs (wall clock, seconds); RSS is /usr/bin/time's peak.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
REPEAT=${REPEAT:-3}
COPIES=${COPIES:-10}
PEERS=${PEERS:-$(cd .. && pwd)/shared/peers}
BIG=${BIG:-/tmp/bench.pcap}
ONE=${ONE:-/tmp/bench1.pcap}
OURS=$BUILD_DIR/bench/flowcnn-extract-bench

[ -x "$OURS" ] || cmake --build "$BUILD_DIR" --target flowcnn-extract-bench
[ -f "$BIG" ] || "$PEERS/make_bench_capture.sh" "$BIG" "$COPIES"
[ -f "$ONE" ] || "$PEERS/make_bench_capture.sh" "$ONE" 1

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# best_of NAME CMD...: prints "seconds peak_rss_kb" of the fastest run
best_of() {
    local best="" rss="" i out
    for ((i = 0; i < REPEAT; i++)); do
        /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >"$tmp/out" 2>/dev/null
        read -r out r <"$tmp/time"
        if [ -z "$best" ] || awk "BEGIN{exit !($out < $best)}"; then best=$out; rss=$r; fi
    done
    echo "$best $rss"
}

export TZ=UTC LC_ALL=C
packets=$(capinfos -c -M "$BIG" 2>/dev/null | awk '/Number of packets/ {print $NF}')
echo "capture: $BIG ($packets packets, $(du -h "$BIG" | cut -f1)); best of $REPEAT runs; $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"

read -r t_tcpdump m_tcpdump < <(best_of tcpdump -r "$BIG" -w /dev/null)
read -r t_ours m_ours < <(best_of "$OURS" "$BIG" "$tmp/ours.bin")
cp "$tmp/out" "$tmp/ours.json"
read -r t_peer m_peer < <(REPEAT=1 best_of /usr/bin/python3 "$PEERS/dpkt_extract_peer.py" "$BIG" "$tmp/peer.bin")
cp "$tmp/out" "$tmp/peer.json"
read -r t_one m_one < <(best_of "$OURS" "$ONE" "$tmp/one.bin")

printf '%-28s %9s %12s\n' tool seconds peak_rss_kb
printf '%-28s %9s %12s\n' "tcpdump -r -w /dev/null" "$t_tcpdump" "$m_tcpdump"
printf '%-28s %9s %12s\n' "flowcnn (capture->images)" "$t_ours" "$m_ours"
printf '%-28s %9s %12s\n' "python dpkt peer" "$t_peer" "$m_peer"
echo "flowcnn: $(cat "$tmp/ours.json")"
echo "peer:    $(cat "$tmp/peer.json")"
awk -v a="$t_ours" -v b="$t_tcpdump" -v c="$t_peer" \
    'BEGIN { printf "ratio ours/tcpdump: %.2f   peer/ours: %.1f\n", a / b, c / a }'
echo "memory: 1 copy $m_one KB, $COPIES copies $m_ours KB (peak RSS of flowcnn)"
