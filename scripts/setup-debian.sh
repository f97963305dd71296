#!/usr/bin/env bash
# Installs every build, test and run dependency of FlowCNN Workbench on Debian bookworm (as root,
# or with sudo when available). Safe to run again.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
packages=(
  build-essential cmake ninja-build pkg-config git file dpkg-dev
  qt6-base-dev qt6-base-dev-tools qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools libgl-dev
  qt6-qpa-plugins libqt6svg6 fonts-noto-cjk
  libpcap-dev libcap2-bin tcpdump
  libtorch-dev libopenblas0-pthread
  libqcustomplot-dev
  libsqlite3-dev sqlite3 zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  xvfb xauth
  python3 python3-torch python3-numpy python3-dpkt wireshark-common
  clang libclang-rt-14-dev
  libopenmpi-dev openmpi-bin
  libxgboost-dev libndpi-dev libndpi-bin
  lintian mmdebstrap
)
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}"
