#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to the running app: installs what is missing,
# builds (Release) and starts the GUI. Extra arguments go to multiscope.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/packaging/configure-build.sh" multiscope multiscope-cli
exec "$root/build/app/multiscope" "$@"
