# Sourced by Tests/Browser/run.sh and Tests/Runtime/run.sh: finds a Python with Selenium (Debian's
# python3-selenium lives with /usr/bin/python3; a PATH python with pip's selenium works too) and checks
# that Chromium and its WebDriver are there. Sets $python; exits 2 with the fix when something is missing.
python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import selenium' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
if [ -z "$python" ]; then
  echo "run.sh: selenium is missing; run scripts/setup.sh --browser" >&2
  exit 2
fi
for tool in "${CHROMIUM:-/usr/bin/chromium}" "${CHROMEDRIVER:-/usr/bin/chromedriver}"; do
  if [ ! -x "$tool" ]; then
    echo "run.sh: $tool is missing; run scripts/setup.sh --browser" >&2
    exit 2
  fi
done
