#!/usr/bin/env bash
# The invitation's cost: release build, software renderer, headless, the kiosk left alone for 70 s
# in real time with the invitation starting after 5 s, then one touch. Prints frames per second and
# the share of one core over the 65 s of invitation (`run --stats`: cpu_s over wall_s, all threads).
#   scripts/measure-attract.sh [SIZE]   (default 1920x1080)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-debian.sh
swift build -c release --product inclusion-map >/dev/null
size=${1:-1920x1080}
out=$(mktemp -d)
state=${BENCH_STATE:-.build/bench-state}
mkdir -p "$state"
.build/release/inclusion-map prepare --state-dir "$state" >/dev/null
# Nobody touches the table for 70 s; then a finger ends the invitation.
printf '{"t": 70000, "type": "finger_down", "id": 1, "x": 0.5, "y": 0.5}\n{"t": 70050, "type": "finger_up", "id": 1, "x": 0.5, "y": 0.5}\n' > "$out/alone.jsonl"
SDL_VIDEODRIVER=dummy .build/release/inclusion-map run --headless --real-time --replay "$out/alone.jsonl" --size "$size" \
  --attract-after 5 --stats "$out/stats.json" --state-dir "$state" 2>/dev/null
python3 - "$out/stats.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
attract_s = 65.0
print(json.dumps({"size": d["size"], "frames": d["frames"], "fps_during_invitation": round(d["frames"] / attract_s, 1),
                  "core_share": round(d["cpu_s"] / d["wall_s"], 3), "cpu_s": d["cpu_s"], "wall_s": d["wall_s"],
                  "frame_ms": d["frame_ms"], "panel_at_end": d["panel"]}))
PY
rm -rf "$out"
