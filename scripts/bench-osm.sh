#!/usr/bin/env bash
# The basemap from an OpenStreetMap extract at the scale of a region: a synthetic region of streets
# (scripts/osm-fixtures.py: a grid over the region's bounds, a million ways by default, with lakes,
# forests, towns and buildings to skip) converted to .osm.pbf by osmium, then
#   1. a cold `prepare` (release build): the time of each stage, peak memory (GNU time), cache size;
#   2. a warm start: `prepare` again, which loads the cache;
#   3. the frame tour (scripts/bench-frames.sh) over it at 1920x1080 and 3840x2160, from the home
#      view and from street level (zoom 14 at Saint-Quentin, in the grid's middle).
#
#   scripts/bench-osm.sh [--ways N] [--detail K] [--buildings B] [--skip-frames]
#
# --detail K: nodes between a street's ends (default 1); --buildings B: buildings to read past
# (default N/10). `--ways 1500000 --detail 4 --buildings 3000000` comes near a region's extract.
# The extract is kept in .build/bench-osm/ and made again only for other figures.
set -euo pipefail
cd "$(dirname "$0")/.."
ways=1000000
detail=1
buildings=
frames=yes
while (($#)); do
  case "$1" in
    --ways) ways=${2:?--ways needs a number}; shift 2 ;;
    --detail) detail=${2:?--detail needs a number}; shift 2 ;;
    --buildings) buildings=${2:?--buildings needs a number}; shift 2 ;;
    --skip-frames) frames=no; shift ;;
    *) echo "bench-osm: unknown option $1 (expected --ways N, --detail K, --buildings B, --skip-frames)" >&2; exit 2 ;;
  esac
done
source scripts/setup-debian.sh --osm
swift build -c release --product inclusion-map >/dev/null
work=.build/bench-osm
mkdir -p "$work"
pbf="$work/region-$ways-$detail-${buildings:-default}.osm.pbf"
if [[ ! -s "$pbf" ]]; then
  echo "making the synthetic region ($ways ways)…"
  python3 scripts/osm-fixtures.py region --ways "$ways" --detail "$detail" ${buildings:+--buildings "$buildings"} - \
    | osmium cat -F osm - -o "$pbf.partial" -f pbf --overwrite
  mv "$pbf.partial" "$pbf"
fi
osmium fileinfo -e "$pbf" | grep -E "Size:|Number of (nodes|ways|relations)" | sed 's/^ */  /'
config="$work/kiosk.toml"
sed -e "s#\"\.\./#\"$PWD/#g" -e '/^lille_/d' -e "s#^\[basemap.sources\]#[basemap.sources]\nosm = \"$PWD/$pbf\"#" kiosk-config/kiosk.toml > "$config"
state="$work/state"
rm -rf "$state"
mkdir -p "$state"
echo "== cold prepare"
/usr/bin/time -f "wall %e s, peak RSS %M KB" .build/release/inclusion-map prepare --config "$config" --state-dir "$state" 2>"$work/time.log" \
  | grep -vE "^  (level|[a-z_]+:)" || { cat "$work/time.log" >&2; exit 1; }
tail -1 "$work/time.log"
echo "cache file: $(du -h "$state/basemap.cache" | cut -f1)"
echo "== warm start (the cache loaded)"
/usr/bin/time -f "wall %e s, peak RSS %M KB" .build/release/inclusion-map prepare --config "$config" --state-dir "$state" 2>"$work/time.log" \
  | grep -E "load cache|loaded from cache"
tail -1 "$work/time.log"
if [[ "$frames" == yes ]]; then
  echo "== frames, the tour from the home view"
  BENCH_STATE="$state" BENCH_CONFIG="$config" scripts/bench-frames.sh
  echo "== frames, the tour from street level (zoom 14, Saint-Quentin)"
  BENCH_STATE="$state" BENCH_CONFIG="$config" scripts/bench-frames.sh Tests/EndToEndTests/Traces/pan-pinch-tour.jsonl --center 49.85,3.29 --zoom 14
fi
