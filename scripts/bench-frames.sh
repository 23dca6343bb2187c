#!/usr/bin/env bash
# Frame-time benchmark: release build, software renderer, headless, a pan + pinch tour at 1920x1080
# and 3840x2160, played in real time (a frame each 1/60 s, as on a screen, so that the basemap's
# tile worker has the time it has live). Prints one JSON line of figures per size (see `run --stats`).
# Extra options go to `run`: e.g. --no-basemap-tiles to measure the basemap rasterised every frame.
#   scripts/bench-frames.sh [TRACE] [extra run options, e.g. --center 50.63,3.06 --zoom 11]
#   BENCH_STATE=DIR picks the state folder (places, cache); default .build/bench-state.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-debian.sh
swift build -c release --product inclusion-map >/dev/null
trace=${1:-Tests/EndToEndTests/Traces/pan-pinch-tour.jsonl}
shift || true
out=$(mktemp -d)
state=${BENCH_STATE:-.build/bench-state}
mkdir -p "$state"
# Prepare the basemap cache first, so the figures are those of a warm start.
.build/release/inclusion-map prepare --state-dir "$state" >/dev/null
for size in 1920x1080 3840x2160; do
  SDL_VIDEODRIVER=dummy .build/release/inclusion-map run --headless --real-time --replay "$trace" --size "$size" \
    --stats "$out/$size.json" --state-dir "$state" "$@" 2>/dev/null
  python3 -c "import json,sys; d=json.load(open('$out/$size.json')); print(json.dumps({k: d[k] for k in ('size','frames','frame_ms','first_frame_ms','peak_rss_mb','basemap_frames')}))"
done
rm -rf "$out"
