#!/usr/bin/env bash
# Benchmark: export and import of 100,000 units to and from PO and XLIFF 1.2, against translate-toolkit.
#
#   Benchmarks/exchange.sh            (from any folder)
#
# Budget (issue 3): export and import of 100,000 units to and from PO and XLIFF 1.2 at least 20 times
# faster than translate-toolkit (`po2xliff`, `xliff2po`) on the same data.
#
# Generates a prose-only module with 100,000 translatable units (Benchmarks/exchange/generate.py,
# seeded, into Benchmarks/out/exchange/module, locales: [de]), builds `swift build -c release
# --product coursepack`, checks that it validates (warnings allowed, no errors), runs `coursepack
# strings update` to make the tables, fills locales/de.po with a stand-in German translation of every
# string (Benchmarks/exchange/fill_po.py) and checks that `strings status` says 100% translated. Then
# times with hyperfine (--warmup 1, --runs 5 for ours, PEER_RUNS for the peer):
#
#   ours:  strings export --format po       strings export --format xliff12
#          strings import <the XLIFF 1.2>   strings import <the PO>     (unchanged files: every string
#          is read and compared with the table, nothing is written)
#   peer:  po2xliff de.po peer.xlf          xliff2po peer.xlf peer.po
#
# The module's tables are current (written by `strings update` from the source as it is), so ours
# reads them instead of the pages. The same export and import on a copy whose template does not
# record the source's digest (tables written by an older Coursepack, or a source edited since) take
# the long way: load every page, extract, reconcile. Those are timed too and printed for information.
#
# and measures peak memory with /usr/bin/time -v. Prints a table (operation, ours, peer, ratio) and
# PASS/FAIL: the budget compares export xliff12 with po2xliff and import xliff12 with xliff2po.
#
# Environment: UNITS (100000), PAGES (500), SEED (2024), RUNS (5), PEER_RUNS (3), MIN_SPEEDUP (20),
# SCRATCH_PATH (unset: SwiftPM's default .build; set it, e.g. to .build-bench2, when another build
# holds the default one's lock).
# Exit status: 0 PASS, 1 FAIL (under the budget, or the module/tables are not as they should be).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
HELPERS="$BENCH_DIR/exchange"
OUT="$BENCH_DIR/out/exchange"
MODULE="$OUT/module"
FILES="$OUT/files"
UNITS="${UNITS:-100000}"
PAGES="${PAGES:-500}"
SEED="${SEED:-2024}"
RUNS="${RUNS:-5}"
PEER_RUNS="${PEER_RUNS:-3}"
MIN_SPEEDUP="${MIN_SPEEDUP:-20}"

say() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

# --- tools ---------------------------------------------------------------------------------------
source "$BENCH_DIR/tools.sh"
need_apt hyperfine hyperfine
need_apt /usr/bin/time time
need_pip translate.storage.xliff translate-toolkit
command -v po2xliff >/dev/null && command -v xliff2po >/dev/null \
  || { echo "po2xliff/xliff2po not on PATH after installing translate-toolkit" >&2; exit 2; }
command -v swift >/dev/null || { echo "swift is required (Swift 6)" >&2; exit 2; }

say "machine"
echo "cpus: $(nproc); $(lscpu | grep 'Model name' | sed 's/  */ /g'); memory: $(free -h | awk '/^Mem:/{print $2}')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other processes disturb the timings)"
echo "peer: $(po2xliff --version 2>&1 | head -n 1), $(xliff2po --version 2>&1 | head -n 1); $(python3 --version)"

# --- build ---------------------------------------------------------------------------------------
say "building coursepack (release)"
scratch=()
[ -n "${SCRATCH_PATH:-}" ] && scratch=(--scratch-path "$SCRATCH_PATH")
(cd "$REPO" && swift build -c release --product coursepack ${scratch[@]+"${scratch[@]}"})
BIN="$(cd "$REPO" && swift build -c release ${scratch[@]+"${scratch[@]}"} --show-bin-path)/coursepack"
echo "binary: $BIN"

# --- module and tables ---------------------------------------------------------------------------
say "generating the module ($UNITS units, $PAGES pages, seed $SEED)"
mkdir -p "$OUT"
rm -rf "$FILES"
mkdir -p "$FILES"
python3 "$HELPERS/generate.py" "$MODULE" --units "$UNITS" --pages "$PAGES" --seed "$SEED"

say "coursepack validate (no errors allowed)"
set +e
"$BIN" validate "$MODULE" > "$OUT/validate-output.txt" 2>&1
status=$?
set -e
errors=$(grep -c ': error: ' "$OUT/validate-output.txt" || true)
warnings=$(grep -c ': warning: ' "$OUT/validate-output.txt" || true)
tail -n 1 "$OUT/validate-output.txt"
echo "exit status $status, $errors errors, $warnings warnings; full output: $OUT/validate-output.txt"
if [ "$errors" -ne 0 ] || [ "$status" -gt 1 ]; then
  grep -E ': error: ' "$OUT/validate-output.txt" | head -n 20
  fail "the generated module does not validate"
fi

say "strings update, then the stand-in German translation of every string"
"$BIN" strings update --module "$MODULE" | tail -n 3
python3 "$HELPERS/fill_po.py" "$MODULE/locales/de.po"
"$BIN" strings update --module "$MODULE" | tail -n 3   # the table in the tool's own layout
"$BIN" strings status --module "$MODULE" --format json > "$OUT/status.json"
"$BIN" strings status --module "$MODULE" | tail -n 5
python3 - "$OUT/status.json" "$UNITS" <<'PY' || fail "the tables are not 100% translated with $UNITS units"
import json, sys
status, units = json.load(open(sys.argv[1])), int(sys.argv[2])
text = json.dumps(status)
# Look for the de locale's counts wherever the report keeps them.
def find(o):
    if isinstance(o, dict):
        if str(o.get("locale", "")).lower() == "de":
            return o
        for v in o.values():
            r = find(v)
            if r: return r
    if isinstance(o, list):
        for v in o:
            r = find(v)
            if r: return r
de = find(status)
print("de:", json.dumps(de)[:400])
total = de.get("total") or de.get("units")
translated = sum(de.get(k, 0) or 0 for k in ("translated", "final"))
ok = total == units and translated == total
print(f"units {total}, translated {translated}: {'ok' if ok else 'NOT as expected'}")
sys.exit(0 if ok else 1)
PY

# --- the exchanged files, and a check of the imports ---------------------------------------------
say "exporting the files once, and importing them once (must import 0, refuse 0)"
"$BIN" strings export --module "$MODULE" --locale de --format po --out "$FILES/ours.po"
"$BIN" strings export --module "$MODULE" --locale de --format xliff12 --out "$FILES/ours.xlf"
cp "$MODULE/locales/de.po" "$FILES/de.po"    # the peer's input: the module's table itself
for f in ours.xlf ours.po; do
  set +e
  "$BIN" strings import --module "$MODULE" "$FILES/$f" > "$OUT/import-$f.txt" 2>&1
  status=$?
  set -e
  head -n 1 "$OUT/import-$f.txt"
  echo "  exit status $status; warnings $(grep -c '  warning: ' "$OUT/import-$f.txt" || true), refused $(grep -c '  refused: ' "$OUT/import-$f.txt" || true), skipped $(grep -c '  skipped: ' "$OUT/import-$f.txt" || true)"
  [ "$status" -eq 0 ] || fail "importing $f was not clean ($OUT/import-$f.txt)"
  grep -q ': 0 strings imported' "$OUT/import-$f.txt" || fail "importing the unchanged $f changed strings"
done
cmp -s "$FILES/de.po" "$MODULE/locales/de.po" || fail "an import of an unchanged file rewrote locales/de.po"
po2xliff --progress=none "$FILES/de.po" "$FILES/peer.xlf"
xliff2po --progress=none "$FILES/peer.xlf" "$FILES/peer.po"
ls -l "$FILES" | awk 'NR>1{printf "  %-10s %12d bytes\n", $9, $5}'
python3 - "$FILES" <<'PY'
import re, sys, os
d = sys.argv[1]
def count(name, pattern):
    with open(os.path.join(d, name), encoding="utf-8") as f:
        return len(re.findall(pattern, f.read()))
print(f"  trans-units: ours.xlf {count('ours.xlf', '<trans-unit ')}, peer.xlf {count('peer.xlf', '<trans-unit ')}; "
      f"msgid entries: de.po {count('de.po', '(?m)^msgid ') - 1}, ours.po {count('ours.po', '(?m)^msgid ') - 1}, "
      f"peer.po {count('peer.po', '(?m)^msgid ') - 1}")
PY

# --- timing --------------------------------------------------------------------------------------
say "a copy of the module whose tables are not known to be current (the long way)"
rm -rf "$OUT/module-long-way"
cp -r "$MODULE" "$OUT/module-long-way"
grep -v 'X-Coursepack-Source-Digest' "$MODULE/locales/source.pot" > "$OUT/module-long-way/locales/source.pot"

say "timing: ours (hyperfine --warmup 1 --runs $RUNS)"
hyperfine --warmup 1 --runs "$RUNS" --style basic --export-json "$OUT/hyperfine-ours.json" \
  -n "export po" "'$BIN' strings export --module '$MODULE' --locale de --format po --out '$FILES/bench.po'" \
  -n "export xliff12" "'$BIN' strings export --module '$MODULE' --locale de --format xliff12 --out '$FILES/bench.xlf'" \
  -n "import xliff12" "'$BIN' strings import --module '$MODULE' '$FILES/ours.xlf'" \
  -n "import po" "'$BIN' strings import --module '$MODULE' '$FILES/ours.po'" \
  -n "export xliff12, long way" "'$BIN' strings export --module '$OUT/module-long-way' --locale de --format xliff12 --out '$FILES/bench-long.xlf'" \
  -n "import xliff12, long way" "'$BIN' strings import --module '$OUT/module-long-way' '$FILES/ours.xlf'"

say "timing: translate-toolkit (hyperfine --warmup 1 --runs $PEER_RUNS)"
hyperfine --warmup 1 --runs "$PEER_RUNS" --style basic --export-json "$OUT/hyperfine-peer.json" \
  -n "po2xliff" "po2xliff --progress=none '$FILES/de.po' '$FILES/peer-bench.xlf'" \
  -n "xliff2po" "xliff2po --progress=none '$FILES/peer.xlf' '$FILES/peer-bench.po'"

say "peak memory (/usr/bin/time -v)"
time_v() { local name="$1"; shift; /usr/bin/time -v "$@" > /dev/null 2> "$OUT/time-$name.txt"; }
time_v export-po "$BIN" strings export --module "$MODULE" --locale de --format po --out "$FILES/bench.po"
time_v export-xliff12 "$BIN" strings export --module "$MODULE" --locale de --format xliff12 --out "$FILES/bench.xlf"
time_v import-xliff12 "$BIN" strings import --module "$MODULE" "$FILES/ours.xlf"
time_v import-po "$BIN" strings import --module "$MODULE" "$FILES/ours.po"
time_v po2xliff po2xliff --progress=none "$FILES/de.po" "$FILES/peer-bench.xlf"
time_v xliff2po xliff2po --progress=none "$FILES/peer.xlf" "$FILES/peer-bench.po"
cmp -s "$FILES/de.po" "$MODULE/locales/de.po" || fail "the timed imports rewrote locales/de.po"

# --- summary -------------------------------------------------------------------------------------
say "summary"
python3 - "$OUT" "$MIN_SPEEDUP" <<'PY'
import json, os, re, sys
out, budget = sys.argv[1], float(sys.argv[2])
def results(name):
    with open(os.path.join(out, name)) as f:
        return {r["command"]: r for r in json.load(f)["results"]}
def peak(name):
    with open(os.path.join(out, f"time-{name}.txt")) as f:
        return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read()).group(1)) / 1024
ours, peer = results("hyperfine-ours.json"), results("hyperfine-peer.json")
def fmt(r):
    # hyperfine gives no standard deviation for a single run (PEER_RUNS=1).
    return f"{r['mean']:.3f} s ± {r['stddev'] or 0:.3f}"
rows = [("export PO -> XLIFF 1.2", "export xliff12", "po2xliff", True),
        ("import XLIFF 1.2 -> PO", "import xliff12", "xliff2po", True),
        ("export PO", "export po", "po2xliff", False),
        ("import PO", "import po", "xliff2po", False)]
print(f"{'operation':<24} {'ours: mean ± σ':<19} {'CPU':>7} {'peak RSS':>9}   {'peer':<9} {'mean ± σ':<19} {'peak RSS':>9} {'ratio':>6}  budget")
verdicts = []
for label, o, p, budgeted in rows:
    a, b = ours[o], peer[p]
    ratio = b["mean"] / a["mean"]
    verdict = ("PASS" if ratio >= budget else "FAIL") if budgeted else "(info)"
    if budgeted:
        verdicts.append(verdict)
    print(f"{label:<24} {fmt(a):<19} {a['user'] + a['system']:>6.2f}s {peak(o.replace(' ', '-')):>6.0f} MiB   {p:<9} {fmt(b):<19} "
          f"{peak(p):>5.0f} MiB {ratio:>5.2f}x  {verdict}")
print()
print("ratio = peer mean / ours mean; the peer converts one file into another; ours also checks that the")
print("tables are current with the source (a digest of module.yaml, every page and the schemas), reads the")
print("template and the table, and on import compares every string with the table before deciding there is")
print("nothing to write.")
for o in ("export xliff12, long way", "import xliff12, long way"):
    r = ours[o]
    p = "po2xliff" if o.startswith("export") else "xliff2po"
    print(f"  ours {o}: {fmt(r)} ({peer[p]['mean'] / r['mean']:.1f}x {p}): tables not known to be current, so every")
    print(f"    page is loaded, its units extracted and reconciled with the template (the first command after an edit)")
for o in ("export po", "export xliff12", "import xliff12", "import po"):
    r = ours[o]
    print(f"  ours {o:<15} min {r['min']:.3f} s, max {r['max']:.3f} s, user {r['user']:.3f} s, system {r['system']:.3f} s")
for p in ("po2xliff", "xliff2po"):
    r = peer[p]
    print(f"  peer {p:<15} min {r['min']:.3f} s, max {r['max']:.3f} s, user {r['user']:.3f} s, system {r['system']:.3f} s")
for label, o, p, budgeted in rows[:2]:
    print(f"  {label}: the budget needs ours at most {peer[p]['mean'] / budget:.3f} s ({p} mean / {budget:g}); ours is {ours[o]['mean']:.3f} s")
overall = "PASS" if all(v == "PASS" for v in verdicts) else "FAIL"
print(f"\nbudget: at least {budget:g}x faster than translate-toolkit for XLIFF 1.2 export and import -> {overall}")
sys.exit(0 if overall == "PASS" else 1)
PY
