#!/usr/bin/env bash
# Installs the Debian 12 packages Multiscope needs to build, test and run.
# Installs only what is missing; does nothing (and needs no network) when all are present.
set -euo pipefail

PACKAGES=(
  # toolchain
  cmake ninja-build g++ pkg-config dpkg-dev ccache
  # Qt 6
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev qt6-svg-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-qpa-plugins libgl-dev
  # compute and images
  libtorch-dev libopenblas0-openmp
  libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev
  # storage, parsing, compression
  libsqlite3-dev nlohmann-json3-dev libcli11-dev zlib1g-dev
  # fonts and word list (text renderer, rendered-word probes)
  fonts-dejavu-core fonts-dejavu-extra wamerican
  # tests: virtual display, screenshots, PDF checks, reference archives
  xvfb xauth imagemagick poppler-utils python3-torch
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup-deps: installing ${#missing[@]} missing package(s): ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
