#!/usr/bin/env bash
# Headless soak: replays N random gestures (default 100,000) through the kiosk at a small window
# size, then prints resident memory and open descriptors after warm-up (a tenth of the trace) and
# at the end. RSS growth after warm-up should stay within 2 MB and descriptors constant.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-debian.sh
swift build -c release --product inclusion-map >/dev/null
n=${1:-100000}
dir=$(mktemp -d)
python3 scripts/make-soak-trace.py "$n" > "$dir/soak.jsonl"
mkdir -p .build/bench-state
SDL_VIDEODRIVER=dummy .build/release/inclusion-map run --headless --replay "$dir/soak.jsonl" --size 480x270 \
  --stats "$dir/stats.json" --state-dir .build/bench-state 2>/dev/null
python3 - "$dir/stats.json" "$n" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
growth = d["rss_end_mb"] - d["rss_after_warmup_mb"]
print(json.dumps({"gestures": int(sys.argv[2]), "frames": d["frames"], "rss_after_warmup_mb": d["rss_after_warmup_mb"],
                  "rss_end_mb": d["rss_end_mb"], "rss_growth_mb": round(growth, 2),
                  "open_fds_after_warmup": d["open_fds_after_warmup"], "open_fds_end": d["open_fds_end"],
                  "peak_rss_mb": d["peak_rss_mb"], "frame_ms": d["frame_ms"]}))
PY
rm -rf "$dir"
