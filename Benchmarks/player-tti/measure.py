#!/usr/bin/env python3
"""Time to interactive of the player on a long module, phone-sized, CPU slowed 4x.

    measure.py [--runs N] [--rate 4] LABEL=PACKAGE_DIR...

Each PACKAGE_DIR is an unpacked web package (index.html at its root). Headless Chromium (Debian's,
through WebDriver) opens index.html from file:// in a 390x844 window with Chromium's DevTools CPU
throttling (Emulation.setCPUThrottlingRate); the time is from the start of navigation to the mark
`coursepack-ready` that the player sets when it has finished setting up (performance.mark). Prints
the median of N runs per package, with the document's size, and the ratio between the first two.
"""
import argparse
import os
import statistics
import sys
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=390,844",
              "--allow-file-access-from-files", "--disable-dev-shm-usage"):
        opts.add_argument(a)
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=opts)


def once(drv, url, rate):
    drv.get("about:blank")
    drv.execute_cdp_cmd("Network.clearBrowserCache", {})
    drv.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": rate})
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    drv.get(url)
    got = drv.execute_script(
        "const m = performance.getEntriesByName('coursepack-ready')[0];"
        "const p = performance.getEntriesByName('first-contentful-paint')[0];"
        "return [m ? m.startTime : null, p ? p.startTime : null, document.querySelectorAll('.cp-page').length]")
    drv.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 1})
    return got


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rate", type=float, default=4)
    ap.add_argument("packages", nargs="+")
    args = ap.parse_args()
    drv = browser()
    medians = []
    try:
        for spec in args.packages:
            label, path = spec.split("=", 1)
            url = "file://" + urllib.parse.quote(os.path.abspath(os.path.join(path, "index.html")))
            size = os.path.getsize(os.path.join(path, "index.html"))
            ready, paint, pages = [], [], 0
            once(drv, url, args.rate)  # warm the file cache
            for _ in range(args.runs):
                r, p, pages = once(drv, url, args.rate)
                if r is None:
                    print("%s: the player never set its ready mark" % label, file=sys.stderr)
                    return 2
                ready.append(r)
                paint.append(p or 0)
            med = statistics.median(ready)
            medians.append(med)
            print("%-8s %4d pages, index.html %5.0f KB: interactive %6.0f ms (median of %d; min %.0f, max %.0f), first paint %6.0f ms"
                  % (label, pages, size / 1024, med, args.runs, min(ready), max(ready), statistics.median(paint)))
    finally:
        drv.quit()
    if len(medians) >= 2 and medians[1]:
        print("ratio %s / %s: %.2f" % (args.packages[0].split("=")[0], args.packages[1].split("=")[0], medians[0] / medians[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
