#!/usr/bin/env bash
# Frame times while the kiosk delivers feedback to a local PostgreSQL, against the same tour with
# nothing to deliver: scripts/bench-sync-frames.sh [ANSWERS]   (default 200000 queued answers)
# Starts a throwaway PostgreSQL (scripts/test-postgres.sh) and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-debian.sh --tests
answers=${1:-200000}
swift build -c release --product inclusion-map >/dev/null
bin=.build/release/inclusion-map
pg=/tmp/inclusion-map-bench-pg-$$
state=.build/bench-sync-state
config=kiosk-config/bench-sync-$$.toml
trap 'bash scripts/test-postgres.sh stop "$pg"; rm -f "$config" "$state/lab-password"' EXIT
url=$(bash scripts/test-postgres.sh start "$pg" 55990)
psql "$url" -qc "CREATE DATABASE benchlab" >/dev/null
lab=${url%/postgres}/benchlab
$bin lab migrate --lab-url "$lab" >/dev/null
psql "$lab" -qc "CREATE ROLE bench_kiosk LOGIN PASSWORD 'bench' IN ROLE inclusion_kiosk" >/dev/null

rm -rf "$state"; mkdir -p "$state"
$bin prepare --state-dir "$state" >/dev/null 2>&1
$bin feedback add --state-dir "$state" --place france-services-1933 --answer satisfaction=4 >/dev/null
python3 scripts/fill-outbox.py "$state/outbox.sqlite" $((answers - 1))
echo 'bench' > "$state/lab-password"
cp kiosk-config/kiosk.toml "$config"
cat >> "$config" <<TOML
[lab]
host = "127.0.0.1"
port = 55990
database = "benchlab"
user = "bench_kiosk"
tls = "disable"
password_file = "../$state/lab-password"
TOML
trace=Tests/EndToEndTests/Traces/pan-pinch-tour.jsonl
for run in syncing idle; do
  cfg=$config; [[ $run == idle ]] && cfg=kiosk-config/kiosk.toml
  SDL_VIDEODRIVER=dummy $bin run --headless --config "$cfg" --state-dir "$state" --replay "$trace" --size 1920x1080 --stats "$state/$run.json" 2>/dev/null
  python3 -c "import json; d=json.load(open('$state/$run.json')); print('$run', json.dumps({k: d[k] for k in ('frames','frame_ms')}))"
  [[ $run == syncing ]] && echo "delivered during the replay: $(psql "$lab" -XAtc 'SELECT count(*) FROM feedback') of $answers"
done
