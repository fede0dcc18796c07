#!/usr/bin/env bash
# Installs what 创卫办公台 needs on Debian/Ubuntu and is missing: system packages, npm packages,
# and (for tests) tauri-driver. Safe to run again: it only installs what is absent.
# Usage: scripts/setup.sh [run|test]
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"

say() { printf '\033[1;32m==>\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# System packages: WebKitGTK and friends to build and run the Tauri app; a CJK font for the UI.
pkgs=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libsoup-3.0-dev librsvg2-dev
      libayatana-appindicator3-dev libxdo-dev fonts-noto-cjk xvfb xauth)
if [ "$mode" = test ]; then
  # End-to-end tests: Chromium, WebKit's WebDriver; document checks: poppler and qpdf; the
  # .xlsx files read back by a real spreadsheet program: LibreOffice Calc (no GUI).
  pkgs+=(chromium webkit2gtk-driver poppler-utils qpdf libreoffice-calc-nogui)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing system packages: ${missing[*]}"
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "缺少 Rust 工具链：请先按 https://rustup.rs 安装（stable），再运行本脚本。" >&2
  exit 1
fi
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "需要 Node.js 20 或更高版本（含 npm）。" >&2
  exit 1
fi

# npm packages, from the lock files, only when the lock changed since the last install.
npm_ci() {
  local dir=$1
  [ -f "$dir/package-lock.json" ] || return 0
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci ui
if [ "$mode" = test ]; then
  npm_ci tests/e2e
  npm_ci tests/e2e-tauri
  if ! command -v tauri-driver >/dev/null; then
    say "installing tauri-driver"
    cargo install tauri-driver --locked --quiet
  fi
fi
