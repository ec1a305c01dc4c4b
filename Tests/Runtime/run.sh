#!/usr/bin/env bash
# Runs the tests of the LMS-side runtime (Runtime/) in headless Chromium: every data model element of
# SCORM 1.2 and SCORM 2004 4th Ed. with valid and invalid values and the exact error codes, the state
# machine, launch (entry, new attempt), strict and lenient, persistence and the call log.
# Prints one line per failed check and a summary; exits non-zero when a check failed.
# Needs chromium, chromium-driver and python3-selenium (scripts/setup.sh --browser).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../Browser/browser-tools.sh"
exec "$python" "$here/run.py"
