#!/usr/bin/env bash
# Rebuilds assets/fonts/ChuangweiExtB-Regular.ttf, the fallback font cw-pdf embeds for the
# CJK ideographs Noto Serif SC lacks (Extension B), from Debian's fonts-hanazono (HanaMinB.ttf).
#
# Why a subset: HanaMinB holds Extensions B–F (60,317 ideographs, 30.7 MB; 12.8 MB packed with
# LZMA). The whole of it would take the standard installer from about 14 MB to about 27 MB, over
# its 25 MB goal; Extension B alone (42,711 ideographs, where most rare name characters such as
# 𪚥 U+2A6A5 are) is 22 MB, about 9.2 MB packed. The hinting (bytecode) is dropped: the glyphs
# go into PDFs, which printers and viewers rasterise without it.
#
# The font is under the SIL Open Font License 1.1 (or the Hanazono Font License); a modified
# version may not use the Reserved Font Names (HanaMinB, Hanazono Font…), so the subset is
# renamed "Chuangwei ExtB". The licence is shipped beside it (HanaMinB-LICENSE.txt).
#
# Usage: scripts/fonts/make-fallback-font.sh [UNICODE-RANGES]
#   default ranges: U+20000-2A6DF (Extension B); e.g. add Extension C–F with
#   U+20000-2A6DF,U+2A700-2EBEF (the installer grows by about 3.6 MB).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
ranges="${1:-U+20000-2A6DF}"
src=/usr/share/fonts/truetype/hanazono/HanaMinB.ttf
out="$here/assets/fonts/ChuangweiExtB-Regular.ttf"

if [ ! -f "$src" ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd=sudo
  $sudo_cmd apt-get install -y fonts-hanazono
fi
venv="${TMPDIR:-/tmp}/cw-fonttools-venv"
[ -x "$venv/bin/pyftsubset" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q fonttools; }

tmp="$(mktemp --suffix=.ttf)"
trap 'rm -f "$tmp"' EXIT
"$venv/bin/pyftsubset" "$src" --unicodes="$ranges" --output-file="$tmp" \
  --no-hinting --drop-tables+=BASE,FFTM,GDEF,vhea,vmtx,gasp --notdef-outline --name-IDs='*'
"$venv/bin/python" - "$tmp" "$out" <<'PY'
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
names = {
    1: "Chuangwei ExtB",
    3: "Chuangwei ExtB Regular (subset of HanaMinB 2017-09-04, Extension B)",
    4: "Chuangwei ExtB Regular",
    6: "ChuangweiExtB-Regular",
    16: "Chuangwei ExtB",
    17: "Regular",
}
table = f["name"]
table.names = [n for n in table.names if n.nameID not in (1, 3, 4, 6, 16, 17, 18)]
for nid, text in names.items():
    table.setName(text, nid, 3, 1, 0x409)
    table.setName(text, nid, 1, 0, 0)
f.save(sys.argv[2])
PY
cp /usr/share/doc/fonts-hanazono/copyright "$here/assets/fonts/HanaMinB-LICENSE.txt"
ls -l "$out"
