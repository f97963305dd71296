#!/usr/bin/env bash
# The hostile-input stage of the test suite: builds the engine with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (plus libFuzzer instrumentation), runs the engine's unit and golden
# tests in that build, then gives every fuzz target a short run over its seeds.
#   scripts/sanitize.sh [FUZZ_SECONDS_PER_TARGET=10]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
export BUILD_DIR=${SANITIZE_BUILD_DIR:-build-asan}
CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFLOWCNN_FUZZ=ON \
  -DFLOWCNN_BUILD_GUI=OFF -DFLOWCNN_BUILD_ML=OFF -DFLOWCNN_BUILD_TESTS=ON -DFLOWCNN_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$BUILD_DIR" -j "${JOBS:-$(nproc)}" --target engine_tests
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TZ=UTC LC_ALL=C
echo "== engine tests under ASan+UBSan"
"$BUILD_DIR/tests/engine_tests" --gtest_brief=1
echo "== fuzz targets, ${secs}s each"
FUZZ_WITH_TESTS=ON scripts/fuzz.sh "$secs"
