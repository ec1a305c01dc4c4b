#!/usr/bin/env bash
# Runs a command with a private PostgreSQL server started for it (scripts/postgres-server.sh, in a
# temporary folder, on a free loopback port) and its URL in COURSEPACK_TEST_POSTGRES_URL; stops the server
# and removes its folder afterwards, whatever the command's outcome, and exits with the command's status.
#
#   Tests/Scale/with-postgres.sh swift test --filter CoursepackServeTests
#   Tests/Scale/with-postgres.sh sh -c 'Tests/Serve/run.sh --database "$COURSEPACK_TEST_POSTGRES_URL"'
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGUMENT...]" >&2; exit 2; }
scripts="$(cd "$(dirname "$0")/../../scripts" && pwd)"
folder="$(mktemp -d)"
chmod 755 "$folder"
trap '"$scripts/postgres-server.sh" stop "$folder/server" || true; rm -rf "$folder"' EXIT
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
COURSEPACK_TEST_POSTGRES_URL="$("$scripts/postgres-server.sh" start "$folder/server" "$port")"
export COURSEPACK_TEST_POSTGRES_URL
status=0
"$@" || status=$?
exit "$status"
