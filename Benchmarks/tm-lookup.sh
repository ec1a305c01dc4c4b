#!/usr/bin/env bash
# Benchmark: translation-memory lookups. Fuzzy suggestions for 1,000 new strings against a memory
# of 200,000 units must take under 2 seconds on the project's 2-core machine.
#
#   Benchmarks/tm-lookup.sh            (from any folder)
#
# Builds Benchmarks/tm (TMBench, release, on the main package's CoursepackLocalize library), which
# generates the units and the strings (seeded; see Benchmarks/tm/Sources/TMBench/TMBench.swift),
# times the import into a new memory file, then times `TranslationMemory.suggestions(for:)` for
# all strings (threshold 75, 3 suggestions each) RUNS times, each on a newly opened memory.
# The peer: translate-toolkit's `translate.search.match.matcher` (with RapidFuzz) over the same
# units, timed on PEER_SAMPLE of the strings and extrapolated (it scans every unit of a similar
# length for each string, so all 1,000 would take minutes).
#
# Environment: UNITS (200000), QUERIES (1000), SEED (2024), RUNS (5), PEER_SAMPLE (100),
# BUDGET_SECONDS (2). Exit status: 0 PASS, 1 FAIL, 2 cannot run.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
OUT="$BENCH_DIR/out/tm"
UNITS="${UNITS:-200000}"
QUERIES="${QUERIES:-1000}"
SEED="${SEED:-2024}"
RUNS="${RUNS:-5}"
PEER_SAMPLE="${PEER_SAMPLE:-100}"
BUDGET_SECONDS="${BUDGET_SECONDS:-2}"

say() { printf '\n== %s\n' "$*"; }

source "$BENCH_DIR/tools.sh"
need_pip translate translate-toolkit
need_pip rapidfuzz rapidfuzz
command -v swift >/dev/null || { echo "swift is required (Swift 6)" >&2; exit 2; }
if ! grep -q 'library(name: "CoursepackLocalize"' "$REPO/Package.swift"; then
  echo "Package.swift has no CoursepackLocalize library product, which Benchmarks/tm needs:" >&2
  echo '  .library(name: "CoursepackLocalize", targets: ["CoursepackLocalize"])' >&2
  exit 2
fi

say "machine"
echo "cpus: $(nproc); $(lscpu | grep 'Model name' | sed 's/  */ /g'); memory: $(free -h | awk '/^Mem:/{print $2}')"
echo "sqlite: $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)') (Python's; the Swift build links the system libsqlite3)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other processes disturb the timings)"

say "building Benchmarks/tm (release)"
(cd "$BENCH_DIR/tm" && swift build -c release --product TMBench)
TMBENCH="$(cd "$BENCH_DIR/tm" && swift build -c release --show-bin-path)/TMBench"

say "ours: TranslationMemory ($UNITS units, $QUERIES strings, seed $SEED)"
mkdir -p "$OUT"
"$TMBENCH" "$OUT" --units "$UNITS" --queries "$QUERIES" --seed "$SEED" --runs "$RUNS"

say "peer: translate-toolkit matcher ($PEER_SAMPLE of the $QUERIES strings, extrapolated)"
python3 "$BENCH_DIR/tm/peer_tm.py" "$OUT" "$PEER_SAMPLE"

say "budget"
python3 - "$OUT" "$BUDGET_SECONDS" <<'PY'
import json, os, sys
out, budget = sys.argv[1], float(sys.argv[2])
ours = json.load(open(os.path.join(out, "tm-ours.json")))
peer = json.load(open(os.path.join(out, "tm-peer.json")))
median = ours["lookup_median_s"]
print(f"ours: {ours['queries']} strings against {ours['added']} units in {median:.3f} s (median of "
      f"{len(ours['lookup_s'])} runs; CPU {sorted(ours['lookup_cpu_s'])[len(ours['lookup_cpu_s']) // 2]:.3f} s); "
      f"import {ours['import_s']:.2f} s")
print(f"peer: translate-toolkit {peer['lookup_extrapolated_s']:.1f} s for {peer['queries']} strings "
      f"(extrapolated from {peer['timed']}); ours is {peer['lookup_extrapolated_s'] / median:.0f}x faster")
print(f"recall: {ours['near_original_found']} of the {ours['near_eligible']} near-duplicates whose original "
      f"scores 75 or more got it (or a closer unit)")
ok = median < budget
print(f"budget: under {budget:g} s for {ours['queries']} strings -> {'PASS' if ok else 'FAIL'}")
sys.exit(0 if ok else 1)
PY
