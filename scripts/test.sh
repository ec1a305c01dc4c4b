#!/usr/bin/env bash
# Sets everything up and runs every test: unit tests, the official JSON-Schema-Test-Suite, the
# diagnostics of the broken sample, the command-line tool end to end, and the player in headless
# Chromium: on the hand-written fixtures, then on every target of both samples as `coursepack pack`
# makes them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
swift build --build-tests
swift test --skip-build --disable-swift-testing
# A short fuzzing run over the package readers (libFuzzer; Benchmarks/README.md records a longer one).
scripts/fuzz-package.sh "${FUZZ_SECONDS:-20}"

packages="$(mktemp -d)"
trap 'rm -rf "$packages"' EXIT
for module in Samples/first-weeks Samples/talking-with-newcomers; do
  "$(swift build --show-bin-path)/coursepack" pack "$module" --target scorm12 --target scorm2004 --target cmi5 --target web \
    --out "$packages"
done
Tests/Browser/run.sh
Tests/Browser/run.sh "$packages"
