#!/usr/bin/env bash
# Frame-time benchmark: release build, a pan + pinch tour played in real time (a frame each 1/60 s,
# as on a screen, so that the basemap's tile worker has the time it has live). Prints one JSON line
# of figures per size (see `run --stats`): the renderer, what draws (`gpu`: the OpenGL renderer
# string), frames, frame times, first frame, peak memory.
#
#   scripts/bench-frames.sh [--renderer software|auto|opengl|opengles2] [TRACE] [extra run options]
#
# software (the default): headless, SDL's dummy video driver, at 1920x1080 and 3840x2160.
# auto, opengl, opengles2: on the display when there is one (X11, Wayland, or KMS/DRM from a
# console), full screen at its own size, without vsync so that frame times are the work of a
# frame: run it on the table itself, the kiosk's service stopped. Without a display (this kind of
# build machine), in Xvfb at both sizes, where Mesa's llvmpipe draws OpenGL on the CPU: those
# figures are the CPU's, not a GPU's.
# Extra options go to `run`: e.g. --no-basemap-tiles, or --center 50.63,3.06 --zoom 11.
#   BENCH_STATE=DIR picks the state folder (places, cache); default .build/bench-state.
#   BENCH_CONFIG=FILE another configuration (scripts/bench-osm.sh: the synthetic region's streets).
set -euo pipefail
cd "$(dirname "$0")/.."
renderer=software
if [[ "${1:-}" == "--renderer" ]]; then
  renderer=${2:?--renderer needs software, auto, opengl or opengles2}
  shift 2
fi
case "$renderer" in software|auto|opengl|opengles2) ;; *) echo "--renderer: expected software, auto, opengl or opengles2, found \"$renderer\"" >&2; exit 2 ;; esac
on_display=no
if [[ "$renderer" != software ]]; then
  if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" || -e /dev/dri/card0 ]]; then on_display=yes; fi
fi
if [[ "$renderer" != software && "$on_display" == no ]]; then
  source scripts/setup-debian.sh --xvfb
else
  source scripts/setup-debian.sh
fi
swift build -c release --product inclusion-map >/dev/null
trace=${1:-Tests/EndToEndTests/Traces/pan-pinch-tour.jsonl}
shift || true
out=$(mktemp -d)
state=${BENCH_STATE:-.build/bench-state}
config=()
if [[ -n "${BENCH_CONFIG:-}" ]]; then config=(--config "$BENCH_CONFIG"); fi
mkdir -p "$state"
# Prepare the basemap cache first, so the figures are those of a warm start.
.build/release/inclusion-map prepare "${config[@]}" --state-dir "$state" >/dev/null
report() {
  python3 -c "import json,sys; d=json.load(open('$1')); print(json.dumps({k: d.get(k) for k in ('size','renderer','gpu','passed_over','frames','frame_ms','first_frame_ms','peak_rss_mb','basemap_frames')}))"
}
if [[ "$renderer" == software ]]; then
  for size in 1920x1080 3840x2160; do
    SDL_VIDEODRIVER=dummy .build/release/inclusion-map run --headless --real-time --replay "$trace" --size "$size" \
      --stats "$out/$size.json" "${config[@]}" --state-dir "$state" "$@" 2>/dev/null
    report "$out/$size.json"
  done
elif [[ "$on_display" == yes ]]; then
  .build/release/inclusion-map run --renderer "$renderer" --no-vsync --real-time --replay "$trace" \
    --stats "$out/display.json" "${config[@]}" --state-dir "$state" "$@" 2>"$out/log" || { cat "$out/log" >&2; exit 1; }
  report "$out/display.json"
else
  echo "bench-frames: no display here: Xvfb, where Mesa's llvmpipe draws OpenGL on the CPU (not a GPU's figures)" >&2
  for size in 1920x1080 3840x2160; do
    SDL_VIDEODRIVER=x11 xvfb-run -a -s "-screen 0 3840x2160x24" .build/release/inclusion-map run --windowed --size "$size" \
      --renderer "$renderer" --no-vsync --real-time --replay "$trace" --stats "$out/$size.json" "${config[@]}" --state-dir "$state" "$@" \
      2>"$out/log" || { cat "$out/log" >&2; exit 1; }
    report "$out/$size.json"
  done
fi
rm -rf "$out"
