#!/usr/bin/env bash
# Benchmark: `coursepack verify` and `coursepack import` of a 2 GB package, against `bsdtar -x` of the
# same zip; peak memory of both; and `coursepack verify` of 1,000 small packages in one call.
#
#   Benchmarks/verify.sh                    (from any folder)
#   SIZE_MB=500 Benchmarks/verify.sh        (another package size)
#
# The package (generated once, seeded, in Benchmarks/out/verify/): a SCORM 1.2 zip made by bsdtar with
# SIZE_MB MiB of media that is compressed already (stored, as packers store jpg and mp4) in files of
# 1 to 8 MiB, and 2,000 HTML pages (deflated), with a manifest listing every file.
# Timed with hyperfine (--warmup 1 --runs RUNS):
#   coursepack verify PKG                      reads the central directory, checks every header,
#                                              inflates and CRC-checks every entry (nothing written)
#   coursepack import PKG --library L          the same, unpacking into the library, plus the catalog
#   bsdtar -xf PKG -C DIR                      the peer: unpacks every entry (CRC-checked)
# Budgets: verify and import at most RATIO_BUDGET (1.5) times bsdtar -x; peak memory (/usr/bin/time -v)
# under MEMORY_BUDGET_MB (100) for both. Then 1,000 small packages (copies of a small SCORM 2004
# package under different names) verified in one call.
#
# Exit status: 0 PASS, 1 FAIL. Everything generated goes to Benchmarks/out/ (git-ignored).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
OUT="$BENCH_DIR/out/verify"
SIZE_MB="${SIZE_MB:-2048}"
RUNS="${RUNS:-3}"
RATIO_BUDGET="${RATIO_BUDGET:-1.5}"
MEMORY_BUDGET_MB="${MEMORY_BUDGET_MB:-100}"
SMALL="${SMALL:-1000}"
SCRATCH_PATH="${SCRATCH_PATH:-.build-verify}"

say() { printf '\n== %s\n' "$*"; }
source "$BENCH_DIR/tools.sh"
need_apt hyperfine hyperfine
need_apt /usr/bin/time time
need_apt bsdtar libarchive-tools

say "build (release, $SCRATCH_PATH)"
(cd "$REPO" && swift build -c release --scratch-path "$SCRATCH_PATH" --product coursepack >/dev/null)
CP="$REPO/$SCRATCH_PATH/release/coursepack"

mkdir -p "$OUT"
PKG="$OUT/package-${SIZE_MB}mb.zip"
if [ ! -f "$PKG" ]; then
  say "generate a ${SIZE_MB} MiB package"
  rm -rf "$OUT/src" && mkdir -p "$OUT/src"
  python3 - "$OUT/src" "$SIZE_MB" <<'PY'
import os, random, sys
root, size_mb = sys.argv[1], int(sys.argv[2])
random.seed(11)
os.makedirs(f"{root}/media", exist_ok=True)
os.makedirs(f"{root}/pages", exist_ok=True)
files = []
total, index = 0, 0
while total < size_mb << 20:
    size = random.randint(1, 8) << 20
    name = f"media/clip-{index:05d}.mp4"
    with open(f"{root}/{name}", "wb") as f:
        f.write(os.urandom(size))
    files.append(name); total += size; index += 1
for page in range(2000):
    name = f"pages/page-{page:04d}.html"
    with open(f"{root}/{name}", "w") as f:
        f.write("<!DOCTYPE html><html><head><title>p</title></head><body>" + ("<p>Text of the page. " * 200) + "</body></html>\n")
    files.append(name)
with open(f"{root}/index.html", "w") as f:
    f.write("<!DOCTYPE html><html><head><title>c</title></head><body>course</body></html>\n")
entries = "\n".join(f'      <file href="{name}"/>' for name in files)
with open(f"{root}/imsmanifest.xml", "w") as f:
    f.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="bench.large" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>Large</title>
    <item identifier="i" identifierref="r"><title>Large</title></item></organization></organizations>
  <resources><resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
{entries}
  </resource></resources>
</manifest>
""")
PY
  # Media stored, pages deflated, as packers do.
  (cd "$OUT/src" && bsdtar --format zip --options zip:compression=store -cf "$OUT/media.zip" media \
     && bsdtar --format zip -cf "$OUT/rest.zip" imsmanifest.xml index.html pages)
  python3 - "$OUT/media.zip" "$OUT/rest.zip" "$PKG" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[3], "w", allowZip64=True) as out:
    for source in sys.argv[1:3]:
        with zipfile.ZipFile(source) as z:
            for info in z.infolist():
                with z.open(info) as src, out.open(info, "w", force_zip64=info.file_size > 1 << 30) as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
PY
  rm -rf "$OUT/src" "$OUT/media.zip" "$OUT/rest.zip"
fi
ls -l "$PKG"

say "verify is clean"
"$CP" verify "$PKG" | tail -3

say "time: verify, import, bsdtar -x (hyperfine --runs $RUNS)"
rm -rf "$OUT/x" "$OUT/library"
hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/large.json" \
  --prepare "rm -rf '$OUT/x' '$OUT/library'; mkdir -p '$OUT/x'; sync" \
  -n verify "'$CP' verify '$PKG'" \
  -n import "'$CP' import '$PKG' --library '$OUT/library'" \
  -n "bsdtar -x" "bsdtar -xf '$PKG' -C '$OUT/x'"
rm -rf "$OUT/x" "$OUT/library"

mean() { python3 -c "import json,sys; r={x['command']:x for x in json.load(open('$OUT/large.json'))['results']}; print('%.3f' % r[sys.argv[1]]['mean'])" "$1"; }
verify_s=$(mean verify); import_s=$(mean import); bsdtar_s=$(mean "bsdtar -x")
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
verify_ratio=$(ratio "$verify_s" "$bsdtar_s"); import_ratio=$(ratio "$import_s" "$bsdtar_s")

say "peak memory (/usr/bin/time -v)"
peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print int($2/1024)}'; }
verify_mb=$(peak "$CP" verify "$PKG")
rm -rf "$OUT/library"
import_mb=$(peak "$CP" import "$PKG" --library "$OUT/library")
rm -rf "$OUT/library"

say "1,000 small packages in one call"
small="$OUT/small"
if [ ! -d "$small" ]; then
  mkdir -p "$small/src"
  (cd "$REPO" && "$CP" pack Samples/first-weeks --target scorm2004 --out "$small/src" >/dev/null)
  one="$(ls "$small/src"/*.zip | head -1)"
  for i in $(seq -w 1 "$SMALL"); do cp "$one" "$small/p$i.zip"; done
fi
hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/small.json" -n "verify $SMALL packages" \
  "'$CP' verify $small/p*.zip > /dev/null"
small_s=$(python3 -c "import json; print('%.3f' % json.load(open('$OUT/small.json'))['results'][0]['mean'])")
small_mb=$(bash -c "/usr/bin/time -v '$CP' verify $small/p*.zip 2>&1 >/dev/null" | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print int($2/1024)}')

say "summary"
status=PASS
check() { python3 -c "import sys; sys.exit(0 if $1 else 1)" || status=FAIL; }
check "$verify_ratio <= $RATIO_BUDGET"; check "$import_ratio <= $RATIO_BUDGET"
check "$verify_mb < $MEMORY_BUDGET_MB"; check "$import_mb < $MEMORY_BUDGET_MB"
printf '%-34s %8s s  %5sx bsdtar -x  peak %4s MB\n' "verify (${SIZE_MB} MiB)" "$verify_s" "$verify_ratio" "$verify_mb"
printf '%-34s %8s s  %5sx bsdtar -x  peak %4s MB\n' "import (${SIZE_MB} MiB)" "$import_s" "$import_ratio" "$import_mb"
printf '%-34s %8s s\n' "bsdtar -x (${SIZE_MB} MiB)" "$bsdtar_s"
printf '%-34s %8s s  peak %4s MB\n' "verify of $SMALL small packages" "$small_s" "$small_mb"
echo "budgets: at most ${RATIO_BUDGET}x bsdtar -x, under ${MEMORY_BUDGET_MB} MB: $status"
[ "$status" = PASS ]
