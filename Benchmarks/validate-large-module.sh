#!/usr/bin/env bash
# Benchmark: `coursepack validate` on a generated module of 2,000 pages (about 40,000 components).
#
#   Benchmarks/validate-large-module.sh            (from any folder)
#
# Generates the module (Benchmarks/generate_module.py, seeded, into Benchmarks/out/large-module),
# builds `swift build -c release --product coursepack`, checks that the module validates clean (the
# learner-state warning CP601 is expected and allowed), times `coursepack validate` with hyperfine
# (--warmup 1 --runs 5) against the budget (mean under 2 s), measures peak memory with
# /usr/bin/time -v, and times the Python peer (python-jsonschema validating the same module's YAML
# documents, Benchmarks/py_validate_module.py) for the ratio.
#
# Environment: PAGES (2000), COMPONENTS (20 per page), SEED (2024), BUDGET_SECONDS (2),
# Exit status: 0 PASS, 1 FAIL (over budget, or the module does not validate clean).
# PEER_RUNS (3: the peer takes about 20 s a run), SCRATCH_PATH (unset: SwiftPM's default .build;
# set it, e.g. to .build-bench, when another build holds the default one's lock).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
OUT="$BENCH_DIR/out"
MODULE="$OUT/large-module"
PAGES="${PAGES:-2000}"
COMPONENTS="${COMPONENTS:-20}"
SEED="${SEED:-2024}"
BUDGET_SECONDS="${BUDGET_SECONDS:-2}"
PEER_RUNS="${PEER_RUNS:-3}"

say() { printf '\n== %s\n' "$*"; }

# --- tools ---------------------------------------------------------------------------------------
source "$BENCH_DIR/tools.sh"
need_apt hyperfine hyperfine
need_apt /usr/bin/time time
need_pip yaml PyYAML
need_pip jsonschema "jsonschema>=4.18"
need_pip referencing referencing
command -v swift >/dev/null || { echo "swift is required (Swift 6)" >&2; exit 2; }

say "machine"
echo "cpus: $(nproc); $(lscpu | grep 'Model name' | sed 's/  */ /g'); memory: $(free -h | awk '/^Mem:/{print $2}')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other processes disturb the timings)"

# --- module ----------------------------------------------------------------------------------------
say "generating the module ($PAGES pages, about $COMPONENTS components each, seed $SEED)"
mkdir -p "$OUT"
python3 "$BENCH_DIR/generate_module.py" "$MODULE" --pages "$PAGES" --components "$COMPONENTS" --seed "$SEED"

# --- build ---------------------------------------------------------------------------------------
say "building coursepack (release)"
scratch=()
[ -n "${SCRATCH_PATH:-}" ] && scratch=(--scratch-path "$SCRATCH_PATH")
(cd "$REPO" && swift build -c release --product coursepack ${scratch[@]+"${scratch[@]}"})
BIN="$(cd "$REPO" && swift build -c release ${scratch[@]+"${scratch[@]}"} --show-bin-path)/coursepack"
echo "binary: $BIN"

# --- correctness ---------------------------------------------------------------------------------
say "coursepack validate on the module (must be clean apart from CP601)"
set +e
"$BIN" validate "$MODULE" > "$OUT/validate-output.txt" 2>&1
status=$?
set -e
errors=$(grep -c ': error: ' "$OUT/validate-output.txt" || true)
warnings=$(grep -c ': warning: ' "$OUT/validate-output.txt" || true)
other_warnings=$(grep ': warning: ' "$OUT/validate-output.txt" | grep -vc '\[CP601\]' || true)
tail -n 1 "$OUT/validate-output.txt"
echo "exit status $status, $errors errors, $warnings warnings ($other_warnings other than CP601); full output: $OUT/validate-output.txt"
if [ "$status" -ne 0 ] || [ "$errors" -ne 0 ] || [ "$other_warnings" -ne 0 ]; then
  grep -E ': (error|warning): ' "$OUT/validate-output.txt" | head -n 20
  echo "FAIL: the generated module does not validate clean; the timings below would not be meaningful" >&2
  exit 1
fi

# --- timing --------------------------------------------------------------------------------------
say "timing: coursepack validate (hyperfine --warmup 1 --runs 5)"
hyperfine --warmup 1 --runs 5 --style basic --export-json "$OUT/hyperfine-coursepack.json" \
  -n "coursepack validate" "'$BIN' validate '$MODULE'"

say "peak memory: /usr/bin/time -v coursepack validate"
/usr/bin/time -v "$BIN" validate "$MODULE" 2> "$OUT/time-coursepack.txt" > /dev/null
grep -E 'Maximum resident set size|Elapsed \(wall clock\)|Percent of CPU' "$OUT/time-coursepack.txt" | sed 's/^\s*/  /'

say "timing: the Python peer, python-jsonschema on the same YAML documents (hyperfine --runs $PEER_RUNS)"
hyperfine --warmup 0 --runs "$PEER_RUNS" --style basic --export-json "$OUT/hyperfine-python.json" \
  -n "python jsonschema" "python3 '$BENCH_DIR/py_validate_module.py' '$REPO/Schemas' '$MODULE'"
/usr/bin/time -v python3 "$BENCH_DIR/py_validate_module.py" "$REPO/Schemas" "$MODULE" 2> "$OUT/time-python.txt" > /dev/null
grep -E 'Maximum resident set size' "$OUT/time-python.txt" | sed 's/^\s*/  python peer: /'

# --- summary -------------------------------------------------------------------------------------
say "summary"
python3 - "$OUT" "$BUDGET_SECONDS" "$MODULE" <<'PY'
import json, os, re, sys
out, budget, module = sys.argv[1], float(sys.argv[2]), sys.argv[3]
def result(name):
    with open(os.path.join(out, name)) as f:
        return json.load(f)["results"][0]
def peak(name):
    with open(os.path.join(out, name)) as f:
        return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read()).group(1)) / 1024
ours, peer = result("hyperfine-coursepack.json"), result("hyperfine-python.json")
pages = len(os.listdir(os.path.join(module, "pages")))
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(module) for f in fs) / 1e6
print(f"module: {pages} pages, {size:.1f} MB")
print(f"coursepack validate:  mean {ours['mean']:.3f} s ± {ours['stddev'] or 0:.3f} (min {ours['min']:.3f}, max {ours['max']:.3f}), "
      f"user {ours['user']:.3f} s, system {ours['system']:.3f} s, peak memory {peak('time-coursepack.txt'):.0f} MiB")
print(f"python jsonschema:    mean {peer['mean']:.3f} s ± {peer['stddev'] or 0:.3f} (min {peer['min']:.3f}, max {peer['max']:.3f}), "
      f"peak memory {peak('time-python.txt'):.0f} MiB")
print(f"ratio: python jsonschema / coursepack = {peer['mean'] / ours['mean']:.1f}x "
      f"(coursepack does the whole check; the peer only parses YAML and validates schemas)")
verdict = "PASS" if ours["mean"] < budget else "FAIL"
print(f"budget: mean under {budget:g} s on this machine -> {verdict} ({ours['mean']:.3f} s)")
sys.exit(0 if verdict == "PASS" else 1)
PY
