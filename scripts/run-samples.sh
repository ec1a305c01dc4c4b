#!/usr/bin/env bash
# Sets everything up, builds coursepack, validates the bundled sample modules, shows their translation
# status, and packs them for every target into out/packages/ (then inspects one package).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product coursepack
coursepack=.build/release/coursepack
echo
$coursepack validate Samples/first-weeks Samples/talking-with-newcomers
echo
for sample in Samples/first-weeks Samples/talking-with-newcomers; do
  $coursepack strings status --module "$sample"
done
echo
for sample in Samples/first-weeks Samples/talking-with-newcomers; do
  $coursepack pack "$sample" --target scorm12 --target scorm2004 --target cmi5 --target web --out out/packages
done
echo
$coursepack inspect out/packages/first-weeks-1.0.0-scorm12.zip
echo
echo "Open out/packages/*-web.zip's index.html (unzipped) in a browser, or upload a SCORM or cmi5 zip to an LMS."
