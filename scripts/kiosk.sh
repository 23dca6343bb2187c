#!/usr/bin/env bash
# Installs what is missing, builds a release and starts the kiosk on the bundled data.
# Full screen by default; extra arguments go to `inclusion-map run` (e.g. --windowed, --size 1280x800).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-debian.sh
swift build -c release --product inclusion-map
exec .build/release/inclusion-map run --config kiosk-config/kiosk.toml "$@"
