#!/usr/bin/env bash
# Installs what is missing and runs the whole test suite (unit, property, golden-image and
# end-to-end tests of the real binary under SDL's dummy video driver).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-debian.sh --tests
export SDL_VIDEODRIVER=dummy
swift build --build-tests
swift test --skip-build "$@"
