#!/usr/bin/env bash
# Runs the tests of the LMS-side runtime (Runtime/) in headless Chromium: every data model element of
# SCORM 1.2 and SCORM 2004 4th Ed. with valid and invalid values and the exact error codes, the state
# machine, launch (entry, new attempt), strict and lenient, persistence and the call log.
# Prints one line per failed check and a summary; exits non-zero when a check failed.
# Needs chromium, chromium-driver and python3-selenium (scripts/setup.sh --browser).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import selenium' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
if [ -z "$python" ]; then
  echo "run.sh: selenium is missing; run scripts/setup.sh --browser" >&2
  exit 2
fi
for tool in "${CHROMIUM:-/usr/bin/chromium}" "${CHROMEDRIVER:-/usr/bin/chromedriver}"; do
  if [ ! -x "$tool" ]; then
    echo "run.sh: $tool is missing; run scripts/setup.sh --browser" >&2
    exit 2
  fi
done
exec "$python" "$here/run.py"
