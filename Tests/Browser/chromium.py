"""Headless Chromium for every browser suite (Tests/Browser, Tests/Serve, Tests/Preview, Tests/Runtime):
Debian's chromium and chromedriver, or $CHROMIUM and $CHROMEDRIVER (browser-tools.sh sets them), with
one set of flags, so that a difference between suites is never a difference in how the browser ran."""

import os

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

# No background traffic: the tests also check that nothing the project produces reaches the network.
QUIET = ("--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")


def options(width=None, height=None):
    """Options for a headless window of width x height CSS pixels at scale 1 (None: Chromium's own)."""
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in QUIET:
        opts.add_argument(arg)
    if width is not None:
        for arg in ("--disable-default-apps", "--lang=en-US", "--window-size=%d,%d" % (width, height),
                    "--force-device-scale-factor=1", "--hide-scrollbars"):
            opts.add_argument(arg)
    if os.geteuid() == 0:
        opts.add_argument("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return opts


def start(opts):
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=opts)
