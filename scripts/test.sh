#!/usr/bin/env bash
# Builds and runs the whole test suite offscreen (no display, no network):
#   1. the hostile-input stage (scripts/sanitize.sh: engine tests under ASan+UBSan, short fuzz runs;
#      skip it with FLOWCNN_SKIP_SANITIZE=1),
#   2. every unit, golden, widget and CLI test of the main build through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
BUILD_DIR=$BUILD_DIR scripts/build.sh
if [ "${FLOWCNN_SKIP_SANITIZE:-0}" != 1 ]; then
  scripts/sanitize.sh "${FUZZ_SECONDS:-10}"
fi
export QT_QPA_PLATFORM=offscreen TZ=UTC LC_ALL=C
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "${JOBS:-$(nproc)}" --timeout 600 "$@"
