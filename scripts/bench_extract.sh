#!/usr/bin/env bash
# Capture -> payload images and capture -> project, side by side in one run with tcpdump (read +
# write to /dev/null: the floor for any libpcap reader) and, with PEER=1, the Python dpkt peer.
#   scripts/bench_extract.sh            (BUILD_DIR=build, REPEAT=3, COPIES=10, PEER=0)
# Rows (wall clock, best of REPEAT; the tools take turns within each round so that a change in
# machine load hits all of them alike; the ratio is to tcpdump's best):
#   tcpdump                   tcpdump -r CAPTURE -w /dev/null
#   images, in memory         flowcnn-extract-bench CAPTURE /dev/null (every image made, not kept)
#   images, to IDX            flowcnn extract CAPTURE --idx FILE
#   import (CLI)              flowcnn import PROJECT CAPTURE --quiet, into a new project each time
#   python dpkt peer          ../shared/peers/dpkt_extract_peer.py (PEER=1; one run, ~13+ s)
# Peak RSS (/usr/bin/time) of each tool on the COPIES-fold capture and on one copy: flat memory
# means about the same number for both. CPU seconds (user+sys) are shown too: on a loaded machine
# they move less than wall time. On a busy machine, NICE=-10 (as root) runs every tool alike at a
# higher priority than the rest.
# Builds /tmp/bench.pcap (COPIES copies) and /tmp/bench1.pcap (one copy) with
# ../shared/peers/make_bench_capture.sh when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
REPEAT=${REPEAT:-3}
COPIES=${COPIES:-10}
PEER=${PEER:-0}
PEERS=${PEERS:-$(cd .. && pwd)/shared/peers}
BIG=${BIG:-/tmp/bench.pcap}
ONE=${ONE:-/tmp/bench1.pcap}
BENCH=$BUILD_DIR/bench/flowcnn-extract-bench
FLOWCNN=$BUILD_DIR/app/flowcnn

[ -x "$BENCH" ] && [ -x "$FLOWCNN" ] || cmake --build "$BUILD_DIR" --target flowcnn-extract-bench flowcnn
command -v tcpdump >/dev/null || { echo "tcpdump is needed (apt-get install tcpdump)" >&2; exit 1; }
if [ ! -f "$BIG" ] || [ ! -f "$ONE" ]; then
    [ -x "$PEERS/make_bench_capture.sh" ] || { echo "no $BIG and no $PEERS/make_bench_capture.sh to build it" >&2; exit 1; }
    [ -f "$BIG" ] || "$PEERS/make_bench_capture.sh" "$BIG" "$COPIES"
    [ -f "$ONE" ] || "$PEERS/make_bench_capture.sh" "$ONE" 1
fi

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export TZ=UTC LC_ALL=C

# Each tool: NAME and a command line with CAP where the capture goes and OUT for a scratch path.
names=(tcpdump images_memory images_idx import)
cmd_of() {
    case $1 in
        tcpdump) echo "tcpdump -r CAP -w /dev/null" ;;
        images_memory) echo "$BENCH CAP /dev/null" ;;
        images_idx) echo "$FLOWCNN extract CAP --idx OUT.idx" ;;
        import) echo "$FLOWCNN import OUT.flowcnn CAP --quiet" ;;
        peer) echo "/usr/bin/python3 $PEERS/dpkt_extract_peer.py CAP OUT.bin" ;;
    esac
}
# run NAME CAPTURE: one timed run; prints "wall cpu peak_rss_kb"
run() {
    local c; c=$(cmd_of "$1")
    c=${c//CAP/$2}; c=${c//OUT/$tmp/$1}
    rm -f "$tmp/$1".*
    # shellcheck disable=SC2086
    nice -n "${NICE:-0}" /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" $c >"$tmp/$1.out" 2>"$tmp/$1.err" ||
        { echo "$1 failed:" >&2; cat "$tmp/$1.err" >&2; exit 1; }
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$tmp/time"
}

packets=$(capinfos -c -M "$BIG" 2>/dev/null | awk '/Number of packets/ {print $NF}' || true)
echo "capture: $BIG (${packets:-?} packets, $(du -h "$BIG" | cut -f1)); best of $REPEAT rounds; $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
declare -A best cpu rss
for ((i = 0; i < REPEAT; i++)); do
    for n in "${names[@]}"; do
        read -r w c m < <(run "$n" "$BIG")
        if [ -z "${best[$n]:-}" ] || awk "BEGIN{exit !($w < ${best[$n]})}"; then
            best[$n]=$w; cpu[$n]=$c; rss[$n]=$m
            cp "$tmp/$n.out" "$tmp/best_$n"
        fi
    done
done
if [ "$PEER" = 1 ]; then
    read -r best[peer] cpu[peer] rss[peer] < <(run peer "$BIG")
    cp "$tmp/peer.out" "$tmp/best_peer"
    names+=(peer)
fi
declare -A rss1
for n in images_memory images_idx import; do read -r _ _ rss1[$n] < <(run "$n" "$ONE"); done

printf '%-16s %8s %8s %9s %14s %14s\n' tool wall_s cpu_s ratio rss_kb_x$COPIES rss_kb_x1
for n in "${names[@]}"; do
    printf '%-16s %8s %8s %9s %14s %14s\n' "$n" "${best[$n]}" "${cpu[$n]}" \
        "$(awk -v a="${best[$n]}" -v b="${best[tcpdump]}" 'BEGIN { printf "%.2fx", a / b }')" \
        "${rss[$n]}" "${rss1[$n]:--}"
done
echo "goals: images <= 1.5x tcpdump, import <= 3x tcpdump, RSS flat from 1x to ${COPIES}x"
echo "flowcnn-extract-bench: $(cat "$tmp/best_images_memory")"
[ "$PEER" = 1 ] && echo "peer: $(cat "$tmp/best_peer")" &&
    awk -v a="${best[peer]}" -v b="${best[images_memory]}" 'BEGIN { printf "peer / images_memory: %.1fx\n", a / b }'
exit 0
