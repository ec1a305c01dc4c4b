#!/usr/bin/env python3
"""Measures `coursepack preview` (see Benchmarks/preview.sh): start time and memory, save-to-screen
latency of one page, and of module.yaml (the whole module re-rendered, the tab reloaded)."""
import argparse
import os
import re
import statistics
import subprocess
import threading
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def memory(pid):
    fields = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    return fields


def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--window-size=1280,800", "--force-device-scale-factor=1"):
        opts.add_argument(arg)
    if os.geteuid() == 0:
        opts.add_argument("--no-sandbox")
    drv = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=opts)
    drv.set_page_load_timeout(300)
    drv.set_script_timeout(300)
    return drv


def wait(cond, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        v = cond()
        if v:
            return v
        time.sleep(0.02)
    raise SystemExit("timed out")


def save(path, text):
    temporary = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".swp")
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(temporary, path)


# When the sentence is in the tab as an element (the player builds a page from the text of a <noscript>,
# which does not count): the nodes added, not the whole document, so that watching costs next to nothing.
WATCH = """
window.__seen = {};
new MutationObserver(records => {
  for (const r of records) for (const n of r.addedNodes) {
    if (n.nodeType !== 1 || n.tagName === 'NOSCRIPT') continue;
    for (const m of n.textContent.matchAll(/Benchmark sentence (\\d+)\\./g)) if (!window.__seen[m[1]]) window.__seen[m[1]] = Date.now();
  }
}).observe(document.getElementById('cp-main'), { childList: true, subtree: true });
"""


# Where the time of a save goes, seen from the tab: when the `pages` event arrives (an EventSource of
# its own, beside the preview's), when the preview's script asks for the page and has its answer (fetch
# wrapped), and every task that held the tab's main thread for 50 ms or more (long tasks).
TRACE = """
const T = window.__trace = { pages: [], findings: [], fetches: [], long: [] };
const es = new EventSource('/_preview/events');
es.addEventListener('pages', e => T.pages.push(Date.now()));
es.addEventListener('findings', e => T.findings.push([Date.now(), e.data.length]));
const plain = window.fetch;
window.fetch = function (url) {
  const rec = { url: String(url), start: Date.now() };
  if (rec.url.indexOf('/_preview/page') >= 0) T.fetches.push(rec);
  return plain.apply(this, arguments).then(r => { rec.answered = Date.now(); return r; });
};
new PerformanceObserver(list => list.getEntries().forEach(e =>
  T.long.push([performance.timeOrigin + e.startTime, e.duration]))).observe({ type: 'longtask', buffered: false });
"""

# The preview's own trace (COURSEPACK_PREVIEW_TRACE=1): `preview-trace <what> <epoch ms> [ms]` lines.
TRACE_LINE = re.compile(r"preview-trace (\S+) (\d+(?:\.\d+)?)(?: (\d+(?:\.\d+)?))?")


def server_trace(lines):
    found = []
    for line in list(lines):
        m = TRACE_LINE.search(line)
        if m:
            found.append((m.group(1), float(m.group(2)), float(m.group(3)) if m.group(3) else None))
    return found


def first_after(times, t0):
    later = [t for t in times if t >= t0]
    return min(later) if later else None


def breakdown(saves, trace, server):
    """One line a save: the time from the rename to each step, in ms."""
    print("per save (ms from the rename): watcher batch, pages rendered, event in tab, fetch sent, fetch answered, "
          "in the DOM; checks running at the rename; the tab's long tasks in the window")
    checks = [(t, d) for what, t, d in server if what == "check-done"]
    for n, (t0, seen) in enumerate(saves):
        batch = first_after([t for what, t, _ in server if what == "batch"], t0)
        applied = first_after([t for what, t, _ in server if what == "applied"], t0)
        event = first_after(trace["pages"], t0)
        fetch = next((f for f in trace["fetches"] if f["start"] >= t0), None)
        running = sum(1 for end, d in checks if end - d <= t0 <= end)
        longs = [(round(s - t0), round(d)) for s, d in trace["long"] if t0 - 100 <= s <= seen]
        show = lambda t: "%5.0f" % (t - t0) if t else "    -"
        print("  %2d  %s %s %s %s %s %s  checking %d  long %s" % (
            n, show(batch), show(applied), show(event), show(fetch and fetch["start"]),
            show(fetch and fetch.get("answered")), show(seen), running, longs))


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--coursepack", required=True)
    parser.add_argument("--module", required=True)
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--full-saves", type=int, default=5)
    parser.add_argument("--breakdown", action="store_true",
                        help="print where each save's time goes (the tab's trace, and the preview's own with "
                             "COURSEPACK_PREVIEW_TRACE=1)")
    args = parser.parse_args()

    started = time.time()
    proc = subprocess.Popen([args.coursepack, "preview", args.module, "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            env=dict(os.environ, COURSEPACK_PREVIEW_TRACE="1") if args.breakdown else None)
    lines = []
    threading.Thread(target=lambda: [lines.append(l) for l in proc.stdout], daemon=True).start()
    found = wait(lambda: next((re.search(r" at (http://\S+/) ", l) for l in list(lines) if " at http" in l), None), 600)
    listening = time.time() - started
    url = found.group(1)
    urllib.request.urlopen(url + "module/index.html").read()
    first_document = time.time() - started
    after_start = memory(proc.pid)
    print("start            listening %.0f ms  first document %.0f ms  VmRSS %.0f MB" % (
        listening * 1000, first_document * 1000, after_start["VmRSS"]))

    drv = browser()
    try:
        drv.get(url + "module/index.html")
        wait(lambda: drv.execute_script("return !!(window.Coursepack && window.CoursepackPreview && Coursepack.page)"), 300)
        ids = drv.execute_script("return JSON.parse(document.getElementById('coursepack-data').textContent).pages.map(p => p.id)")
        middle = len(ids) // 2
        drv.execute_script("Coursepack.go(%d)" % middle)
        wait(lambda: drv.execute_script("return Coursepack.page") == ids[middle])
        drv.execute_script(WATCH)
        drv.execute_script(TRACE)
        path = os.path.join(args.module, "pages", ids[middle] + ".md")
        original = open(path, encoding="utf-8").read()
        latencies = []
        stamps = []
        for n in range(args.saves):
            text = original.rstrip("\n") + "\n\nBenchmark sentence %d.\n" % n
            t0 = time.time() * 1000
            save(path, text)
            seen = wait(lambda: drv.execute_script("return window.__seen[%d]" % n), 30)
            latencies.append(seen - t0)
            stamps.append((t0, seen))
            time.sleep(0.3)
        with_tab = memory(proc.pid)
        status = urllib.request.urlopen(url + "_preview/status").read().decode()
        print("page-save        n %d  p50 %.0f  p95 %.0f  max %.0f  (ms, save to the tab showing it)" % (
            len(latencies), percentile(latencies, 50), percentile(latencies, 95), max(latencies)))
        print("                 server side of the last save: %s" % status)
        if args.breakdown:
            breakdown(stamps, drv.execute_script("return window.__trace"), server_trace(lines))
            checks = [d for what, _, d in server_trace(lines) if what == "check-done"]
            if checks:
                print("checks           n %d  p50 %.0f ms  max %.0f ms (the background checker, whole runs)" % (
                    len(checks), percentile(checks, 50), max(checks)))
        print("memory           with a tab open: VmRSS %.0f MB, peak VmHWM %.0f MB" % (with_tab["VmRSS"], with_tab["VmHWM"]))

        # the baseline: module.yaml changes, so the whole module is rendered again and the tab reloads
        manifest = os.path.join(args.module, "module.yaml")
        source = open(manifest, encoding="utf-8").read()
        title = re.search(r"^title: (.*)$", source, re.M).group(1)
        full = []
        if args.full_saves == 0:
            save(path, original)
            return
        for n in range(args.full_saves):
            new_title = "Benchmark title %d" % n
            t0 = time.time()
            save(manifest, source.replace("title: " + title, "title: " + new_title, 1))
            wait(lambda: drv.execute_script(
                "const t = document.querySelector('.cp-module-title'); return t && t.textContent") == new_title, 300)
            full.append((time.time() - t0) * 1000)
            time.sleep(1)
        save(manifest, source)
        print("full-rerender    n %d  p50 %.0f  max %.0f  (ms, module.yaml saved to the tab showing it; the whole module)" % (
            len(full), percentile(full, 50), max(full)))
        print("memory           after full re-renders: peak VmHWM %.0f MB" % memory(proc.pid)["VmHWM"])
        save(path, original)
    finally:
        drv.quit()
        proc.terminate()
        proc.wait(60)


if __name__ == "__main__":
    main()
