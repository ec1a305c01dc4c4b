#!/usr/bin/env bash
# `coursepack serve` under load, on loopback: wrk against the SCORM commit endpoint and the xAPI statements
# endpoint with 200 simulated learners (each its own session, attempt and cmi5 credential), beside a
# static file from the same server, on SQLite, on PostgreSQL, and on PostgreSQL with two instances behind
# nginx. Prints requests/s, p99 latency, non-2xx answers and the servers' peak memory (VmHWM).
#
# Two kinds of run. "As fast as it goes": each of the 200 connections sends its next request the moment
# the last is answered, which finds the most requests per second; its latency is mostly time spent
# queued behind the other 199 (by Little's law, 200 requests in flight at 2,000/s wait 100 ms on
# average), so it says little about the latency at a given load. "Paced at the budget": the same
# learners, requests offered at the budget's rate (2,000 commits/s, 3,000 statements/s) evenly spread
# (Benchmarks/serve/paced.lua), for PACED_SECONDS (default 30): the rate achieved and the p99 latency at
# that load, which is what the budget asks.
#
#   Benchmarks/serve.sh [SECONDS_PER_RUN] [CONFIGURATIONS]    (default: 10 "sqlite postgres postgres-2")
#   COURSEPACK_BIN=PATH Benchmarks/serve.sh ...               (a binary built already, instead of swift build -c release)
#   RUNS="static commits" Benchmarks/serve.sh ...             (only these of: static commits xapi paced-commits paced-xapi)
#
# Budget (issue 15), SQLite on 2 cores: 2,000 commits/s with p99 < 50 ms, 3,000 xAPI statements/s.
# Figures and commands: Benchmarks/README.md, section 10.
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/tools.sh
need_apt wrk wrk
need_apt nginx nginx
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need_apt /usr/lib/postgresql/15/bin/pg_ctl postgresql

seconds="${1:-10}"
paced_seconds="${PACED_SECONDS:-30}"
commit_rate="${COMMIT_RATE:-2000}"
statement_rate="${STATEMENT_RATE:-3000}"
configurations="${2:-sqlite postgres postgres-2}"
learners=200
connections=200
threads=2

# COURSEPACK_BIN: a coursepack binary built already (the figures in README.md are of a release build)
if [ -n "${COURSEPACK_BIN:-}" ]; then
  bin="$COURSEPACK_BIN"
else
  swift build -c release --product coursepack >/dev/null
  bin="$(swift build -c release --show-bin-path)/coursepack"
fi
work="$(mktemp -d)"
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  scripts/nginx-proxy.sh stop "$work/nginx" 2>/dev/null || true
  scripts/postgres-server.sh stop "$work/postgres" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Two modules, so that the SCORM 1.2 package and the cmi5 one have ids of their own.
"$bin" pack Samples/first-weeks --target scorm12 --out "$work/packages" >/dev/null
"$bin" pack Samples/talking-with-newcomers --target cmi5 --out "$work/packages" >/dev/null
for zip in "$work/packages"/*.zip; do "$bin" import "$zip" --library "$work/library" >/dev/null; done
# `library list`: ID VERSION KIND TITLE, the kind "SCORM 1.2", "SCORM 2004", "cmi5" or "web"
scorm="$("$bin" library list --library "$work/library" | awk '$3 == "SCORM" && $4 == "1.2" { print $1; exit }')"
cmi5="$("$bin" library list --library "$work/library" | awk '$3 == "cmi5" { print $1; exit }')"
if [ -z "$scorm" ] || [ -z "$cmi5" ]; then
  echo "serve.sh: cannot tell the SCORM 1.2 and cmi5 packages apart in:" >&2
  "$bin" library list --library "$work/library" >&2
  exit 1
fi

start_instance() {  # start_instance DATABASE PORT LOG [FLAGS...]
  local database="$1" port="$2" log="$3"; shift 3
  "$bin" serve --library "$work/library" --database "$database" --host 127.0.0.1 --port "$port" "$@" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 300); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "serve.sh: the instance on port $port did not start; its log:" >&2; tail -n 20 "$log" >&2; exit 1
}

# run_wrk NAME URL [LUA [RATE]]: prints "NAME req/s p99 non-2xx"; with RATE, offered at RATE requests/s
run_wrk() {
  local name="$1" url="$2" script="${3:-}" rate="${4:-}" output
  local cpu_before; cpu_before="$(server_cpu_ticks)"
  local args=(-t"$threads" -c"$connections" -d"${seconds}s" --latency --timeout 10s)
  [ -z "$rate" ] || args=(-t"$threads" -c"$connections" -d"${paced_seconds}s" --latency --timeout 10s)
  if [ -n "$rate" ]; then
    output="$(RATE="$rate" THREADS="$threads" PACED_LUA="$PWD/Benchmarks/serve/paced.lua" LEARNERS_LUA="$PWD/Benchmarks/serve/learners.lua" \
      wrk "${args[@]}" -s "Benchmarks/serve/$script" "$url" -- "$work/sessions" "$threads")"
  elif [ -n "$script" ]; then
    output="$(LEARNERS_LUA="$PWD/Benchmarks/serve/learners.lua" wrk "${args[@]}" -s "Benchmarks/serve/$script" "$url" \
      -- "$work/sessions" "$threads")"
  else
    output="$(wrk "${args[@]}" "$url")"
  fi
  echo "$output" > "$work/wrk-${name//[^a-z0-9-]/_}.txt"
  local cpu_after; cpu_after="$(server_cpu_ticks)"
  local rps p99 bad
  rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$output")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$output")"
  bad="$(awk '/Non-2xx or 3xx responses:/ { print $5 }' <<<"$output")"
  local errors
  errors="$(awk '/Socket errors:/ { sub(/^ *Socket errors: */, ""); print }' <<<"$output")"
  # The servers' CPU time per request (user + system, all instances): the cost of a request, which the
  # machine's load moves far less than requests/s.
  local requests cpu_us
  requests="$(awk '/requests in/ { print $1 }' <<<"$output")"
  cpu_us="$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$requests" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { if (n > 0) printf "%.0f", (b - a) * 1e6 / hz / n; else print "?" }')"
  printf '  %-22s %8s req/s   p99 %9s   server CPU %5s µs/req   non-2xx %-6s %s\n' "$name" "$rps" "$p99" "$cpu_us" "${bad:-0}" \
    "${errors:+socket errors: $errors}"
}

server_cpu_ticks() {  # user + system clock ticks of the running instances so far
  local pid total=0
  for pid in "${pids[@]}"; do
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat")))
  done
  echo "$total"
}

peak_rss() {  # the largest resident set of the running instances since they started, in MB
  local pid total=""
  for pid in "${pids[@]}"; do
    [ -r "/proc/$pid/status" ] || continue
    total+="$(awk '/VmHWM/ { printf "%.0f MB ", $2 / 1024 }' "/proc/$pid/status")"
  done
  echo "${total% }"
}

echo "coursepack serve under load: $learners learners, wrk -t$threads -c$connections -d${seconds}s, $(nproc) cores"
for configuration in $configurations; do
  pids=()
  case "$configuration" in
  sqlite)
    database="sqlite:$work/bench.sqlite"; rm -f "$work"/bench.sqlite*
    target="$(port)"; start_instance "$database" "$target" "$work/serve-sqlite.log"
    ;;
  postgres|postgres-2)
    [ -e "$work/postgres/data" ] || scripts/postgres-server.sh start "$work/postgres" "$(port)" >/dev/null
    database="$(scripts/postgres-server.sh createdb "$work/postgres" "bench_${configuration//-/_}")"
    if [ "$configuration" = postgres ]; then
      target="$(port)"; start_instance "$database" "$target" "$work/serve-postgres.log"
    else
      first="$(port)"; second="$(port)"
      start_instance "$database" "$first" "$work/serve-postgres-a.log" --behind-proxy
      start_instance "$database" "$second" "$work/serve-postgres-b.log" --behind-proxy
      target="$(port)"
      scripts/nginx-proxy.sh start "$work/nginx" "$target" "$first" "$second" >/dev/null
    fi
    ;;
  *) echo "serve.sh: unknown configuration '$configuration' (sqlite, postgres, postgres-2)" >&2; exit 2 ;;
  esac
  python3 Benchmarks/serve/sessions.py --coursepack "$bin" --library "$work/library" --database "$database" \
    --port "$target" --scorm "$scorm" --cmi5 "$cmi5" --learners "$learners" --out "$work/sessions"
  echo "$configuration:"
  for run in ${RUNS:-static commits xapi paced-commits paced-xapi}; do
    case "$run" in
    static) run_wrk static "http://127.0.0.1:$target/static/host.css" ;;
    commits) run_wrk commits "http://127.0.0.1:$target" commit.lua ;;
    xapi) run_wrk xapi-statements "http://127.0.0.1:$target" xapi.lua ;;
    paced-commits) run_wrk "commits @$commit_rate/s" "http://127.0.0.1:$target" commit.lua "$commit_rate" ;;
    paced-xapi) run_wrk "xapi @$statement_rate/s" "http://127.0.0.1:$target" xapi.lua "$statement_rate" ;;
    *) echo "serve.sh: unknown run '$run' (static commits xapi paced-commits paced-xapi)" >&2; exit 2 ;;
    esac
  done
  echo "  peak RSS of the server(s): $(peak_rss)"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  scripts/nginx-proxy.sh stop "$work/nginx" 2>/dev/null || true
done
