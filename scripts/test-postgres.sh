#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, on a loopback port, run by an unprivileged user
# (PostgreSQL refuses root).
#   scripts/test-postgres.sh start DIR PORT   → prints the superuser URL
#   scripts/test-postgres.sh stop DIR
set -euo pipefail
action=$1 dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$bin/initdb" ]] || { echo "test-postgres: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
  start)
    port=$3
    rm -rf "$dir"
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    echo postgres > "$dir.pw"; chmod 644 "$dir.pw"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir.pw" --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 || { cat "$dir.initdb.log" >&2; exit 1; }
    rm -f "$dir.pw"
    # TLS with a throwaway self-signed certificate, so that `require` and `verify-full` are tested too.
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
      -keyout "$dir/data/server.key" -out "$dir/data/server.crt" >/dev/null 2>&1
    chmod 600 "$dir/data/server.key"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir/data/server.key" "$dir/data/server.crt"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=120 -c ssl=on" start >/dev/null
    echo "postgres://postgres:postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    [[ -d "$dir/data" ]] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir" "$dir.initdb.log"
    ;;
esac
