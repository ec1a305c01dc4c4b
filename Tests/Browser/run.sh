#!/usr/bin/env bash
# Runs the player's browser tests in headless Chromium.
# Usage: Tests/Browser/run.sh [PACKAGES_DIR]
#   PACKAGES_DIR holds packages as `coursepack pack` writes them: *.zip files (each unzipped into a
#   temporary folder) and/or folders with an index.html. Without it, the hand-written fixtures are
#   packed once per target (scorm12, scorm2004, cmi5, web) with the player from Packaging/player.
# Screenshots go to Tests/Browser/out/. Exits non-zero when a test fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/packages" "$here/out"
# the test LMS (lms/lms.html) hosts the project's runtime: a fresh copy of Runtime/ in lms/runtime/ (ignored by git)
rm -rf "$here/lms/runtime"
mkdir -p "$here/lms/runtime"
cp "$here/../../Runtime/"*.js "$here/lms/runtime/"

if [ $# -ge 1 ]; then
  src="$(cd "$1" && pwd)"
  found=0
  for zip in "$src"/*.zip; do
    [ -e "$zip" ] || continue
    name="$(basename "$zip" .zip)"
    mkdir -p "$work/packages/$name"
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$work/packages/$name"
    found=1
  done
  for dir in "$src"/*/; do
    [ -f "$dir/index.html" ] || continue
    cp -R "$dir" "$work/packages/$(basename "$dir")"
    found=1
  done
  if [ "$found" -eq 0 ]; then
    echo "run.sh: no package (*.zip or folder with index.html) in $src" >&2
    exit 2
  fi
else
  python3 "$here/make_fixture_packages.py" "$work/packages"
fi

. "$here/browser-tools.sh"

# axe-core for the accessibility test: the file inside the PyPI wheel axe-playwright-python, cached
axe="$here/.cache/axe.min.js"
if [ ! -f "$axe" ]; then
  mkdir -p "$here/.cache" "$work/axe"
  python3 -m pip download --quiet --no-deps axe-playwright-python==0.1.8 -d "$work/axe"
  python3 -c 'import glob, sys, zipfile; open(sys.argv[1], "wb").write(zipfile.ZipFile(glob.glob(sys.argv[2] + "/*.whl")[0]).read("axe_playwright_python/axe.min.js"))' "$axe" "$work/axe"
fi
export AXE_JS="$axe"

exec "$python" "$here/test_player.py" --screenshots "$here/out" "$work/packages"/*/
