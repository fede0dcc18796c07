#!/usr/bin/env bash
# Sets up what is missing and runs every test: formatting, lints, Rust unit and scenario tests,
# UI checks, the Chromium end-to-end suite and the Tauri end-to-end test under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
scripts/setup.sh test

passed=0
started=$SECONDS
step() {
  local name=$1; shift
  local t0=$SECONDS
  printf '\n\033[1;34m==> %s\033[0m\n' "$name"
  "$@"
  passed=$((passed + 1))
  printf '    (%s: %ds)\n' "$name" $((SECONDS - t0))
}
trap 'echo; echo "test suites: $passed passed, 1 failed"' ERR

step "rustfmt" cargo fmt --all -- --check
step "UI: lint, types, unit tests, build" bash -c 'cd ui && npm run --silent lint && npm run --silent typecheck && npm run --silent test && npm run --silent build'
step "clippy" cargo clippy --workspace --all-targets --features chuangwei-app/custom-protocol -- -D warnings
step "Rust unit and scenario tests" cargo test --workspace --features chuangwei-app/custom-protocol
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  step "types shared with the UI are up to date" git diff --exit-code -- ui/src/bindings
fi
step "build the CLI and the app" cargo build -p cw-cli -p chuangwei-app --features chuangwei-app/custom-protocol
export CW_BIN="$PWD/target/debug/chuangwei" CW_APP="$PWD/target/debug/chuangwei-app" CW_UI_DIST="$PWD/ui/dist"
step "end-to-end in Chromium" timeout 900 node --test tests/e2e/
step "end-to-end in the Tauri app under Xvfb" bash tests/e2e-tauri/run.sh
trap - ERR
echo
echo "test suites: $passed passed, 0 failed (in $((SECONDS - started)) s)"
