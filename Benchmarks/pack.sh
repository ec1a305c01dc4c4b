#!/usr/bin/env bash
# Benchmark: `coursepack pack --target web` on a generated module of 2,000 pages and 500 MB of media,
# against bsdtar zipping the same files.
#
#   Benchmarks/pack.sh                         (from any folder)
#   MEDIA_MB=2000 Benchmarks/pack.sh           (another amount of media)
#
# Steps: build `coursepack` (release, scratch path .build-pack unless SCRATCH_PATH says otherwise);
# generate the module (Benchmarks/pack/generate_pack_module.py, seeded: PAGES pages, MEDIA_MB MiB of
# media that is compressed already, so stored); check that it validates clean; pack it once and unpack
# the zip into a staging folder, so that the peer zips exactly the files coursepack zipped; then time
# with hyperfine (--warmup 1 --runs RUNS):
#   coursepack pack MODULE --target web             (loads, checks, renders, hashes, zips)
#   bsdtar --format zip --options zip:compression=store   over the staged files (the peer: it stores
#       every file, so it does less work than coursepack, which deflates the text files)
#   zip -X -n .jpg:.png:.mp3:.mp4 over the staged files   (Info-ZIP with the same store/deflate split;
#       shown for reference, not part of the budget)
# and reports the ratio coursepack / bsdtar (budget: at most RATIO_BUDGET, 1.3), the phases of one
# pack (COURSEPACK_TIMINGS=1), and the peak memory of pack (/usr/bin/time -v; budget: under
# MEMORY_BUDGET_MB, 150) for MEDIA_MB and for each size in MEMORY_ALSO_MB ("50 2000"; empty to skip).
#
# Exit status: 0 PASS, 1 FAIL (over a budget, or the module does not validate clean, or two packs differ).
# Everything generated goes to Benchmarks/out/ (git-ignored); the modules of MEMORY_ALSO_MB are removed
# afterwards unless KEEP_MODULES=1.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
OUT="$BENCH_DIR/out"
PAGES="${PAGES:-2000}"
MEDIA_MB="${MEDIA_MB:-500}"
SEED="${SEED:-7}"
RUNS="${RUNS:-5}"
RATIO_BUDGET="${RATIO_BUDGET:-1.3}"
MEMORY_BUDGET_MB="${MEMORY_BUDGET_MB:-150}"
MEMORY_ALSO_MB="${MEMORY_ALSO_MB-50 2000}"
SCRATCH_PATH="${SCRATCH_PATH:-.build-pack}"
export SOURCE_DATE_EPOCH=1700000000

say() { printf '\n== %s\n' "$*"; }

# --- tools ---------------------------------------------------------------------------------------
source "$BENCH_DIR/tools.sh"
need_apt hyperfine hyperfine
need_apt /usr/bin/time time
need_apt bsdtar libarchive-tools
need_apt unzip unzip
need_apt zip zip
command -v swift >/dev/null || { echo "swift is required (Swift 6)" >&2; exit 2; }

say "machine"
echo "cpus: $(nproc); $(lscpu | grep 'Model name' | sed 's/  */ /g'); memory: $(free -h | awk '/^Mem:/{print $2}')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other processes disturb the timings)"
echo "bsdtar: $(bsdtar --version)"

# --- build ---------------------------------------------------------------------------------------
say "building coursepack (release, --scratch-path $SCRATCH_PATH)"
(cd "$REPO" && swift build -c release --scratch-path "$SCRATCH_PATH" --product coursepack)
BIN="$(cd "$REPO" && swift build -c release --scratch-path "$SCRATCH_PATH" --show-bin-path)/coursepack"
echo "binary: $BIN"

module_for() { echo "$OUT/pack-module-$1"; }
generate() {  # generate MEDIA_MB
  python3 "$BENCH_DIR/pack/generate_pack_module.py" "$(module_for "$1")" --pages "$PAGES" --media-mb "$1" --seed "$SEED"
}
peak_mb() {  # peak_mb MODULE ZIPDIR: peak resident memory of one pack, in MB (1,000,000 bytes)
  /usr/bin/time -v "$BIN" pack "$1" --target web --out "$2" 2> "$OUT/pack-time.txt" > /dev/null
  awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 * 1024 / 1000000 }' "$OUT/pack-time.txt"
}

# --- module --------------------------------------------------------------------------------------
MODULE="$(module_for "$MEDIA_MB")"
ZIPS="$OUT/pack-zips"
STAGED="$OUT/pack-staged"
say "generating the module ($PAGES pages, $MEDIA_MB MiB of media, seed $SEED)"
mkdir -p "$OUT" "$ZIPS"
generate "$MEDIA_MB"

say "coursepack validate (must be clean)"
if ! "$BIN" validate "$MODULE" > "$OUT/pack-validate.txt" 2>&1 || grep -qE ': (error|warning): ' "$OUT/pack-validate.txt"; then
  head -n 20 "$OUT/pack-validate.txt"
  echo "FAIL: the generated module does not validate clean" >&2
  exit 1
fi
tail -n 1 "$OUT/pack-validate.txt"

say "one pack, its phases, and the staged files"
rm -f "$ZIPS"/*.zip
COURSEPACK_TIMINGS=1 "$BIN" pack "$MODULE" --target web --out "$ZIPS"
ZIP="$(ls "$ZIPS"/*.zip)"
cp "$ZIP" "$OUT/pack-first.zip"
rm -rf "$STAGED" && mkdir -p "$STAGED"
(cd "$STAGED" && unzip -q "$ZIP" && find . -type f | sed 's|^\./||' | LC_ALL=C sort > "$OUT/pack-files.txt")
echo "$(wc -l < "$OUT/pack-files.txt") files, $(du -sh "$STAGED" | cut -f1) staged in $STAGED"

# --- timing --------------------------------------------------------------------------------------
say "timing (hyperfine --warmup 1 --runs $RUNS)"
hyperfine --warmup 1 --runs "$RUNS" --style basic --export-json "$OUT/pack-hyperfine.json" \
  -n "coursepack pack" "'$BIN' pack '$MODULE' --target web --out '$ZIPS'" \
  -n "bsdtar (store)" "cd '$STAGED' && bsdtar -cf '$OUT/pack-bsdtar.zip' --format zip --options zip:compression=store -T '$OUT/pack-files.txt'" \
  -n "zip -n (same split)" --prepare "rm -f '$OUT/pack-infozip.zip'" \
     "cd '$STAGED' && zip -q -X -n .jpg:.png:.mp3:.mp4 '$OUT/pack-infozip.zip' -@ < '$OUT/pack-files.txt'"

say "determinism: the first pack and the last timed one"
if cmp -s "$OUT/pack-first.zip" "$ZIP"; then echo "identical ($(stat -c %s "$ZIP") bytes)"; same=1; else echo "DIFFERENT"; same=0; fi
ls -l "$ZIP" "$OUT/pack-bsdtar.zip" "$OUT/pack-infozip.zip" | awk '{print $5, $9}'

# --- memory --------------------------------------------------------------------------------------
say "peak memory of coursepack pack (/usr/bin/time -v)"
memory_lines=()
memory_fail=0
for size in "$MEDIA_MB" $MEMORY_ALSO_MB; do
  [ "$size" = "$MEDIA_MB" ] || generate "$size" > /dev/null
  peak="$(peak_mb "$(module_for "$size")" "$OUT/pack-memory-zips")"
  rm -rf "$OUT/pack-memory-zips"
  verdict=PASS
  awk -v p="$peak" -v b="$MEMORY_BUDGET_MB" 'BEGIN { exit !(p < b) }' || { verdict=FAIL; memory_fail=1; }
  memory_lines+=("$size MiB of media: peak $peak MB (budget under $MEMORY_BUDGET_MB MB): $verdict")
  echo "${memory_lines[-1]}"
  if [ "$size" != "$MEDIA_MB" ] && [ "${KEEP_MODULES:-0}" != 1 ]; then rm -rf "$(module_for "$size")"; fi
done

# --- summary -------------------------------------------------------------------------------------
say "summary"
python3 - "$OUT/pack-hyperfine.json" "$RATIO_BUDGET" "$same" "$memory_fail" "${memory_lines[@]}" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
budget, same, memory_fail = float(sys.argv[2]), sys.argv[3] == "1", sys.argv[4] == "1"
def line(name):
    r = results[name]
    return f"{name:22} mean {r['mean']:.3f} s ± {r['stddev']:.3f}  (min {r['min']:.3f}, max {r['max']:.3f}; user {r['user']:.2f} s, system {r['system']:.2f} s)"
for name in results:
    print(line(name))
ratio = results["coursepack pack"]["mean"] / results["bsdtar (store)"]["mean"]
print(f"ratio coursepack / bsdtar: {ratio:.2f} (budget at most {budget}): {'PASS' if ratio <= budget else 'FAIL'}")
print(f"ratio coursepack / zip -n: {results['coursepack pack']['mean'] / results['zip -n (same split)']['mean']:.2f} (reference)")
for memory in sys.argv[5:]:
    print(memory)
print(f"byte-identical repacks: {'yes' if same else 'NO'}")
ok = ratio <= budget and same and not memory_fail
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
