#!/usr/bin/env bash
# Soak: replays N random gestures (default 100,000) through the kiosk at a small window size, then
# prints resident memory and open descriptors after warm-up (a tenth of the trace) and at the end,
# and the textures held. RSS growth after warm-up should stay within 2 MB and descriptors constant.
#   scripts/soak.sh [N] [--renderer software|opengl|opengles2]
# software (the default) runs headless; opengl and opengles2 in Xvfb, drawn by Mesa's llvmpipe,
# whose textures live in the process's memory: a texture leak shows in its resident memory.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
renderer=software
if [[ "${2:-}" == "--renderer" ]]; then renderer=${3:?--renderer needs software, opengl or opengles2}; fi
case "$renderer" in software) source scripts/setup-debian.sh ;; opengl|opengles2) source scripts/setup-debian.sh --xvfb ;;
  *) echo "--renderer: expected software, opengl or opengles2, found \"$renderer\"" >&2; exit 2 ;; esac
swift build -c release --product inclusion-map >/dev/null
dir=$(mktemp -d)
python3 scripts/make-soak-trace.py "$n" > "$dir/soak.jsonl"
mkdir -p .build/bench-state
if [[ "$renderer" == software ]]; then
  SDL_VIDEODRIVER=dummy .build/release/inclusion-map run --headless --replay "$dir/soak.jsonl" --size 480x270 \
    --stats "$dir/stats.json" --state-dir .build/bench-state 2>/dev/null
else
  SDL_VIDEODRIVER=x11 xvfb-run -a -s "-screen 0 1280x720x24" .build/release/inclusion-map run --windowed --renderer "$renderer" \
    --no-vsync --replay "$dir/soak.jsonl" --size 480x270 --stats "$dir/stats.json" --state-dir .build/bench-state 2>/dev/null
fi
python3 - "$dir/stats.json" "$n" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
growth = d["rss_end_mb"] - d["rss_after_warmup_mb"]
print(json.dumps({"gestures": int(sys.argv[2]), "frames": d["frames"], "rss_after_warmup_mb": d["rss_after_warmup_mb"],
                  "rss_end_mb": d["rss_end_mb"], "rss_growth_mb": round(growth, 2),
                  "open_fds_after_warmup": d["open_fds_after_warmup"], "open_fds_end": d["open_fds_end"],
                  "peak_rss_mb": d["peak_rss_mb"], "frame_ms": d["frame_ms"], "renderer": d["renderer"],
                  "textures": d["textures"]}))
PY
rm -rf "$dir"
