#!/usr/bin/env bash
# Warm start: release build, `run --headless`, the basemap cache already prepared; the first frame
# from the process's start (the kiosk's own `first frame shown ms_since_start`), with the bundled
# places and with N synthetic places (`scripts/make-synthetic-places.py`, imported once), runs
# interleaved. Prints one JSON line per data set: the runs, their median, and the stages of the
# last run (`--verbose`: load cache, wait for places, load places…).
#
#   scripts/bench-start.sh [--runs K] [N…]      (default 5 runs; 7169 100000 places)
#   BENCH_BINARY=PATH measures another build (interleaved before/after comparisons).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
if [[ "${1:-}" == "--runs" ]]; then runs=$2; shift 2; fi
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(7169 100000)
binary=${BENCH_BINARY:-}
if [[ -z "$binary" ]]; then
  source scripts/setup-debian.sh
  swift build -c release --product inclusion-map >/dev/null
  binary=.build/release/inclusion-map
fi
root=.build/bench-start
mkdir -p "$root/bundled"
"$binary" prepare --state-dir "$root/bundled" >/dev/null 2>&1
sets=(bundled)
for n in "${sizes[@]}"; do
  if [[ ! -f "$root/places-$n/places.sqlite" ]]; then
    rm -rf "$root/places-$n"
    cp -r "$root/bundled" "$root/places-$n"
    python3 scripts/make-synthetic-places.py "$n" "$root/synthetic-$n.csv"
    "$binary" import --replace --state-dir "$root/places-$n" "$root/synthetic-$n.csv" >/dev/null 2>&1
  fi
  "$binary" prepare --state-dir "$root/places-$n" >/dev/null 2>&1
  sets+=("places-$n")
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
first_frame() {
  SDL_VIDEODRIVER=dummy "$binary" run --headless --verbose --state-dir "$root/$1" > "$out/run.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1200); do grep -aq "first frame shown" "$out/run.log" && break; sleep 0.05; done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  grep -ao "first frame shown ms_since_start=[0-9]*" "$out/run.log" | grep -o "[0-9]*$"
  grep -a "loaded ms=" "$out/run.log" | sed -E 's/.*ms=([0-9.]+) stage=(.*)/\2=\1/' > "$out/stages-$1"
}
for _ in $(seq "$runs"); do
  for set in "${sets[@]}"; do first_frame "$set" >> "$out/times-$set"; done
done
for set in "${sets[@]}"; do
  python3 - "$set" "$out/times-$set" "$out/stages-$set" <<'PY'
import json, statistics, sys
name, times, stages = sys.argv[1], [int(t) for t in open(sys.argv[2]).read().split()], {}
for line in open(sys.argv[3]):
    stage, ms = line.strip().rsplit("=", 1)
    stages[stage] = float(ms)
print(json.dumps({"data": name, "first_frame_ms": times, "median_ms": statistics.median(times), "stages_ms_last_run": stages}))
PY
done
