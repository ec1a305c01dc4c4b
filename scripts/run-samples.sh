#!/usr/bin/env bash
# Sets everything up, builds coursepack and validates the bundled sample modules.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product coursepack
echo
.build/release/coursepack validate Samples/first-weeks Samples/talking-with-newcomers
echo
for sample in Samples/first-weeks Samples/talking-with-newcomers; do
  .build/release/coursepack strings status --module "$sample"
done
