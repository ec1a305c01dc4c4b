#!/usr/bin/env bash
# Installs what coursepack needs on a Debian machine, when it is missing, and builds it.
# Usage: scripts/setup.sh [--test|--browser]   (--test also fetches the official test suites and, like
#        --browser alone, installs what the browser tests need)
set -euo pipefail
cd "$(dirname "$0")/.."

# Installs with apt-get the Debian packages of "$@" that are not installed yet (sudo only when not root).
install_missing() {
  local missing=() package sudo=""
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  echo "setup: installing ${missing[*]}"
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_missing libcmark-gfm-dev libcmark-gfm-extensions-dev libarchive-dev libxml2-dev libxml2-utils libsqlite3-dev \
  zlib1g-dev pkg-config python3-pip gettext bsdutils sqlite3 unzip fonts-noto-core python3-fonttools python3-brotli time
# The player's Arabic-script and Ethiopic fonts, made from Debian's Noto fonts (before the build, which
# copies them into the player's resources).
scripts/make-fonts.sh

# --browser (and --test): headless Chromium, its WebDriver and Selenium for Tests/Browser/run.sh
case " $* " in *" --test "*|*" --browser "*)
  install_missing chromium chromium-driver python3-selenium
  if ! python3 -c 'import selenium' 2>/dev/null && ! /usr/bin/python3 -c 'import selenium' 2>/dev/null; then
    echo "setup: installing selenium from PyPI"
    python3 -m pip install --quiet selenium
  fi
  ;;
esac
# --test: a real PostgreSQL and nginx for the host's multi-instance tests (scripts/postgres-server.sh and
# scripts/nginx-proxy.sh start private ones), and wrk for Benchmarks/serve.sh
case " $* " in *" --test "*)
  install_missing postgresql nginx wrk
  ;;
esac
[ "${1:-}" = "--browser" ] && exit 0

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: Swift 6 is required (https://www.swift.org/install/linux/); put 'swift' on PATH and run again" >&2
  exit 2
fi

if [ "${1:-}" = "--test" ]; then
  scripts/fetch-test-data.sh
  # translate-toolkit: the translations tests read our XLIFF 2.0 with its reader (docs/translations.md).
  if ! python3 -c 'import translate.storage.xliff2' 2>/dev/null; then
    echo "setup: installing translate-toolkit from PyPI"
    python3 -m pip install --quiet translate-toolkit
  fi
fi
