#!/usr/bin/env bash
# Builds and runs the whole test suite offscreen (no display, no network).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
scripts/build.sh
export QT_QPA_PLATFORM=offscreen TZ=UTC LC_ALL=C
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "${JOBS:-$(nproc)}" --timeout 600 "$@"
