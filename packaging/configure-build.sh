#!/usr/bin/env bash
# Installs what is missing, then configures and builds Multiscope (Release) in build/.
# Usage: packaging/configure-build.sh [ninja targets...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/packaging/setup-deps.sh"
# ccache hits across clones in other folders (CI builds a fresh clone): hash paths relative
# to the checkout.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
# Two jobs at most: a LibTorch translation unit takes ~1.3 GB to compile.
ninja -C "$root/build" -j "${MULTISCOPE_BUILD_JOBS:-2}" "$@"
