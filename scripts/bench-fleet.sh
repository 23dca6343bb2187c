#!/usr/bin/env bash
# The fleet's figures against a throwaway PostgreSQL (scripts/test-postgres.sh), release build:
#   scripts/bench-fleet.sh [--answers N] [--latency]
# 1. twenty kiosk processes delivering N answers each (default 500) at once: answers per second
#    at the lab, and that exactly 20·N rows arrived;
# 2. a kiosk replaying taps in real time while it takes a published dataset: the swap (the kiosk
#    taking the new places plus the next frame) and the frame times;
# 3. with --latency: from `lab publish` to a live kiosk running the new data, with heartbeat_s and
#    the delivery interval at their defaults (up to five minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-debian.sh --tests
answers=500 latency=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --answers) answers=$2; shift 2 ;;
    --latency) latency=1; shift ;;
    *) echo "bench-fleet: unknown option $1" >&2; exit 2 ;;
  esac
done
swift build -c release --product inclusion-map >/dev/null
bin=$PWD/.build/release/inclusion-map
pg=/tmp/inclusion-map-bench-fleet-pg-$$
work=$PWD/.build/bench-fleet
config=kiosk-config/bench-fleet-$$.toml
kiosk_pid=
trap '[[ -n $kiosk_pid ]] && kill $kiosk_pid 2>/dev/null; bash scripts/test-postgres.sh stop "$pg"; rm -f "$config" kiosk-config/bench-fleet-$$-*.toml' EXIT
url=$(bash scripts/test-postgres.sh start "$pg" 55991)
psql "$url" -qc "CREATE DATABASE fleet" >/dev/null
lab=${url%/postgres}/fleet
$bin lab migrate --lab-url "$lab" >/dev/null
psql "$lab" -qc "CREATE ROLE fleet_kiosk LOGIN PASSWORD 'fleet' IN ROLE inclusion_kiosk" >/dev/null
kiosk=postgres://fleet_kiosk:fleet@127.0.0.1:55991/fleet
rm -rf "$work"; mkdir -p "$work"

echo "== 20 kiosks × $answers answers, delivered at once"
for n in $(seq 1 20); do
  mkdir -p "$work/k$n"
  $bin feedback add --state-dir "$work/k$n" --place france-services-1933 --answer satisfaction=4 >/dev/null 2>&1
  python3 scripts/fill-outbox.py "$work/k$n/outbox.sqlite" $((answers - 1)) "kiosk-$n"
done
start=$(date +%s.%N)
pids=()
for n in $(seq 1 20); do $bin sync --once --state-dir "$work/k$n" --lab-url "$kiosk" >/dev/null 2>&1 & pids+=($!); done
for pid in "${pids[@]}"; do wait "$pid"; done
end=$(date +%s.%N)
rows=$(psql "$lab" -XAtc "SELECT count(*) || ' rows, ' || count(DISTINCT id) || ' distinct, ' || count(DISTINCT kiosk) || ' kiosks' FROM feedback")
python3 -c "print(f'{20*$answers} answers in {$end-$start:.2f} s wall (20 processes, start-up included): {20*$answers/($end-$start):.0f} answers/s; lab has $rows')"
first=$(psql "$lab" -XAtc "SELECT extract(epoch FROM max(received_at) - min(received_at)) FROM feedback")
python3 -c "print(f'between the first and the last row committed at the lab: {$first:.2f} s, {20*$answers/max($first,1e-3):.0f} answers/s')"

echo "== a dataset taken by a kiosk replaying taps in real time (heartbeat_s = 1)"
$bin lab publish assets/places/france-services-hdf-2022-12-01.csv assets/places/conseillers-numeriques-hdf-2022-12.json \
  --lab-url "$lab" --note bench | tail -1
echo fleet > "$work/lab-password"
cp kiosk-config/kiosk.toml "$config"
cat >> "$config" <<TOML
[lab]
host = "127.0.0.1"
port = 55991
database = "fleet"
user = "fleet_kiosk"
tls = "disable"
password_file = "../.build/bench-fleet/lab-password"
heartbeat_s = 1
TOML
python3 -c "
import json
print('\n'.join(json.dumps({'t': 500 + i * 1000, 'type': 'tap', 'target': 'control:chip:procedures'}) for i in range(20)))" > "$work/taps.jsonl"
for run in 1 2 3; do
  rm -rf "$work/swap"; mkdir -p "$work/swap"
  $bin prepare --state-dir "$work/swap" >/dev/null 2>&1
  SDL_VIDEODRIVER=dummy $bin run --headless --real-time --config "$config" --state-dir "$work/swap" --replay "$work/taps.jsonl" \
    --size 1920x1080 --stats "$work/swap.json" 2>/dev/null
  python3 -c "import json; d=json.load(open('$work/swap.json')); print('run $run: places', d['places'], 'swap ms', d['place_swaps_ms'], 'frames', d['frames'], 'frame ms', d['frame_ms'])"
done

if [[ $latency == 1 ]]; then
  echo "== from lab publish to a live kiosk running it (defaults: heartbeat_s = 300)"
  sed '/^heartbeat_s/d' "$config" > "kiosk-config/bench-fleet-$$-live.toml"
  rm -rf "$work/live"; mkdir -p "$work/live"
  SDL_VIDEODRIVER=dummy $bin run --headless --config "kiosk-config/bench-fleet-$$-live.toml" --state-dir "$work/live" 2>/dev/null &
  kiosk_pid=$!
  until psql "$lab" -XAtc "SELECT count(*) FROM heartbeat WHERE kiosk = 'hdf-demo-01' AND data_version = 1" | grep -qv '^0$'; do sleep 1; done
  sleep $((RANDOM % 60))
  start=$(date +%s.%N)
  $bin lab publish assets/places/france-services-hdf-2022-12-01.csv --lab-url "$lab" --note latency | tail -1
  until psql "$lab" -XAtc "SELECT count(*) FROM heartbeat WHERE data_version = 2" | grep -qv '^0$'; do sleep 1; done
  end=$(date +%s.%N)
  python3 -c "print(f'publish → kiosk running version 2: {$end-$start:.0f} s (at most heartbeat_s + the import)')"
fi
