#!/usr/bin/env python3
"""The live preview in headless Chromium, against a real `coursepack preview` process.

Each test copies Samples/first-weeks into a temporary folder, starts the preview on it (port 0: any free
port, read from what it prints), opens the preview's page and edits the module's files from the test as
an editor saves them (write a temporary file, rename it over the page). It checks what the author sees
in the frames and what the terminal prints: page text, a component and module.yaml changes appear
without a manual reload, on the same page and scroll position; an error appears on the page, in the
panel and in the terminal with its place, and goes when fixed; an edit that breaks a page keeps the last
good page; Arabic and ar-XB are laid out right to left; review mode marks a string stale when its source
changes. Then the bad input: paths out of the module, a port in use, a folder that is not a module.
"""
import argparse
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Browser"))
import chromium  # noqa: E402  (Tests/Browser/chromium.py)


class Failure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


def poll(cond, message, timeout=15):
    end = time.time() + timeout
    while True:
        v = cond()
        if v:
            return v
        if time.time() > end:
            raise Failure("timed out: " + message)
        time.sleep(0.05)


def browser(width=1500, height=1100):
    opts = chromium.options(width, height)
    drv = chromium.start(opts)
    drv.set_page_load_timeout(60)
    drv.set_script_timeout(30)
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    return drv


def save(path, text):
    """As an editor saves: the whole file written beside, then renamed over the old one."""
    temporary = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".swp")
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(temporary, path)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


class Preview:
    """A `coursepack preview` process, its address and everything it printed."""

    def __init__(self, binary, module, *args):
        self.lines = []
        self.proc = subprocess.Popen([binary, "preview", module, "--port", "0", *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, env=dict(os.environ, NO_COLOR="1"))
        threading.Thread(target=self._read, daemon=True).start()
        found = poll(lambda: next((m for m in map(lambda l: re.search(r" at (http://\S+/) ", l), list(self.lines)) if m), None)
                     or (self.proc.poll() is not None and "exited"), "the preview printing its address", timeout=120)
        check(found != "exited", "the preview exited: " + self.output())
        self.url = found.group(1)

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def output(self):
        return "\n".join(self.lines)

    def wait_output(self, pattern, message, timeout=30):
        return poll(lambda: re.search(pattern, self.output()), message + "; the terminal said:\n" + self.output(), timeout)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Context:
    def __init__(self, args):
        self.args = args
        self.work = tempfile.mkdtemp(prefix="preview-test-")
        self.module = os.path.join(self.work, "first-weeks")
        shutil.copytree(args.sample, self.module)
        self.preview = Preview(args.coursepack, self.module)
        self.drv = browser()

    def page_file(self, page):
        return os.path.join(self.module, "pages", page + ".md")

    def shell(self, query=""):
        self.drv.switch_to.default_content()
        self.drv.get(self.preview.url + query)
        poll(lambda: self.drv.execute_script("return !!(window.CoursepackPreviewShell && CoursepackPreviewShell.report)"),
             "the preview page and its findings")

    def frame(self, name="laptop"):
        self.drv.switch_to.default_content()
        self.drv.switch_to.frame(self.drv.find_element(By.ID, "cpv-" + name))
        poll(lambda: self.drv.execute_script("return !!(window.Coursepack && window.CoursepackPreview && Coursepack.page)"),
             "the module in the %s frame" % name, timeout=60)

    def js(self, script, *args):
        return self.drv.execute_script(script, *args)

    def text(self):
        return self.js("return document.getElementById('cp-main').innerText")

    def shot(self, name):
        self.drv.switch_to.default_content()
        path = os.path.join(self.args.screenshots, name + ".png")
        self.drv.save_screenshot(path)
        return path

    def close(self):
        try:
            self.drv.quit()
        finally:
            self.preview.stop()
            shutil.rmtree(self.work, ignore_errors=True)


# ----------------------------------------------------------------------------------------------
# tests
# ----------------------------------------------------------------------------------------------

def test_live_edits(c):
    """Page text, a component and module.yaml edited: each shows without a manual reload, on the same page."""
    c.shell("?device=laptop")
    c.frame()
    c.js("Coursepack.go(1); window.__sameDocument = 'yes'")
    poll(lambda: c.js("return Coursepack.page") == "02-address", "page 2")
    c.js("window.scrollTo(0, 420)")
    y = c.js("return window.scrollY")
    check(y > 100, "the page scrolls (%s)" % y)
    path = c.page_file("02-address")
    source = read(path)

    def same_place(what):
        check(c.js("return window.__sameDocument") == "yes", what + ": the document was reloaded")
        check(c.js("return Coursepack.page") == "02-address", what + ": the page changed")
        check(abs(c.js("return window.scrollY") - y) < 40, what + ": the scroll position moved (%s, was %s)" % (c.js("return window.scrollY"), y))

    # a paragraph
    source = source.replace("Register as soon as you have a place to live.",
                            "Register in your first week, as soon as you have a place to live.")
    save(path, source)
    poll(lambda: "Register in your first week" in c.text(), "the edited paragraph on the page")
    same_place("page text")
    # a component: the callout's title and the quiz's question; the quiz still answers
    source = source.replace("title: Do not miss the deadline", "title: Never miss the deadline")
    source = source.replace("question: You moved into a new flat on Monday.", "question: You moved into a new flat on Tuesday.")
    source = source.replace("Ask your local office for the exact deadline.", "Ask the town office for the exact deadline.")
    save(path, source)
    poll(lambda: "Never miss the deadline" in c.text() and "a new flat on Tuesday" in c.text(), "the edited components")
    same_place("component")
    c.js("""const f = document.querySelector('form[data-quiz="address-when-quiz"]');
            f.querySelector('input').click(); f.querySelector('button[type=submit]').click();""")
    # the explanation comes from the page's new part of the player's data, not from the markup
    poll(lambda: "Ask the town office" in c.js(
        "return document.querySelector('form[data-quiz=\"address-when-quiz\"] .cp-feedback').innerText"),
        "the replaced quiz answering with its new explanation")
    # module.yaml: the whole module changes; the frame reloads itself and comes back to the same place
    manifest = os.path.join(c.module, "module.yaml")
    save(manifest, read(manifest).replace("title: First weeks in a new country", "title: Your first weeks in a new country"))
    poll(lambda: c.js("const t = document.querySelector('.cp-module-title'); return t && t.textContent")
         == "Your first weeks in a new country", "the new module title", timeout=30)
    poll(lambda: c.js("return window.Coursepack && Coursepack.page") == "02-address", "the same page after the module's reload")
    poll(lambda: abs(c.js("return window.scrollY") - y) < 40, "the same scroll position after the module's reload")
    check("Register in your first week" in c.text(), "the page's edits survive the module's reload")
    c.preview.wait_output(r"pages/02-address\.md: updated", "the terminal says what was updated")


def test_errors(c):
    """An error on the page and in the terminal with its place; fixed, it goes. A broken page stays as it was."""
    c.shell("?device=laptop")
    c.frame()
    c.js("Coursepack.go(1)")
    poll(lambda: c.js("return Coursepack.page") == "02-address", "page 2")
    path = c.page_file("02-address")
    good = read(path)
    c.preview.wait_output(r"(no problems|problems? left|warning:|error:)", "the first report", timeout=60)

    # the checker's rule: a single-answer quiz with no right answer
    broken = good.replace("    correct: true\n    feedback: Yes. The deadline", "    feedback: Yes. The deadline")
    check(broken != good, "the quiz edit applies")
    save(path, broken)
    quiz_line = good.splitlines().index("```quiz") + 1
    marker = poll(lambda: c.js("""const m = [...document.querySelectorAll('#page-02-address .cpv-marker.cpv-error')];
        return m.length ? m.map(x => x.textContent).join('\\n') : null"""), "the quiz finding on the page", timeout=60)
    place = re.search(r"pages/02-address\.md:(\d+):(\d+)", marker)
    check(place and int(place.group(1)) >= quiz_line, "the finding says where: %s (quiz at line %d)" % (marker, quiz_line))
    check(c.js("""const m = document.querySelector('#page-02-address .cpv-marker.cpv-error');
        const q = document.querySelector('form[data-quiz="address-when-quiz"]').closest('[data-component]');
        return m.previousElementSibling === q && q.classList.contains('cpv-flagged')"""), "the marker is next to the quiz")
    location = "pages/02-address.md:%s:%s" % (place.group(1), place.group(2))
    c.preview.wait_output(re.escape(location) + r": error: ", "the finding in the terminal")
    c.js("document.querySelector('#page-02-address .cpv-marker.cpv-error').scrollIntoView({block: 'center'})")
    c.shot("preview-error")
    c.drv.switch_to.default_content()
    poll(lambda: location in c.drv.find_element(By.ID, "cpv-list").text, "the finding in the panel")
    c.frame()
    save(path, good)
    poll(lambda: not c.js("return document.querySelector('#page-02-address .cpv-marker.cpv-error')"), "the marker going", timeout=60)
    c.preview.wait_output(r"fixed: .*" + re.escape(location), "the terminal saying it is fixed")
    c.drv.switch_to.default_content()
    poll(lambda: location not in c.drv.find_element(By.ID, "cpv-list").text, "the panel clearing")

    # an edit that breaks the page: the front matter no longer parses; the last good page stays
    c.frame()
    save(path, good.replace("title: Registering your address", "title: [Registering your address").replace(
        "Register as soon as you have a place to live.", "This text must not show."))
    hold = poll(lambda: c.js("const h = document.querySelector('#page-02-address .cpv-hold'); return h && h.textContent"),
                "the last-good notice", timeout=30)
    # the unclosed [ on line 2 is found where YAML gives up: the end of the front matter's next line
    check(re.search(r"pages/02-address\.md:[23]:\d+", hold), "the notice says where: " + hold)
    check("This text must not show." not in c.text() and "Register as soon as" in c.text(), "the last good page stays")
    c.preview.wait_output(r"02-address\.md:[23]:\d+: error: ", "the YAML error in the terminal")
    save(path, good)
    poll(lambda: not c.js("return document.querySelector('#page-02-address .cpv-hold')"), "the notice going")


def test_languages(c):
    """Arabic and ar-XB: right to left, in both frames."""
    c.shell()
    for tag in ("ar", "ar-XB"):
        c.drv.switch_to.default_content()
        Select(c.drv.find_element(By.ID, "cpv-locale")).select_by_value(tag)
        for name in ("laptop", "phone"):
            c.frame(name)
            poll(lambda: c.js("return document.documentElement.lang") == tag, "%s in the %s frame" % (tag, name), timeout=60)
            check(c.js("return document.documentElement.dir") == "rtl", tag + ": dir")
            check(c.js("return getComputedStyle(document.getElementById('cp-main')).direction") == "rtl", tag + ": layout")
            # the page's first block starts at the right
            # the title's first letter is at the right edge of its column
            check(c.js("""const h = document.querySelector('.cp-current h1'), box = h.getBoundingClientRect();
                const text = h.firstChild, range = document.createRange(); range.setStart(text, 0); range.setEnd(text, 1);
                const first = range.getBoundingClientRect();
                return box.right - first.right < 3 && first.left > box.left + box.width / 2"""), tag + ": the title starts at the right")
        if tag == "ar":
            check(re.search("[\u0600-\u06ff]", c.text()), "Arabic text in the Arabic document")
            c.shot("preview-ar")
        else:
            c.shot("preview-ar-XB")
    c.drv.switch_to.default_content()
    Select(c.drv.find_element(By.ID, "cpv-locale")).select_by_value("en")
    c.frame()
    poll(lambda: c.js("return document.documentElement.dir") == "ltr", "back to English")
    c.shot("preview-en")


def po_entry(po, context_prefix, text):
    """The id of a translated, not fuzzy entry of `po` whose source is `text`."""
    for block in po.split("\n\n"):
        ctx = re.search(r'^msgctxt "(.*)"$', block, re.M)
        msgid = re.search(r'^msgid "(.*)"$', block, re.M)
        msgstr = re.search(r'^msgstr "(.+)"$', block, re.M)
        if ctx and msgid and msgstr and ctx.group(1).startswith(context_prefix) and msgid.group(1) == text \
                and "fuzzy" not in block:
            return ctx.group(1)
    return None


def test_review(c):
    """Review mode: every string with its status and id; a source change marks its translation stale."""
    sentence = "to register your children for school"
    unit = po_entry(read(os.path.join(c.module, "locales", "ar.po")), "02-address/", sentence)
    check(unit, "the sample translates '%s' into Arabic" % sentence)
    c.shell("?locale=ar&review=1&device=laptop")
    c.frame()
    c.js("Coursepack.go(1)")
    poll(lambda: c.js("return Coursepack.page") == "02-address", "page 2")
    status = lambda: c.js("const e = document.querySelector('[data-cp-unit=\"%s\"]'); return e && e.getAttribute('data-cp-status')" % unit)
    poll(lambda: status() == "translated", "the string marked translated (%s)" % status())
    counts = c.js("return CoursepackPreview.counts")
    check(counts and counts.get("translated", 0) > 10, "statuses counted: %s" % counts)
    path = c.page_file("02-address")
    save(path, read(path).replace("- " + sentence + "\n", "- " + sentence + " or day care\n"))
    poll(lambda: status() == "stale", "the string marked stale (%s)" % status())
    check(c.js("return document.querySelector('[data-cp-unit=\"%s\"]').title" % unit).startswith("stale: " + unit),
          "the id is there for the reviewer")
    c.js("document.querySelector('[data-cp-unit=\"%s\"]').scrollIntoView({block: 'center'})" % unit)
    c.drv.switch_to.default_content()
    poll(lambda: "stale: 1" in c.drv.find_element(By.ID, "cpv-counts").text,
         "the panel counting the stale string (%s)" % c.drv.find_element(By.ID, "cpv-counts").text)
    c.shot("preview-review")


def test_devices(c):
    """Phone and laptop side by side, and each alone."""
    c.shell("?device=both")
    sizes = c.js("""return ['phone', 'laptop'].map(n => { const f = document.getElementById('cpv-' + n);
        return [f.contentWindow.innerWidth, f.getBoundingClientRect().width > 0]; })""")
    check(sizes[0][0] == 390 and sizes[0][1] and sizes[1][0] == 1280 and sizes[1][1], "both views: %s" % sizes)
    c.frame("phone")
    check(c.js("return getComputedStyle(document.querySelector('.cp-toc-toggle')).display") != "none",
          "the phone view shows the phone layout (contents behind a button)")
    c.shot("preview-devices")
    c.drv.switch_to.default_content()
    c.drv.find_element(By.CSS_SELECTOR, 'input[name="cpv-device"][value="phone"]').click()
    check(not c.drv.find_element(By.ID, "cpv-laptop").is_displayed(), "phone alone")


def test_paths_refused(c):
    """Over a real connection: nothing outside the module and the player."""
    host, port = re.match(r"http://([^:/]+):(\d+)/", c.preview.url).groups()
    for path in ("/module/../module.yaml", "/module/%2e%2e/module.yaml", "/module/media/..%2f..%2fmodule.yaml",
                 "/module/media/%252e%252e/%252e%252e/etc/passwd", "/module//etc/passwd", "/module/module.yaml",
                 "/module/locales/ar.po", "/module/media/../../../../../../etc/passwd"):
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        check(response.status in (400, 404), "%s: %s" % (path, response.status))
        check("root:" not in body and "id: first-weeks" not in body, "%s served a file" % path)
        conn.close()


def test_bad_starts(c):
    """A port in use and a folder that is not a module: one sentence, exit status 2."""
    port = re.search(r":(\d+)/$", c.preview.url).group(1)
    other = subprocess.run([c.args.coursepack, "preview", c.module, "--port", port], capture_output=True, text=True, timeout=120)
    check(other.returncode == 2, "a port in use: exit %d" % other.returncode)
    check("port %s on 127.0.0.1 is in use" % port in other.stderr and "Traceback" not in other.stderr and "Fatal" not in other.stderr,
          "a port in use, said: " + other.stderr)
    empty = os.path.join(c.work, "empty")
    os.mkdir(empty)
    run = subprocess.run([c.args.coursepack, "preview", empty, "--port", "0"], capture_output=True, text=True, timeout=120)
    check(run.returncode == 2 and "empty" in run.stderr, "an empty folder: %d %s" % (run.returncode, run.stderr))
    # the module folder holds only what it held: nothing written into it
    check(not [n for n in os.listdir(c.module) if n not in ("module.yaml", "pages", "media", "locales")],
          "files written into the module: %s" % os.listdir(c.module))


TESTS = [test_live_edits, test_errors, test_languages, test_review, test_devices, test_paths_refused, test_bad_starts]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--coursepack", required=True)
    parser.add_argument("--sample", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("only", nargs="*")
    args = parser.parse_args()
    failed = 0
    for test in TESTS:
        if args.only and test.__name__ not in args.only:
            continue
        started = time.time()
        c = None
        try:
            c = Context(args)
            test(c)
            print("ok   %s (%.1f s)" % (test.__name__, time.time() - started), flush=True)
        except Exception as e:
            failed += 1
            print("FAIL %s: %s" % (test.__name__, e), flush=True)
            if not isinstance(e, Failure):
                traceback.print_exc()
            if c:
                print("  terminal:\n    " + c.preview.output().replace("\n", "\n    "), flush=True)
                try:
                    c.shot("failed-" + test.__name__)
                except Exception:
                    pass
        finally:
            if c:
                c.close()
    print("%d failed" % failed if failed else "all preview tests passed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
