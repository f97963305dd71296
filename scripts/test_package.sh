#!/usr/bin/env bash
# The .deb as a user gets it: builds the package from $BUILD_DIR (cpack), checks it with lintian
# (no error, no warning), then installs it with apt into a clean Debian bookworm root made by
# mmdebstrap (nothing of this machine's build dependencies in it, so a missing Depends shows) and
# runs the installed programs from /usr/bin there: `flowcnn --version`, `flowcnn train --help`
# (which starts flowcnn-ml, so LibTorch and OpenMPI must load), a tiny generated project imported,
# and the workbench offscreen saving its screenshots of that project.
#
# Needs root (or sudo) and the Debian archive. When the clean root cannot be made (no network,
# no privileges), the install step is skipped with a warning unless FLOWCNN_REQUIRE_PACKAGE_TEST=1;
# a package that apt refuses or programs that fail in the clean root always fail the test.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

(cd "$BUILD_DIR" && cpack -G DEB >cpack.log 2>&1) || { cat "$BUILD_DIR/cpack.log"; exit 1; }
deb=$(ls -t "$BUILD_DIR"/flowcnn-workbench_*_amd64.deb | head -n1)
echo "package: $deb ($(du -h "$deb" | cut -f1); installed $(dpkg-deb -f "$deb" Installed-Size) KiB)"
echo "Depends: $(dpkg-deb -f "$deb" Depends)"

if command -v lintian >/dev/null; then
  findings=$(lintian --tag-display-limit 0 "$deb" 2>&1 | grep -E '^(E|W): ' || true)
  if [ -n "$findings" ]; then echo "lintian:"; echo "$findings"; exit 1; fi
  echo "lintian: no errors, no warnings"
else
  echo "lintian not installed (scripts/setup-debian.sh installs it)"; exit 1
fi

skip_or_fail() {
  echo "WARNING: $1; the clean-root install test did not run" >&2
  if [ "${FLOWCNN_REQUIRE_PACKAGE_TEST:-0}" = 1 ]; then exit 1; fi
  exit 0
}
command -v mmdebstrap >/dev/null || skip_or_fail "mmdebstrap is not installed"
$SUDO true 2>/dev/null || skip_or_fail "no root privileges"

work=$(mktemp -d /tmp/flowcnn-package-test.XXXXXX)
trap '$SUDO rm -rf "$work"' EXIT
cp "$deb" "$work/pkg.deb"
# Each hook leaves a marker, so a failure is told apart: before "installing", the archive or the
# host stopped us; after it, the package or its programs did.
# The archive this machine installs from (deb822 or one-line sources), else mmdebstrap's default.
sources=()
for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
  if [ -s "$f" ]; then sources=("$f"); break; fi
done
in_root='chroot "$1" env QT_QPA_PLATFORM=offscreen HOME=/tmp LC_ALL=C.UTF-8'
if ! $SUDO mmdebstrap --variant=apt --mode=root bookworm "$work/root" "${sources[@]}" \
    --customize-hook="touch $work/installing" \
    --customize-hook='copy-in '"$work"'/pkg.deb /tmp' \
    --customize-hook='chroot "$1" apt-get install -y --no-install-recommends /tmp/pkg.deb' \
    --customize-hook="$in_root"' flowcnn --version' \
    --customize-hook="$in_root"' sh -c "flowcnn train --help | head -n 2"' \
    --customize-hook="$in_root"' flowcnn generate /tmp/gen --flows-per-app 3' \
    --customize-hook="$in_root"' flowcnn import /tmp/p.flowcnn /tmp/gen --folder-per-class --quiet' \
    --customize-hook="$in_root"' flowcnn-workbench --screenshot /tmp/shots /tmp/p.flowcnn' \
    --customize-hook="$in_root"' sh -c "ls /tmp/shots/*.png | wc -l"' \
    --customize-hook="touch $work/ran" </dev/null >"$work/log" 2>&1; then
  if [ ! -e "$work/installing" ]; then
    tail -n 20 "$work/log"
    skip_or_fail "mmdebstrap could not make a bookworm root"
  fi
  echo "the package failed in a clean root:"; tail -n 40 "$work/log"; exit 1
fi
grep -E '^(flowcnn|usage|FlowCNN|[0-9]+$)' "$work/log" || true
echo "package test: installed with apt in a clean bookworm root; flowcnn, flowcnn-ml and the workbench ran from /usr/bin"
