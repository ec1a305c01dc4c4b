#!/usr/bin/env python3
"""Runs the runtime's own tests (Tests/Runtime/index.html) in headless Chromium through WebDriver.

Prints one line per failed check and a summary; exits 1 when a check failed, 2 when it could not run.
"""
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"):
        opts.add_argument(arg)
    if os.geteuid() == 0:
        opts.add_argument("--no-sandbox")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=opts)
    try:
        drv.get("file://" + os.path.join(HERE, "index.html"))
        end = time.time() + 30
        out = None
        while time.time() < end:
            out = drv.execute_script("return window.runtimeTests || null")
            if out and out.get("done"):
                break
            time.sleep(0.1)
        errors = [e["message"] for e in drv.get_log("browser") if e.get("level") == "SEVERE"]
    finally:
        drv.quit()
    if not out or not out.get("done"):
        print("FAIL the tests did not finish: %s" % (errors or "no result"))
        return 1
    failed = [r for r in out["results"] if not r["ok"]]
    for r in failed:
        print("FAIL %s: %s" % (r["name"], r["detail"]))
    for e in errors:
        print("FAIL script error: %s" % e)
    print("runtime: %d tests passed, %d failed (%d failed checks)%s" % (
        out["tests"] - out["failedTests"], out["failedTests"], len(failed), ", %d script errors" % len(errors) if errors else ""))
    return 1 if failed or errors else 0


if __name__ == "__main__":
    sys.exit(main())
