#!/usr/bin/env bash
# Remakes the screenshots of the player and of the live preview in docs/screenshots/ (shown in
# docs/player.md and docs/preview.md).
# Usage: scripts/docs-screenshots.sh [OUT_DIR]        (OUT_DIR defaults to docs/screenshots)
#
# Packs Samples/first-weeks for the web target with `coursepack pack`, unzips it into a temporary
# folder, and opens index.html (English) and index.ar.html (Arabic) from file:// in headless Chromium
# (Tests/Browser/docs_screenshots.py, with the browser tests' set-up): the content page
# 04-emergencies and the final quiz with a question answered wrongly (its feedback and the focus ring
# showing), at 390x844 (phone) and 1280x800 (laptop), and the pager at the end of the content page on
# the phone. Viewport only, never the full page; then, when they are installed, pngquant (256 colours)
# and optipng make the files smaller.
#
# coursepack: $COURSEPACK, else .build/debug/coursepack, else .build-shots/debug/coursepack, else
# built with `swift build --scratch-path .build-shots --product coursepack`. Chromium, chromedriver and
# Selenium: installed by scripts/setup.sh --browser when missing. Exit status: 0 done, 1 a shot failed,
# 2 cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
out="${1:-docs/screenshots}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

coursepack="${COURSEPACK:-}"
if [ -z "$coursepack" ]; then
  for candidate in .build/debug/coursepack .build-shots/debug/coursepack; do
    if [ -x "$candidate" ]; then coursepack="$repo/$candidate"; break; fi
  done
fi
if [ -z "$coursepack" ]; then
  command -v swift >/dev/null 2>&1 || { echo "docs-screenshots: no coursepack binary and no swift to build one" >&2; exit 2; }
  swift build --scratch-path .build-shots --product coursepack
  coursepack="$repo/.build-shots/debug/coursepack"
fi

python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import selenium' 2>/dev/null; then
    python="$candidate"; break
  fi
done
if [ -z "$python" ] || [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ] || [ ! -x "${CHROMEDRIVER:-/usr/bin/chromedriver}" ]; then
  scripts/setup.sh --browser
  for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import selenium' 2>/dev/null; then
      python="$candidate"; break
    fi
  done
  [ -n "$python" ] || { echo "docs-screenshots: selenium is missing" >&2; exit 2; }
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$coursepack" pack Samples/first-weeks --target web --out "$work"
zip="$(ls "$work"/*.zip)"
mkdir "$work/package"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$work/package"

status=0
"$python" Tests/Browser/docs_screenshots.py "$work/package" "$out" || status=$?
# the live preview (docs/preview.md): its browser tests take the shots as they go (English, Arabic, review
# mode, a finding on the page); the ones the docs show are copied here
"$python" Tests/Preview/test_preview.py --coursepack "$coursepack" --sample Samples/first-weeks --screenshots "$work" \
  test_languages test_review test_errors || status=$?
for shot in preview-en preview-ar preview-review preview-error; do
  [ -f "$work/$shot.png" ] && cp "$work/$shot.png" "$out/$shot.png"
done

shopt -s nullglob
pngs=("$out"/player-*.png "$out"/preview-*.png)
if command -v pngquant >/dev/null 2>&1 && [ ${#pngs[@]} -gt 0 ]; then
  pngquant --force --ext .png --quality 70-95 --speed 1 --strip "${pngs[@]}" || true
fi
if command -v optipng >/dev/null 2>&1 && [ ${#pngs[@]} -gt 0 ]; then
  optipng -quiet -o2 -strip all "${pngs[@]}"
fi
[ ${#pngs[@]} -gt 0 ] && du -b "${pngs[@]}" | awk '{ total += $1; print } END { print total " bytes in all" }'
exit "$status"
