#!/usr/bin/env bash
# Installs what is missing and runs the whole test suite (unit, property, golden-image and
# end-to-end tests of the real binary under SDL's dummy video driver, delivery tests against a
# throwaway PostgreSQL started here and stopped at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-debian.sh --tests
export SDL_VIDEODRIVER=dummy
swift build --build-tests

pg_dir=/tmp/inclusion-map-test-pg-$$
pg_port=${INCLUSION_MAP_TEST_PG_PORT:-$((55000 + $$ % 5000))}
# The tests' temporary files (stores, state folders, sockets) in one folder, removed at the end;
# readable by others, as one test runs the kiosk as `nobody` on a state folder in it.
test_tmp=$(mktemp -d /tmp/inclusion-map-tests.XXXXXX)
chmod 755 "$test_tmp"
trap 'bash scripts/test-postgres.sh stop "$pg_dir"; rm -rf "$test_tmp"' EXIT
INCLUSION_MAP_TEST_PG_URL=$(bash scripts/test-postgres.sh start "$pg_dir" "$pg_port")
export INCLUSION_MAP_TEST_PG_URL

TMPDIR=$test_tmp swift test --skip-build "$@"
