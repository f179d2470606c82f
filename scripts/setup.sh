#!/usr/bin/env bash
# Shared by scripts/run and scripts/test: installs the Debian packages the build needs (only
# those missing, so a prepared machine does not touch the network) and builds into build/.
set -euo pipefail

readonly PACKAGES=(
  build-essential cmake pkg-config git
  coinor-libipopt-dev libeigen3-dev libhdf5-dev libboost-program-options-dev
  libtomlplusplus-dev libgtest-dev libgmock-dev libsuitesparse-dev libmumps-seq-dev
  libopenblas0 libbenchmark-dev libopenmpi-dev openmpi-bin
  python3 python3-h5py python3-numpy
  chromium
)

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "installing: ${missing[*]}"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

build() {
  local type=${1:-Release}
  cmake -S "$ROOT" -B "$ROOT/build" -DCMAKE_BUILD_TYPE="$type" >/dev/null
  cmake --build "$ROOT/build" -j "$(nproc)"
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ROOT
