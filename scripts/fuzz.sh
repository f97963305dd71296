#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each one.
#   scripts/fuzz.sh [SECONDS_PER_TARGET=30] [RUNS_PER_TARGET=0 (0: no limit)]
# Seeds: tests/fuzz/corpus/<target>/ (committed, includes every input that ever crashed), the
# tests' golden captures, and ../shared's real captures when present. New crashes land in
# $OUT_DIR/<target>/ (default build-fuzz/crashes) and make the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}
runs=${2:-0}
BUILD_DIR=${BUILD_DIR:-build-fuzz}
OUT_DIR=${OUT_DIR:-$BUILD_DIR/crashes}
CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFLOWCNN_FUZZ=ON \
  -DFLOWCNN_BUILD_GUI=OFF -DFLOWCNN_BUILD_ML=OFF -DFLOWCNN_BUILD_TESTS=${FUZZ_WITH_TESTS:-OFF} -DFLOWCNN_BUILD_BENCHMARKS=OFF >/dev/null
targets=(packet hint pcap pcapng netmon project model_file)
cmake --build "$BUILD_DIR" -j "${JOBS:-$(nproc)}" --target "${targets[@]/#/fuzz_}"

shared=../shared/datasets
status=0
for t in "${targets[@]}"; do
  work=$BUILD_DIR/corpus-work/$t
  mkdir -p "$work" "$OUT_DIR/$t"
  seeds=(tests/fuzz/corpus/$t)
  case $t in
    pcap)   [ -d tests/golden ] && seeds+=(tests/golden); [ -d $shared/ndpi/pcap ] && seeds+=($shared/ndpi/pcap) ;;
    pcapng) [ -d $shared/ndpi/pcap ] && seeds+=($shared/ndpi/pcap) ;;
    netmon) [ -d $shared/netmon/cap ] && seeds+=($shared/netmon/cap) ;;
  esac
  existing=()
  for s in "${seeds[@]}"; do [ -d "$s" ] && existing+=("$s"); done
  # Inputs no longer than the target needs: frames, a few packets of a capture, a small project.
  case $t in packet|hint|model_file) max_len=4096 ;; project) max_len=65536 ;; *) max_len=8192 ;; esac
  log=$BUILD_DIR/fuzz-$t.log
  if ! "$BUILD_DIR/tests/fuzz/fuzz_$t" -max_total_time="$secs" -runs="$( [ "$runs" -gt 0 ] && echo "$runs" || echo -1)" \
        -seed="${FUZZ_SEED:-1}" -max_len=$max_len -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$OUT_DIR/$t/" \
        "$work" "${existing[@]}" >"$log" 2>&1; then
    echo "fuzz_$t: FAILED (see $log and $OUT_DIR/$t/)"; status=1
  fi
  echo "fuzz_$t: $(grep -Eo 'Done [0-9]+ runs' "$log" | tail -1 || echo '?') in ${secs}s max"
done
exit $status
