#!/usr/bin/env bash
# Frame times with 5,000 place markers (synthetic, spread over the region) and their clustering,
# against the same tour with the bundled places: scripts/bench-markers.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5000}
state=.build/bench-markers-state
mkdir -p "$state"
swift build -c release --product inclusion-map >/dev/null
python3 scripts/make-synthetic-places.py "$n" "$state/synthetic.csv"
.build/release/inclusion-map import --replace --state-dir "$state" "$state/synthetic.csv" >/dev/null
echo "with $n synthetic places:"
BENCH_STATE="$state" bash scripts/bench-frames.sh "$@"
echo "with the bundled places:"
bash scripts/bench-frames.sh "$@"
