#!/usr/bin/env bash
# The host beyond one machine, with real servers on loopback: the PostgreSQL backend's tests, then crash
# safety (SIGKILL while commits are in flight) on SQLite and on PostgreSQL, then two instances behind
# nginx sharing PostgreSQL with one killed under load, then the host's browser suite (Tests/Serve/run.sh)
# on PostgreSQL. Starts its own PostgreSQL and nginx (in a temporary folder, on free ports) and stops them
# on exit.
#
#   Tests/Scale/run.sh [--skip-xctest] [--skip-browser]
#
#   --skip-xctest   scripts/test.sh ran the unit tests with a PostgreSQL already (Tests/Scale/with-postgres.sh)
#   --skip-browser  leave out Tests/Serve/run.sh (headless Chromium) on PostgreSQL
#
# Needs PostgreSQL's server programs and nginx (scripts/setup.sh --test installs them) and Python 3.
set -euo pipefail
cd "$(dirname "$0")/../.."
skip_xctest=0 skip_browser=0
for argument in "$@"; do
  case "$argument" in
    --skip-xctest) skip_xctest=1 ;;
    --skip-browser) skip_browser=1 ;;
    *) echo "usage: Tests/Scale/run.sh [--skip-xctest] [--skip-browser]" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d)"
chmod 755 "$work"
cleanup() {
  scripts/postgres-server.sh stop "$work/postgres" || true
  rm -rf "$work"
}
trap cleanup EXIT

port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

postgres_url="$(scripts/postgres-server.sh start "$work/postgres" "$(port)")"
echo "scale: PostgreSQL ${postgres_url%%:*}://...@${postgres_url##*@} started in $work/postgres"

if [ "$skip_xctest" = 0 ]; then
  COURSEPACK_TEST_POSTGRES_URL="$postgres_url" swift test --disable-swift-testing --filter 'CoursepackServeTests.Postgres'
fi

swift build --product coursepack >/dev/null
coursepack="$(swift build --show-bin-path)/coursepack"
"$coursepack" pack Samples/first-weeks --target scorm12 --out "$work/packages" >/dev/null
"$coursepack" import "$work/packages"/*.zip --library "$work/library" >/dev/null
package="$("$coursepack" library list --library "$work/library" | awk 'NR == 1 { print $1 }')"

status=0
echo "scale: crash safety on SQLite (${SECONDS} s)"
python3 Tests/Scale/crash_safety.py --coursepack "$coursepack" --library "$work/library" \
  --database "sqlite:$work/crash.sqlite" --package "$package" --log "$work/crash-sqlite.log" || status=1
echo "scale: crash safety on PostgreSQL (${SECONDS} s)"
python3 Tests/Scale/crash_safety.py --coursepack "$coursepack" --library "$work/library" \
  --database "$(scripts/postgres-server.sh createdb "$work/postgres" crash)" --package "$package" \
  --log "$work/crash-postgres.log" || status=1
echo "scale: two instances behind nginx, one killed (${SECONDS} s)"
python3 Tests/Scale/failover.py --coursepack "$coursepack" --library "$work/library" \
  --database "$(scripts/postgres-server.sh createdb "$work/postgres" failover)" --package "$package" \
  --nginx-dir "$work/nginx" --log "$work/failover.log" || status=1
if [ "$skip_browser" = 0 ]; then
  echo "scale: Tests/Serve/run.sh on PostgreSQL (${SECONDS} s)"
  # The core's browser suite, unchanged, on a database of its own on this PostgreSQL
  SERVE_PORT="$(port)" Tests/Serve/run.sh --database "$(scripts/postgres-server.sh createdb "$work/postgres" serve)" \
    || { echo "scale: Tests/Serve/run.sh failed on PostgreSQL"; status=1; }
fi
echo "scale: done in ${SECONDS} s"
if [ "$status" != 0 ]; then
  for log in "$work"/*.log; do echo "--- last lines of $log"; tail -n 15 "$log"; done
fi
exit "$status"
