#!/usr/bin/env bash
# The host's browser tests: `coursepack serve` on a real port, driven by headless Chromium on a phone-sized
# window. Packs one of our samples, builds the other tools' packages (make_packages.py), imports them,
# creates learners and the admin password, then runs test_serve.py, which starts and stops the server.
# Usage: Tests/Serve/run.sh [--database sqlite:PATH|postgres://...]   (default: SQLite in the library)
#   With PostgreSQL the database must be empty (the learners' names are fixed).
# Screenshots go to Tests/Serve/out/. Exits non-zero when a test fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
database=""
while [ $# -gt 0 ]; do
  case "$1" in
    --database) database="$2"; shift 2 ;;
    *) echo "usage: Tests/Serve/run.sh [--database sqlite:PATH|postgres://...]" >&2; exit 2 ;;
  esac
done
. "$root/Tests/Browser/browser-tools.sh"
bin="${COURSEPACK:-$(cd "$root" && swift build --show-bin-path)/coursepack}"
if [ ! -x "$bin" ]; then echo "run.sh: $bin is missing; run swift build first" >&2; exit 2; fi
work="$(mktemp -d)"
# SERVE_KEEP=1 keeps the library and its database for a look after a failure.
if [ -z "${SERVE_KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "run.sh: keeping $work" >&2; fi
mkdir -p "$work/in" "$here/out"

python3 "$here/make_packages.py" "$work/in"
"$bin" pack "$root/Samples/first-weeks" --target scorm12 --out "$work/ours" >/dev/null
library="$work/library"
for zip in "$work/in/plain-sco-12.zip" "$work/in/two-sco-2004.zip" "$work/in/cmi5-quiz.zip" "$work/ours/"*.zip; do
  "$bin" import "$zip" --library "$library" >/dev/null
done
db_args=()
if [ -n "$database" ]; then db_args=(--database "$database"); fi
"$bin" serve learners add --library "$library" "${db_args[@]}" Amina Omar Samira >"$work/learners.tsv"
password="training-room-$$"
echo "$password" | "$bin" serve admin-password --library "$library" "${db_args[@]}" >/dev/null

export SERVE_BIN="$bin" SERVE_LIBRARY="$library" SERVE_DATABASE="$database" SERVE_LEARNERS="$work/learners.tsv"
export SERVE_ADMIN_PASSWORD="$password" SERVE_PACKAGES="$work/in" SERVE_OUT="$here/out"
export SERVE_PORT="${SERVE_PORT:-$((18000 + $$ % 400))}"
"$python" "$here/test_serve.py"
