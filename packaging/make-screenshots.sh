#!/usr/bin/env bash
# Makes the README's screenshots from the real app, offscreen, with a fresh configuration.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/packaging/configure-build.sh" multiscope
config="$(mktemp -d)"
trap 'rm -rf "$config"' EXIT
mkdir -p "$root/resources/screenshots"
XDG_CONFIG_HOME="$config" QT_QPA_PLATFORM=offscreen \
  "$root/build/app/multiscope" --reset-layout --screenshot "$root/resources/screenshots/main-window.png"
echo "wrote resources/screenshots/main-window.png" >&2
