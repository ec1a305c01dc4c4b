#!/usr/bin/env bash
# Benchmark: the JSONSchema engine (ours) against python-jsonschema and jsonschema-rs, on every YAML
# document of the generated 2,000-page module.
#
#   Benchmarks/schema-engine.sh            (from any folder)
#
# Extracts module.yaml, each page's front matter and each component body as JSON Lines grouped by
# schema (Benchmarks/out/instances/<group>.jsonl, with index.json), then validates all of them with
#   ours           Benchmarks/SchemaBench (Swift, release, on the JSONSchema product)
#   jsonschema     python-jsonschema, referencing.Registry, Draft202012Validator, is_valid
#   jsonschema-rs  jsonschema_rs.Draft202012Validator with a Registry, is_valid
# Validators are built once, instances are parsed before the timing (parse + validation is reported
# too), and each engine's figure is the median of repeated passes. Budget: ours at least 10x faster
# than python-jsonschema.
#
# Environment: PAGES (2000), SEED (2024), BENCH_MIN_SECONDS (3), BENCH_MIN_PASSES (5 ours, 3 Python),
# MIN_SPEEDUP (10). Exit status: 0 PASS, 1 FAIL.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
OUT="$BENCH_DIR/out"
MODULE="$OUT/large-module"
INSTANCES="$OUT/instances"
PAGES="${PAGES:-2000}"
SEED="${SEED:-2024}"
MIN_SPEEDUP="${MIN_SPEEDUP:-10}"

say() { printf '\n== %s\n' "$*"; }

source "$BENCH_DIR/tools.sh"
need_pip yaml PyYAML
need_pip jsonschema "jsonschema>=4.18"
need_pip referencing referencing
need_pip jsonschema_rs jsonschema-rs
command -v swift >/dev/null || { echo "swift is required (Swift 6)" >&2; exit 2; }

say "machine"
echo "cpus: $(nproc); $(lscpu | grep 'Model name' | sed 's/  */ /g'); memory: $(free -h | awk '/^Mem:/{print $2}')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other processes disturb the timings)"

say "generating the module ($PAGES pages, seed $SEED) and extracting its YAML documents"
mkdir -p "$OUT"
python3 "$BENCH_DIR/generate_module.py" "$MODULE" --pages "$PAGES" --seed "$SEED"
python3 "$BENCH_DIR/module_docs.py" "$MODULE" "$INSTANCES"

say "building Benchmarks/SchemaBench (release)"
(cd "$BENCH_DIR/SchemaBench" && swift build -c release --product SchemaBench)
SCHEMABENCH="$(cd "$BENCH_DIR/SchemaBench" && swift build -c release --show-bin-path)/SchemaBench"

say "ours: JSONSchema (Swift)"
"$SCHEMABENCH" "$REPO/Schemas" "$INSTANCES" "$OUT/engine-ours.json"

say "python-jsonschema"
BENCH_MIN_PASSES="${BENCH_MIN_PASSES:-3}" \
  python3 "$BENCH_DIR/schema_bench.py" run jsonschema "$REPO/Schemas" "$INSTANCES" "$OUT/engine-jsonschema.json"

say "jsonschema-rs"
BENCH_MIN_PASSES="${BENCH_MIN_PASSES:-3}" \
  python3 "$BENCH_DIR/schema_bench.py" run jsonschema-rs "$REPO/Schemas" "$INSTANCES" "$OUT/engine-jsonschema-rs.json"

say "results (validation only; parse+validation: JSON text to verdict)"
python3 "$BENCH_DIR/schema_bench.py" table "$OUT/engine-ours.json" "$OUT/engine-jsonschema.json" "$OUT/engine-jsonschema-rs.json"

say "budget"
python3 - "$OUT" "$MIN_SPEEDUP" <<'PY'
import json, os, sys
out, needed = sys.argv[1], float(sys.argv[2])
load = lambda name: json.load(open(os.path.join(out, name)))
ours, py, rs = load("engine-ours.json"), load("engine-jsonschema.json"), load("engine-jsonschema-rs.json")
if ours["invalid"] or py["invalid"] or rs["invalid"]:
    print(f"note: invalid instances: ours {ours['invalid']}, jsonschema {py['invalid']}, jsonschema-rs {rs['invalid']} (expected 0)")
speedup = py["validate_ms"] / ours["validate_ms"]
print(f"ours vs python-jsonschema: {speedup:.1f}x faster (validation only), "
      f"{py['parse_validate_ms'] / ours['parse_validate_ms']:.1f}x (parse + validation)")
print(f"ours vs jsonschema-rs:     jsonschema-rs takes {rs['validate_ms'] / ours['validate_ms']:.2f}x our time "
      f"(validation only), {rs['parse_validate_ms'] / ours['parse_validate_ms']:.2f}x (parse + validation)")
print(f"budget: at least {needed:g}x faster than python-jsonschema -> {'PASS' if speedup >= needed else 'FAIL'}")
sys.exit(0 if speedup >= needed and not ours["invalid"] else 1)
PY
