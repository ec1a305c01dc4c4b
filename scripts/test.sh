#!/usr/bin/env bash
# Sets everything up and runs every test: unit tests, the official JSON-Schema-Test-Suite, the
# diagnostics of the broken sample, and the command-line tool end to end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
swift build --build-tests
swift test --skip-build --disable-swift-testing
