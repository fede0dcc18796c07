#!/usr/bin/env bash
# Runs the Tauri end-to-end test on a private X display with a hard time limit.
#   tests/e2e-tauri/run.sh            # uses target/debug/chuangwei-app and target/debug/chuangwei
#   CW_BUILD=1 tests/e2e-tauri/run.sh # builds both first
# Needs: xvfb-run, WebKitWebDriver (webkit2gtk-driver) and tauri-driver (cargo install tauri-driver --locked).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"

if [[ "${CW_BUILD:-0}" == 1 ]]; then
  [[ -f ui/dist/index.html ]] || npm --prefix ui run build
  cargo build -p cw-cli
  # custom-protocol: the debug app serves the embedded ui/dist instead of the Vite dev server.
  cargo build -p chuangwei-app --features custom-protocol
fi

export PATH="$PATH:$HOME/.cargo/bin"
export CW_APP="${CW_APP:-$repo/target/debug/chuangwei-app}"
export CW_BIN="${CW_BIN:-$repo/target/debug/chuangwei}"
mkdir -p test-output
# No session D-Bus: the single-instance plugin then cannot find (and defer to) another running copy.
exec timeout --kill-after=10 300 env -u DBUS_SESSION_BUS_ADDRESS \
  xvfb-run -a -s "-screen 0 1600x1000x24" node --test --test-concurrency=1 tests/e2e-tauri/
