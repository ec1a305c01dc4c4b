#!/usr/bin/env bash
# Benchmark: the size of the player every package carries, Packaging/player/player.js + player.css,
# concatenated and gzipped (`gzip -9`), against peers; budget: at most 40 KB gzipped (1 KB = 1,024 bytes).
#
#   Benchmarks/player-size.sh          (from any folder)
#
# The peers are the files that packages on PyPI ship (this machine reaches only PyPI and Debian's
# archive), fetched with `pip download --no-deps` at pinned versions into Benchmarks/out/player-size/dl
# (git-ignored; kept for the next run) and read from the archives, nothing installed:
#   - Petlja's course player, from plct-bulder-for-sphinx 0.0.5 (an authoring tool's SCORM player);
#   - the H5P player (h5p-standalone) as vendored by wagtail-lms 0.11.1;
#   - scormhost 0.1.0's SCORM 1.2 and 2004 API shims (an LMS-side runtime, the role scorm-again plays).
# scorm-again itself is looked for in every downloaded archive and in Debian's package lists; where it
# is not found the script says so and prints the issue's figure (about 18 KB gzipped for its SCORM 1.2
# build) as a reference, not as a measurement. See Benchmarks/player-size/measure.py.
#
# Environment: BUDGET_KB (40). Exit status: 0 PASS, 1 FAIL, 2 cannot run.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
OUT="$BENCH_DIR/out/player-size"
mkdir -p "$OUT"

source "$BENCH_DIR/tools.sh"
need_apt gzip gzip
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 2; }
python3 -m pip --version >/dev/null 2>&1 || need_apt pip3 python3-pip
for f in player.js player.css; do
  [ -f "$REPO/Packaging/player/$f" ] || { echo "missing Packaging/player/$f" >&2; exit 2; }
done

python3 "$BENCH_DIR/player-size/measure.py" "$REPO" "$OUT" | tee "$OUT/result.txt"
exit "${PIPESTATUS[0]}"
