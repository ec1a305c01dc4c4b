#!/usr/bin/env bash
# Fuzzes the module loader (module.yaml and a page) with libFuzzer for SECONDS (default 60).
#
#   scripts/fuzz-loader.sh [SECONDS]
#
# Kept out of the normal build: the loader's sources, Yams and libyaml are compiled here with
# -sanitize=fuzzer,address into .build/fuzz/ (or $SCRATCH_PATH/fuzz). The seed corpus is
# Fuzz/Loader/corpus; new inputs go to the scratch folder, crashes to .build/fuzz/crashes/ and fail the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
scratch="${SCRATCH_PATH:-.build}"
out="$scratch/fuzz/loader"
mkdir -p "$out/objects" "$out/modules" "$out/corpus" "$scratch/fuzz/crashes"

yams="$scratch/checkouts/Yams/Sources"
if [ ! -d "$yams" ]; then swift package resolve --scratch-path "$scratch" >/dev/null; fi

sanitizers="-sanitize=fuzzer,address"
log="$out/build.log"
: > "$log"
# The compilers' output (the linker warns about every sanitizer symbol) goes to the log, shown on failure.
build() { "$@" >>"$log" 2>&1 || { tail -n 40 "$log"; echo "fuzz-loader: build failed (log: $log)" >&2; exit 2; }; }
# libyaml and Yams change only with Package.resolved: built once per scratch folder.
if [ ! -f "$out/objects/Yams.o" ] || [ ! -f "$out/modules/Yams.swiftmodule" ]; then
# libyaml, as Yams builds it.
for source in "$yams"/CYaml/src/*.c; do
    build clang -c -O1 -g -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC -I "$yams/CYaml/include" \
        "$source" -o "$out/objects/$(basename "$source" .c).o"
done
# Yams, as a module of its own.
build swiftc -O -g $sanitizers -parse-as-library -D SWIFT_PACKAGE -module-name Yams -emit-module -emit-module-path "$out/modules/Yams.swiftmodule" \
    -emit-object -wmo -o "$out/objects/Yams.o" -I "$yams/CYaml/include" -Xcc -DYAML_DECLARE_STATIC \
    "$yams"/Yams/*.swift
fi
# The loader and the fuzz entry point in one module, so that the entry point sees what the loader does.
build swiftc -O -g $sanitizers -parse-as-library -module-name CoursepackLoad \
    -I "$out/modules" -I "$yams/CYaml/include" -I Sources/CCmarkGFM -Xcc -DYAML_DECLARE_STATIC \
    $(find Sources/CoursepackLoad -name '*.swift' | sort) Fuzz/Loader/LoaderFuzz.swift \
    "$out"/objects/*.o -lcmark-gfm -lcmark-gfm-extensions -o "$out/fuzz-loader"

# -rss_limit_mb: an input that makes the loader take more memory is a finding, as is one that takes
# more than -timeout seconds.
"$out/fuzz-loader" "$out/corpus" Fuzz/Loader/corpus -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -max_len=65536 -artifact_prefix="$scratch/fuzz/crashes/loader-" -print_final_stats=1 2>&1 | tail -n 25
