#!/usr/bin/env bash
# Installs the Debian packages the kiosk builds and runs with (and, with --tests, what the tests need).
# Safe to run again: it installs only what is missing. Needs root or sudo.
set -euo pipefail

# zlib1g-dev: the compressed blocks of OpenStreetMap extracts (.osm.pbf).
packages=(libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libsqlite3-dev pkg-config libespeak-ng-dev espeak-ng-data libqrencode-dev libfribidi-dev zlib1g-dev)
if [[ "${1:-}" == "--tests" ]]; then
  # xvfb and Mesa (llvmpipe): a real X11 window, as on a kiosk without a GPU (X11WindowTests), and
  # OpenGL and OpenGL ES 2 drawn by llvmpipe in it, the path a GPU takes (AcceleratedRendererTests).
  # zbar-tools: the QR codes on a rendered card are read back by a real decoder.
  # python3-venv: frictionless (PyPI), the national standard's reference validator, checks the export.
  # chromium: the lab dashboard's pages are loaded and looked at in a real browser.
  # osmium-tool: the tests' OpenStreetMap XML (scripts/osm-fixtures.py) becomes .osm.pbf as a real extract is.
  packages+=(postgresql openssl xvfb xauth libgl1-mesa-dri libegl-mesa0 zbar-tools python3-venv chromium curl osmium-tool)
elif [[ "${1:-}" == "--osm" ]]; then
  # scripts/bench-osm.sh: the synthetic region's OpenStreetMap XML converted to .osm.pbf, and
  # GNU time for the peak memory of `prepare`.
  packages+=(osmium-tool time)
elif [[ "${1:-}" == "--xvfb" ]]; then
  # The benchmarks' stand-in display on a machine without one (scripts/bench-frames.sh --renderer).
  packages+=(xvfb xauth libgl1-mesa-dri libegl-mesa0)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  for candidate in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
    [[ -x "$candidate/swift" ]] && export PATH="$candidate:$PATH"
  done
fi
if [[ "${1:-}" == "--tests" ]]; then
  tools="$PWD/.build/test-tools"
  if [[ ! -x "$tools/bin/frictionless" ]]; then
    echo "setup: installing frictionless (PyPI) in $tools"
    python3 -m venv "$tools"
    "$tools/bin/pip" install -q "frictionless==5.21.0"
  fi
  export INCLUSION_MAP_FRICTIONLESS="$tools/bin/frictionless"
fi

command -v swift >/dev/null 2>&1 || { echo "setup: Swift 6 is needed (swift.org toolchain for Debian 12) and was not found on PATH" >&2; exit 1; }
