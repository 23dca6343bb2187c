#!/usr/bin/env bash
# Installs the kiosk on this machine: release binary, assets, example configuration, systemd unit,
# and the dedicated `inclusion-map` user. Then: systemctl enable --now inclusion-map
#
#   scripts/install.sh [--prefix /usr/local] [--etc /etc] [--unit-dir /etc/systemd/system]
#                      [--binary PATH] [--no-system]
#   scripts/install.sh --uninstall [--purge]
#
# --binary     install this binary instead of building a release
# --no-system  files only: no user, no systemctl (packaging, tests)
# --uninstall  removes what was installed; the state directory (queued feedback, caches) stays
#              unless --purge is given as well.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=/usr/local etc=/etc unit_dir=/etc/systemd/system binary="" system=1 uninstall=0 purge=0
while (($#)); do
  case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --etc) etc=$2; shift 2 ;;
    --unit-dir) unit_dir=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --no-system) system=0; shift ;;
    --uninstall) uninstall=1; shift ;;
    --purge) purge=1; shift ;;
    *) echo "install.sh: unknown option $1 (see the comment at the top of the script)" >&2; exit 2 ;;
  esac
done

share="$prefix/share/inclusion-map"
conf="$etc/inclusion-map"
have_systemd() { ((system)) && command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; }

if ((uninstall)); then
  if have_systemd; then systemctl disable --now inclusion-map.service inclusion-map-cage.service 2>/dev/null || true; fi
  rm -f "$prefix/bin/inclusion-map" "$unit_dir/inclusion-map.service" "$unit_dir/inclusion-map-cage.service"
  rm -rf "$share"
  echo "removed the binary, assets and units; configuration kept in $conf"
  if ((purge)); then
    rm -rf "$conf" /var/lib/inclusion-map
    ((system)) && id inclusion-map >/dev/null 2>&1 && userdel inclusion-map
    echo "purged configuration, state (queued feedback included) and the inclusion-map user"
  else
    echo "state kept in /var/lib/inclusion-map (it may hold feedback not yet delivered); --purge removes it"
  fi
  have_systemd && systemctl daemon-reload
  exit 0
fi

if [[ -z "$binary" ]]; then
  source scripts/setup-debian.sh
  swift build -c release --product inclusion-map
  binary=.build/release/inclusion-map
fi

install -d "$prefix/bin" "$share" "$conf" "$unit_dir"
install -m 0755 "$binary" "$prefix/bin/inclusion-map"
rm -rf "$share/assets"
cp -r assets "$share/assets"
rm -rf "$share/lab"
cp -r lab "$share/lab"
install -m 0644 README.md "$share/README.md"
# The example configuration, with its paths pointing at the installed assets; an existing one is kept.
if [[ ! -f "$conf/kiosk.toml" ]]; then
  sed "s#\"\\.\\./assets/#\"$share/assets/#g" kiosk-config/kiosk.toml > "$conf/kiosk.toml"
  chmod 0644 "$conf/kiosk.toml"
else
  echo "keeping the existing $conf/kiosk.toml (the new example is $share/kiosk.toml.example)"
fi
sed "s#\"\\.\\./assets/#\"$share/assets/#g" kiosk-config/kiosk.toml > "$share/kiosk.toml.example"
# LoadCredential= needs the file to exist; the lab password goes in it (operations issue).
[[ -f "$conf/lab-password" ]] || install -m 0600 /dev/null "$conf/lab-password"
for unit in inclusion-map.service inclusion-map-cage.service; do
  sed -e "s#/usr/local/bin/inclusion-map#$prefix/bin/inclusion-map#g" \
      -e "s#/etc/inclusion-map/#$conf/#g" \
      -e "s#/usr/local/share/inclusion-map/#$share/#g" systemd/$unit > "$unit_dir/$unit"
  chmod 0644 "$unit_dir/$unit"
done

if ((system)); then
  for group in video input render; do getent group "$group" >/dev/null || groupadd --system "$group"; done
  id inclusion-map >/dev/null 2>&1 || useradd --system --home-dir /var/lib/inclusion-map --no-create-home \
    --shell /usr/sbin/nologin --groups video,input,render inclusion-map
  have_systemd && systemctl daemon-reload
fi
"$prefix/bin/inclusion-map" config check "$conf/kiosk.toml"
echo "installed. Start at boot and now: systemctl enable --now inclusion-map"
