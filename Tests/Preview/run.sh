#!/usr/bin/env bash
# Runs the live preview's tests in headless Chromium: a real `coursepack preview` on a copy of
# Samples/first-weeks, edited from the test while the browser watches (see test_preview.py).
# Usage: Tests/Preview/run.sh [TEST_NAME...]
#   COURSEPACK=path/to/coursepack picks the binary (default: this checkout's debug build).
# Screenshots go to Tests/Preview/out/. Exits non-zero when a test fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="${COURSEPACK:-$(cd "$root" && swift build --show-bin-path)/coursepack}"
if [ ! -x "$binary" ]; then
  echo "run.sh: $binary is missing; run swift build first" >&2
  exit 2
fi
. "$root/Tests/Browser/browser-tools.sh"
mkdir -p "$here/out"
exec "$python" "$here/test_preview.py" --coursepack "$binary" --sample "$root/Samples/first-weeks" --screenshots "$here/out" "$@"
