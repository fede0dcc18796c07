#!/usr/bin/env bash
# Sets up what is missing, builds, and starts 创卫办公台. Where there is no data yet, it opens on
# the demo community. The database is CHUANGWEI_DB if set, else the data folder's
# (~/.local/share/chuangwei/chuangwei.db).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
echo "==> building the UI and the app (the first build takes a few minutes)"
npm --prefix ui run build --silent
cargo build -q -p cw-cli -p chuangwei-app --features chuangwei-app/custom-protocol
db="${CHUANGWEI_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/chuangwei/chuangwei.db}"
if [ ! -s "$db" ]; then
  echo "==> no data yet: creating the demo community in $db"
  target/debug/chuangwei --db "$db" demo >/dev/null
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "==> no display: starting under Xvfb"
  exec xvfb-run -a target/debug/chuangwei-app --db "$db"
fi
exec target/debug/chuangwei-app --db "$db"
