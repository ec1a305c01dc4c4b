#!/usr/bin/env bash
# Sets everything up and runs every test: unit tests (the host's store on SQLite and on a private
# PostgreSQL), the official JSON-Schema-Test-Suite, the diagnostics of the broken sample, the
# command-line tool end to end, short fuzzing of the module loader and the package readers, the LMS-side
# runtime (Runtime/), the player in headless Chromium (on the hand-written fixtures, then on every target
# of both samples as `coursepack pack` makes them), the live preview, and the host (`coursepack serve`)
# in Chromium, under SIGKILL and behind nginx.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step's time, so that a slow CI run says where it went (the whole run must stay under 30 minutes).
started=$SECONDS
step_started=$SECONDS
step() {
  echo "test.sh: $(( SECONDS - step_started )) s for the step before; $(( SECONDS - started )) s in all; next: $*" >&2
  step_started=$SECONDS
}
step setup
scripts/setup.sh --test
step build
swift build --build-tests
step unit tests
# With a private PostgreSQL, so that the host's store and backend tests also run against it
# (COURSEPACK_TEST_POSTGRES_URL; they are skipped, saying so, without it)
Tests/Scale/with-postgres.sh swift test --skip-build --disable-swift-testing
# Short libFuzzer runs over the module loader (module.yaml and a page) and the package readers
# (Benchmarks/README.md records longer ones); FUZZ_SECONDS=0 skips them. The two scripts build and run
# side by side: the package readers' build (BoringSSL among it) is most of the step.
step fuzzing
if [ "${FUZZ_SECONDS:-10}" != 0 ]; then
  scripts/fuzz-loader.sh "${FUZZ_SECONDS:-10}" &
  loader=$!
  scripts/fuzz-package.sh "${FUZZ_SECONDS:-10}"
  wait "$loader"
fi

step packing the samples
packages="$(mktemp -d)"
trap 'rm -rf "$packages"' EXIT
for module in Samples/first-weeks Samples/talking-with-newcomers; do
  "$(swift build --show-bin-path)/coursepack" pack "$module" --target scorm12 --target scorm2004 --target cmi5 --target web \
    --out "$packages"
done
# a long module (220 pages, 580 quizzes) for SCORM 1.2, under a runtime that enforces its 4,096 characters
long="$packages/long"
python3 Benchmarks/generate_module.py "$long/module" --pages 220 --components 10 >/dev/null
"$(swift build --show-bin-path)/coursepack" pack "$long/module" --target scorm12 --out "$long/packages" 2>/dev/null
step runtime tests
Tests/Runtime/run.sh
step player on the fixtures
Tests/Browser/run.sh
step preview
# the live preview: a real `coursepack preview` on a copy of a sample, edited while Chromium watches
Tests/Preview/run.sh
# on the samples' packages: every target's full session (zero API errors), the language switch, a failing
# platform, layout and accessibility; the fixtures above run every test
step player on the samples
ONLY=resume_and_finish,failing,language_switch,keyboard,accessibility,fonts,stacked Tests/Browser/run.sh "$packages"
step player on a long module
ONLY=test_scorm12_long_module Tests/Browser/run.sh "$long/packages"
# the host (coursepack serve) in headless Chromium, on SQLite: learners join, play our package and other
# tools' (SCORM 1.2, two-SCO SCORM 2004, cmi5), the server stops mid-session, the trainer's reports, refusals
step host
Tests/Serve/run.sh
step host beyond one machine
# The host beyond one machine: crash safety under SIGKILL on SQLite and PostgreSQL, two instances behind
# nginx with one killed under load, the browser suite above on PostgreSQL (its own PostgreSQL and nginx;
# the XCTest part, store tests on PostgreSQL included, ran above)
Tests/Scale/run.sh --skip-xctest
step done
