#!/usr/bin/env bash
# Fuzzes the package readers with libFuzzer (-sanitize=fuzzer,address): the safe zip reader and the
# manifest readers (imsmanifest.xml, cmi5.xml, tincan.xml), each for SECONDS (default 30).
#
#   scripts/fuzz-package.sh [SECONDS]
#
# Seeds come from the tests' own generators (Tests/CoursepackVerifyTests/hostile_zip.py and
# make_corpus.py) and from the samples packed by coursepack when a build is at hand; the corpora grow
# in .build/fuzz-corpus/ (git-ignored). Crashes are written to .build/fuzz-crashes/ and fail the run.
# Prints, per target, the executions and the crashes (0).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
build=.build/fuzz
corpus=.build/fuzz-corpus
crashes=.build/fuzz-crashes
mkdir -p "$corpus/zip" "$corpus/manifest" "$crashes"

COURSEPACK_FUZZ=1 swift build --build-path "$build" -c debug \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
  --product ZipReaderFuzz > "$build.log" 2>&1 || { tail -40 "$build.log"; exit 2; }
COURSEPACK_FUZZ=1 swift build --build-path "$build" -c debug \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
  --product ManifestFuzz >> "$build.log" 2>&1 || { tail -40 "$build.log"; exit 2; }
bin="$(COURSEPACK_FUZZ=1 swift build --build-path "$build" -c debug --show-bin-path)"

# Seeds: every hostile zip and a few good ones; every manifest of the corpus (first byte picks the file).
tests=Tests/CoursepackVerifyTests
for kind in fine symlink fifo duplicate case nfd file-folder encrypted claims-10gb overlap aliased central-rename \
            local-crc local-size local-method crc comment-65535 comment-fake-end name-utf8-unflagged name-bytes-latin1 \
            "name:../../etc/evil" "name:C:/evil"; do
  python3 "$tests/hostile_zip.py" "$kind" "$corpus/zip/seed-$(echo "$kind" | tr -c 'a-z0-9' '_').zip"
done
seeds="$(mktemp -d)"
trap 'rm -rf "$seeds"' EXIT
python3 "$tests/make_corpus.py" "$seeds" | while read -r name kind manifest expect; do
  case "$manifest" in
    imsmanifest.xml) prefix='\x00' ;;
    cmi5.xml) prefix='\x01' ;;
    *) continue ;;
  esac
  { printf "$prefix"; head -c 200000 "$seeds/$name/$manifest"; } > "$corpus/manifest/seed-$name"
  (cd "$seeds/$name" && python3 -c "
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    for base, dirs, files in os.walk('.'):
        for f in files: z.write(os.path.join(base, f))
" "$OLDPWD/$corpus/zip/seed-$name.zip")
done

status=0
for target in ZipReaderFuzz ManifestFuzz; do
  case "$target" in ZipReaderFuzz) dir="$corpus/zip" ;; *) dir="$corpus/manifest" ;; esac
  log="$build/$target.log"
  if ASAN_OPTIONS=detect_leaks=0 "$bin/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
       -max_len=200000 -artifact_prefix="$crashes/$target-" -print_final_stats=1 "$dir" >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
  fi
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
  found="$(ls "$crashes" | grep -c "^$target-" || true)"
  echo "$target: $runs executions in ${seconds}s, $found crashes ($result)"
  [ "$result" = ok ] || tail -30 "$log"
done
exit $status
