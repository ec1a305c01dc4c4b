#!/usr/bin/env bash
# Makes the player's bundled fonts: Debian's Noto Sans Arabic and Noto Sans Ethiopic, subset to their
# scripts' Unicode blocks (the same ranges as Packaging/player/fonts/*.css) and saved as WOFF2 in
# Packaging/player/fonts/ (git-ignored: no font data lives in the repository). scripts/setup.sh installs
# fonts-noto-core, python3-fonttools and python3-brotli, and runs this before the build.
set -euo pipefail
cd "$(dirname "$0")/.."
out=Packaging/player/fonts
noto=/usr/share/fonts/truetype/noto

# Debian's fontTools lives with /usr/bin/python3; a PATH python with pip's fontTools and brotli works too.
python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import fontTools.subset, brotli' 2>/dev/null; then
    python="$candidate"; break
  fi
done
if [ -z "$python" ]; then
  echo "make-fonts: fontTools and brotli are missing (apt-get install python3-fonttools python3-brotli)" >&2
  exit 2
fi
for font in NotoSansArabic-Regular.ttf NotoSansEthiopic-Regular.ttf; do
  [ -f "$noto/$font" ] || { echo "make-fonts: $noto/$font is missing (apt-get install fonts-noto-core)" >&2; exit 2; }
done

make_font() {   # name source unicodes
  local name="$1" source="$2" unicodes="$3"
  if [ -s "$out/$name.woff2" ] && [ "$out/$name.woff2" -nt "$0" ] && [ "$out/$name.woff2" -nt "$source" ]; then return; fi
  "$python" -m fontTools.subset "$source" --unicodes="$unicodes" --flavor=woff2 --layout-features='*' \
    --no-hinting --desubroutinize --name-IDs='*' --output-file="$out/$name.woff2.tmp"
  mv "$out/$name.woff2.tmp" "$out/$name.woff2"
  echo "make-fonts: $out/$name.woff2 ($(wc -c < "$out/$name.woff2") bytes)"
}

make_font arabic "$noto/NotoSansArabic-Regular.ttf" "U+0600-06FF,U+0750-077F,U+0870-089F,U+08A0-08FF,U+200C-200F,U+FB50-FDFF,U+FE70-FEFF"
make_font ethiopic "$noto/NotoSansEthiopic-Regular.ttf" "U+1200-137F,U+1380-139F,U+2D80-2DDF,U+AB00-AB2F,U+1E7E0-1E7FF"
