#!/usr/bin/env bash
# Makes the README's screenshots from the real app, offscreen, with a fresh configuration, data
# and cache: the bundled model opened on its first multimodal unit (from the sidecar's
# evaluation), grabbed once every panel has filled (the sample folder indexed, the words
# scored, the feature visualization done);
# then the contact sheet of feature visualizations of the default layer's first 32 units.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/packaging/configure-build.sh" multiscope multiscope-cli
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
mkdir -p "$root/resources/screenshots"
sidecar="$root/resources/models/multiscope-bundled.json"
read -r layer unit < <(python3 -c 'import json, sys
e = json.load(open(sys.argv[1]))["evaluation"]
print(e["layer"], e["multimodal_units"][0]["unit"])' "$sidecar")
XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache" QT_QPA_PLATFORM=offscreen \
  "$root/build/app/multiscope" --reset-layout --model bundled --goto "$layer:$unit" \
  --screenshot "$root/resources/screenshots/main-window.png"
echo "wrote resources/screenshots/main-window.png" >&2
sheet="$home/sheet"
XDG_CACHE_HOME="$home/cache" "$root/build/app/multiscope-cli" vis --model bundled --objective "$layer" \
  --units 0-31 --out "$sheet"
cp "$sheet/contact-sheet.png" "$root/resources/screenshots/featurevis-contact-sheet.png"
echo "wrote resources/screenshots/featurevis-contact-sheet.png" >&2
