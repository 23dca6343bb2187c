#!/usr/bin/env bash
# The lab dashboard's page times at the scale of a season: 100,000 answers (900 places, 20 kiosks)
# and 200,000 usage events in a throwaway PostgreSQL, `lab serve` (release build) on loopback, wrk
# with 8 connections for 20 s per page (HTTP Basic, as a script would; checked once, then
# remembered). Then 50 live pages open at once: how many connections the dashboard holds.
#   scripts/bench-dashboard.sh [ANSWERS]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-debian.sh --tests
command -v wrk >/dev/null || { [[ $(id -u) -eq 0 ]] && apt-get install -y -qq wrk >/dev/null || sudo apt-get install -y -qq wrk >/dev/null; }
answers=${1:-100000}
swift build -c release --product inclusion-map >/dev/null
bin=$PWD/.build/release/inclusion-map
pg=/tmp/inclusion-map-bench-dashboard-pg-$$
work=$PWD/.build/bench-dashboard
server=
trap '[[ -n $server ]] && kill $server 2>/dev/null; bash scripts/test-postgres.sh stop "$pg"' EXIT
url=$(bash scripts/test-postgres.sh start "$pg" 55992)
psql "$url" -qc "CREATE DATABASE dash" >/dev/null
lab=${url%/postgres}/dash
$bin lab migrate --lab-url "$lab" >/dev/null
psql "$lab" -qc "CREATE ROLE dash_reader LOGIN PASSWORD 'reader' IN ROLE inclusion_lab_reader" >/dev/null
echo "seeding $answers answers and $((answers * 2)) usage events…"
psql "$lab" -q <<SQL
INSERT INTO feedback (id, kiosk, place, kind, answers, created_at, received_at, app_version, schema_version)
SELECT gen_random_uuid(), 'kiosk-' || (n % 20), 'place-' || (n % 900), 'avis',
       jsonb_build_object('lieu_visite', 'oui', 'entree_plain_pied', (ARRAY['oui','non','ne_sait_pas'])[1 + n % 3],
                          'sanitaires_adaptes', (ARRAY['oui','non'])[1 + n % 2], 'satisfaction', (1 + n % 5)::text),
       now() - (n || ' minutes')::interval, now() - (n || ' minutes')::interval, 'bench', 1
FROM generate_series(1, $answers) AS n;
INSERT INTO usage_event (id, kiosk, visit, step, kind, detail, minute, app_version)
SELECT gen_random_uuid(), 'kiosk-' || (n % 20), md5((n / 10)::text)::uuid, n % 10,
       (ARRAY['visit_start','panel','filter','search','card','nearby','form_start','form_abandon','form_sent','visit_end'])[1 + n % 10],
       CASE n % 10 WHEN 0 THEN '{"language":"fr"}' WHEN 9 THEN '{"seconds":95,"ended":"idle","language":"fr"}'
                   WHEN 7 THEN '{"question":2,"answered":1}' WHEN 2 THEN '{"filter":"procedures","on":true}' ELSE '{}' END::jsonb,
       date_trunc('minute', now() - ((n / 10) || ' minutes')::interval), 'bench'
FROM generate_series(1, $((answers * 2))) AS n;
ANALYZE;
SQL
mkdir -p "$work"
$bin lab hash-password bench --password bench-password > "$work/users"
$bin lab serve --lab-url "postgres://dash_reader:reader@127.0.0.1:55992/dash" --users "$work/users" --listen 127.0.0.1:8199 > "$work/serve.log" 2>&1 &
server=$!
until curl -s -o /dev/null http://127.0.0.1:8199/healthz; do sleep 0.2; done
auth="Authorization: Basic $(printf 'bench:bench-password' | base64)"
curl -s -o /dev/null -H "$auth" http://127.0.0.1:8199/
for page in / /lieux /usage /flotte /export/feedback.csv; do
  first=$(curl -s -o /dev/null -w '%{time_total}' -H "$auth" "http://127.0.0.1:8199$page?first")
  if [[ $page == /export/* ]]; then
    echo "$page: $(curl -s -H "$auth" "http://127.0.0.1:8199$page" | wc -l) lines in ${first}s"
    continue
  fi
  echo "== $page (first request ${first}s)"
  wrk -t2 -c8 -d20s --latency -H "$auth" "http://127.0.0.1:8199$page" | grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx"
  echo "status now: $(curl -s -o /dev/null -w "%{http_code}" -H "$auth" "http://127.0.0.1:8199$page")"
done
echo "== while answers arrive (4 a second, each announced: the pages' data are computed again in the background)"
( for n in $(seq 1 120); do
    psql "$lab" -qc "INSERT INTO feedback (id, kiosk, place, kind, answers, created_at, app_version, schema_version)
                     VALUES (gen_random_uuid(), 'kiosk-live', 'place-$((n % 900))', 'avis', '{\"entree_plain_pied\": \"non\"}', now(), 'bench', 1)"
    sleep 0.25
  done ) &
inserter=$!
for page in / /lieux /usage; do
  echo "-- $page"
  wrk -t2 -c8 -d10s --latency -H "$auth" "http://127.0.0.1:8199$page" | grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx"
done
wait $inserter || true
echo "== 50 live pages open at once"
pids=()
for n in $(seq 1 50); do curl -s -N -H "$auth" http://127.0.0.1:8199/events > /dev/null & pids+=($!); done
sleep 2
# The listening connection's last statement is a LISTEN, or the read of an announced answer.
echo "connections the dashboard holds to the lab: $(psql "$lab" -XAtc "SELECT count(*) FROM pg_stat_activity WHERE usename = 'dash_reader'") (listening: $(psql "$lab" -XAtc "SELECT count(*) FROM pg_stat_activity WHERE usename = 'dash_reader' AND (query LIKE 'LISTEN%' OR query LIKE 'SELECT kiosk, coalesce(place%')"); the pool holds up to 8)"
kill "${pids[@]}" 2>/dev/null || true
