#!/usr/bin/env bash
# Starts and stops a throwaway PostgreSQL server for tests and benchmarks: a new cluster in DIR, on
# 127.0.0.1:PORT only, with its socket in DIR too, so it touches nothing of a PostgreSQL the machine may
# already run. Durability settings are PostgreSQL's defaults (fsync on, synchronous_commit on): the crash
# tests depend on them.
#
#   scripts/postgres-server.sh start DIR PORT   prints the URL to give `coursepack serve --database`
#   scripts/postgres-server.sh createdb DIR NAME another empty database on the same server; prints its URL
#   scripts/postgres-server.sh stop DIR         stops it (DIR is left for the caller to remove)
#
# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user that Debian's
# package creates (DIR must be reachable by it: a fresh `mktemp -d` under /tmp is).
set -euo pipefail

usage() { echo "usage: $0 start DIR PORT | createdb DIR NAME | stop DIR" >&2; exit 2; }
[ $# -ge 2 ] || usage
command="$1" dir="$2"

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "postgres-server: PostgreSQL's server programs are not installed (Debian: apt-get install postgresql; scripts/setup.sh --test does it)" >&2
  exit 2
fi

# Runs a PostgreSQL program as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
start)
  [ $# -eq 3 ] || usage
  port="$3"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  if [ -e "$dir/data" ]; then
    echo "postgres-server: $dir/data already exists; give an empty folder" >&2
    exit 2
  fi
  if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "postgres-server: running as root needs the 'postgres' user (Debian's postgresql package creates it)" >&2
      exit 2
    fi
    chown postgres "$dir"
  fi
  password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=' )"
  printf '%s\n' "$password" > "$dir/password"
  chmod 600 "$dir/password"
  [ "$(id -u)" -ne 0 ] || chown postgres "$dir/password"
  mkdir -p "$dir/run"
  [ "$(id -u)" -ne 0 ] || chown postgres "$dir/run"
  as_owner "$bin/initdb" -D "$dir/data" -U coursepack --pwfile="$dir/password" --auth=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    echo "postgres-server: initdb failed; its output:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
  cat >> "$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/run'
max_connections = 200
logging_collector = off
CONF
  if ! as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >/dev/null; then
    echo "postgres-server: PostgreSQL did not start on 127.0.0.1:$port; its log:" >&2
    tail -n 20 "$dir/postgres.log" >&2
    exit 1
  fi
  PGOPTIONS="--client-min-messages=warning" PGPASSWORD="$password" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U coursepack -d postgres \
    -c "CREATE DATABASE coursepack" >/dev/null
  echo "$port" > "$dir/port"
  echo "postgres://coursepack:$password@127.0.0.1:$port/coursepack"
  ;;
createdb)
  [ $# -eq 3 ] || usage
  name="$3" password="$(cat "$dir/password")" port="$(cat "$dir/port")"
  PGOPTIONS="--client-min-messages=warning" PGPASSWORD="$password" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U coursepack -d postgres \
    -c "DROP DATABASE IF EXISTS \"$name\"" -c "CREATE DATABASE \"$name\"" >/dev/null
  echo "postgres://coursepack:$password@127.0.0.1:$port/$name"
  ;;
stop)
  [ -d "$dir/data" ] || exit 0
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  ;;
*) usage ;;
esac
