#!/usr/bin/env bash
# An idle kiosk, then touches: release build, `run --headless` (SDL's dummy driver, which has no
# blocking wait of its own), left alone after its first frame. Prints one JSON line:
#   idle_core_share  the share of one core over IDLE seconds at rest (/proc/PID/stat, all threads);
#   fingers, input_to_present_ms  then GESTURES taps and drags are played in from another thread
#                    (`run --live-input`), each from the moment it is queued to the end of the
#                    present that shows it; the kiosk sleeps between gestures.
#
#   scripts/bench-idle.sh [--idle SECONDS] [--gestures N] [--size WxH]    (default 60, 40, 1920x1080)
#   BENCH_STATE=DIR picks the state folder (places, cache); default .build/bench-state.
#   BENCH_BINARY=PATH measures another build (interleaved before/after runs).
set -euo pipefail
cd "$(dirname "$0")/.."
idle=60 gestures=40 size=1920x1080
while [[ $# -gt 0 ]]; do
  case "$1" in
    --idle) idle=$2; shift 2 ;;
    --gestures) gestures=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    *) echo "unknown option $1 (expected --idle, --gestures, --size)" >&2; exit 2 ;;
  esac
done
binary=${BENCH_BINARY:-}
if [[ -z "$binary" ]]; then
  source scripts/setup-debian.sh
  swift build -c release --product inclusion-map >/dev/null
  binary=.build/release/inclusion-map
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
state=${BENCH_STATE:-.build/bench-state}
mkdir -p "$state"
"$binary" prepare --state-dir "$state" >/dev/null 2>&1
# Gestures after the idle window (5 s to settle, 3 s to spare): taps and short drags at a touch screen's
# 120 Hz, 0.6–1.6 s apart, so that each finds the kiosk asleep.
python3 - "$((idle + 8))" "$gestures" > "$out/touches.jsonl" <<'PY'
import json, random, sys
start, count = float(sys.argv[1]) * 1000, int(sys.argv[2])
rng = random.Random(19)
t = start
for g in range(count):
    x, y = rng.uniform(0.3, 0.7), rng.uniform(0.3, 0.7)
    print(json.dumps({"t": round(t, 1), "type": "finger_down", "id": g, "x": round(x, 4), "y": round(y, 4)}))
    if g % 2:
        for step in range(1, 13):
            t += 8.3
            print(json.dumps({"t": round(t, 1), "type": "finger_motion", "id": g, "x": round(x + step * 0.004, 4), "y": round(y, 4)}))
    t += 80
    print(json.dumps({"t": round(t, 1), "type": "finger_up", "id": g, "x": round(x + (0.048 if g % 2 else 0), 4), "y": round(y, 4)}))
    t += rng.uniform(600, 1600)
PY
SDL_VIDEODRIVER=dummy "$binary" run --headless --size "$size" --state-dir "$state" \
  --live-input "$out/touches.jsonl" --latency "$out/latency.json" > "$out/run.log" 2>&1 &
pid=$!
for _ in $(seq 600); do grep -q "first frame" "$out/run.log" && break; sleep 0.1; done
sleep 5
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(ticks)
sleep "$idle"
after=$(ticks)
for _ in $(seq 1200); do [[ -s "$out/latency.json" ]] && break; sleep 0.1; done
kill "$pid"; wait "$pid" || true
python3 - "$out/latency.json" "$before" "$after" "$idle" "$(getconf CLK_TCK)" "$size" <<'PY'
import json, sys
latency = json.load(open(sys.argv[1]))
before, after, idle, hz = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
print(json.dumps({"size": sys.argv[6], "idle_s": idle, "idle_cpu_ticks": after - before,
                  "idle_core_share": round((after - before) / hz / idle, 4), **latency}))
PY
