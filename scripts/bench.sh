#!/usr/bin/env bash
# The benchmark at ten times DESIGN §6 (issue 8); writes BENCHMARKS.md. Not part of test.sh.
#   scripts/bench.sh                  # scale 10: 200,000 parties, 2,000,000 receipts, 1,000,000 fines
#   BENCH_SCALE=1 scripts/bench.sh    # another scale
#   BENCH_APP=0 scripts/bench.sh      # without the desktop app's launch/memory/size part
# The scale database is built once in target/bench (BENCH_DIR) and reused; delete it to rebuild.
# Needs: a release build (done here), pdfinfo/pdftotext (poppler-utils); for the comparison,
# Debian's chromium; for the app part, xvfb-run, tauri-driver and WebKitWebDriver.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
scale=${BENCH_SCALE:-10}
target=${CARGO_TARGET_DIR:-$repo/target}
dir=${BENCH_DIR:-$target/bench}
out=$repo/BENCHMARKS.md
mkdir -p "$dir"

cargo build --release -p cw-scenarios --bin bench
"$target/release/bench" --dir "$dir" --scale "$scale" --out "$out" --repo "$repo"

if [[ "${BENCH_APP:-1}" == 1 ]]; then
  [[ -f ui/dist/index.html ]] || npm --prefix ui run build
  cargo build --release -p chuangwei-app --features chuangwei-app/custom-protocol
  {
    printf '\n## The desktop app (release build, under Xvfb, on the %s× database)\n\n' "$scale"
    env -u DBUS_SESSION_BUS_ADDRESS xvfb-run -a -s "-screen 0 1600x1000x24" \
      node scripts/bench-app.mjs "$target/release/chuangwei-app" "$dir/scale$scale.db" 5
  } >> "$out"
fi
if [[ -f docs/benchmarks-notes.md ]]; then
  { echo; cat docs/benchmarks-notes.md; } >> "$out"
fi
echo "wrote $out"
