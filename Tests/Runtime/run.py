#!/usr/bin/env python3
"""Runs the runtime's own tests in headless Chromium through WebDriver: the unit tests of the data
models (Tests/Runtime/index.html, from file://), then the test LMS page of the browser tests
(Tests/Browser/lms/lms.html, served on loopback) with a stand-in SCO (probe/index.html) that calls the
API two frames down, as the player does.

Prints one line per failed check and a summary; exits 1 when a check failed, 2 when it could not run.
"""
import json
import os
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Browser"))
import chromium  # noqa: E402  (Tests/Browser/chromium.py)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
# what the loopback server serves: the test LMS, the runtime where lms.html looks for it, the probe
ROUTES = [("/lms/runtime/", os.path.join(REPO, "Runtime")), ("/lms/", os.path.join(REPO, "Tests", "Browser", "lms")),
          ("/pkg/probe/", os.path.join(HERE, "probe"))]


def serve():
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
            for prefix, root in ROUTES:
                if path.startswith(prefix):
                    full = os.path.realpath(os.path.join(root, path[len(prefix):]))
                    if full.startswith(os.path.realpath(root) + os.sep) and os.path.isfile(full):
                        body = open(full, "rb").read()
                        self.send_response(200)
                        self.send_header("Content-Type", "text/javascript" if full.endswith(".js") else "text/html; charset=utf-8")
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                        return
                    break
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, "http://127.0.0.1:%d/" % httpd.server_address[1]


class LMS:
    """Drives lms.html with the probe inside, two frames down."""

    def __init__(self, drv, base):
        self.drv, self.base = drv, base

    def launch(self, query):
        d = self.drv
        d.switch_to.default_content()
        d.get(self.base + "lms/lms.html?pkg=probe&" + query)
        self.enter()

    def enter(self):
        d = self.drv
        d.switch_to.default_content()
        end = time.time() + 10
        while True:
            try:
                d.switch_to.default_content()
                d.switch_to.frame("player")
                d.switch_to.frame("sco")
                if d.execute_script("return !!window.probe"):
                    return
            except Exception:
                pass
            if time.time() > end:
                raise AssertionError("the probe did not load two frames down")
            time.sleep(0.1)

    def call(self, fn, *args):
        return self.drv.execute_script("return probe.call.apply(null, arguments)", fn, *args)

    def top(self, script, *args):
        d = self.drv
        d.switch_to.default_content()
        try:
            return d.execute_script(script, *args)
        finally:
            d.switch_to.frame("player")
            d.switch_to.frame("sco")


def lms_tests(drv, base):
    lms = LMS(drv, base)
    failures = []
    count = [0]

    def test(name):
        def wrap(fn):
            count[0] += 1
            try:
                fn()
            except AssertionError as e:
                failures.append("lms page: %s: %s" % (name, e))
            except Exception as e:
                failures.append("lms page: %s: %s: %s" % (name, type(e).__name__, e))
            return fn
        return wrap

    def eq(what, got, want):
        if got != want:
            raise AssertionError("%s: got %r, expected %r" % (what, got, want))

    @test("SCORM 1.2 strict: suspend_data over 4,096 is refused with 405, logged and listed by lmsErrors()")
    def _():
        lms.launch("v=12&key=strict12")
        eq("the API two frames up", lms.drv.execute_script("return [probe.name, probe.depth]"), ["API", 2])
        eq("initialize", lms.call("LMSInitialize", ""), ["true", "0"])
        eq("4,096", lms.call("LMSSetValue", "cmi.suspend_data", "x" * 4096), ["true", "0"])
        eq("4,097", lms.call("LMSSetValue", "cmi.suspend_data", "y" * 4097), ["false", "405"])
        errs = lms.top("return lmsErrors()")
        eq("lmsErrors", [(e["fn"], e["args"][0], e["ret"], e["err"], e["s"]) for e in errs], [("LMSSetValue", "cmi.suspend_data", "false", "405", 1)])
        eq("its diagnostic", errs[0].get("diagnostic"), "cmi.suspend_data: a CMIString4096 of 4,097 characters, over its limit of 4,096")
        calls = lms.top("return lmsRecord().calls")
        eq("every call logged with s, fn, args, ret, err", all(set(c) >= {"s", "fn", "args", "ret", "err"} for c in calls) and len(calls) == 6, True)
        eq("model keeps the valid value", len(lms.top("return lmsModel()")["cmi.suspend_data"]), 4096)
        eq("initialize twice", lms.call("LMSInitialize", ""), ["false", "101"])

    @test("SCORM 1.2 lenient=1: suspend_data over 4,096 truncated")
    def _():
        lms.launch("v=12&key=lenient12&lenient=1")
        lms.call("LMSInitialize", "")
        eq("5,000", lms.call("LMSSetValue", "cmi.suspend_data", "x" * 5000), ["true", "0"])
        eq("kept", len(lms.call("LMSGetValue", "cmi.suspend_data")[0]), 4096)
        eq("lmsLaunch", lms.top("return lmsLaunch.lenient"), True)

    @test("SCORM 2004 strict: a duplicate interaction id is 351, the next field 408")
    def _():
        lms.launch("v=2004&key=dup2004")
        eq("the API two frames up", lms.drv.execute_script("return [probe.name, probe.depth]"), ["API_1484_11", 2])
        lms.call("Initialize", "")
        eq("first", lms.call("SetValue", "cmi.interactions.0.id", "q1"), ["true", "0"])
        eq("again", lms.call("SetValue", "cmi.interactions.1.id", "q1"), ["false", "351"])
        eq("then", lms.call("SetValue", "cmi.interactions.1.type", "choice"), ["false", "408"])
        eq("lmsErrors", [e["err"] for e in lms.top("return lmsErrors()")], ["351", "408"])

    @test("entry: ab-initio, resume after suspend, attempt=new empties the record, lmsNewAttempt() too")
    def _():
        lms.drv.switch_to.default_content()
        lms.launch("v=2004&key=entry2004")
        lms.call("Initialize", "")
        eq("first launch", lms.call("GetValue", "cmi.entry"), ["ab-initio", "0"])
        lms.call("SetValue", "cmi.location", "p3")
        lms.call("SetValue", "cmi.exit", "suspend")
        eq("terminate", lms.call("Terminate", ""), ["true", "0"])
        eq("committed", lms.top("return lmsRecord().committed['cmi.location']"), "p3")
        lms.launch("v=2004&key=entry2004")
        lms.call("Initialize", "")
        eq("second launch", lms.call("GetValue", "cmi.entry"), ["resume", "0"])
        eq("the place", lms.call("GetValue", "cmi.location"), ["p3", "0"])
        lms.call("SetValue", "cmi.exit", "suspend")
        lms.call("Terminate", "")
        lms.launch("v=2004&key=entry2004&attempt=new")
        lms.call("Initialize", "")
        eq("a new attempt", lms.call("GetValue", "cmi.entry"), ["ab-initio", "0"])
        eq("an empty record", lms.call("GetValue", "cmi.location"), ["", "403"])
        eq("nothing committed", lms.top("return lmsRecord().committed"), {})
        lms.call("SetValue", "cmi.location", "p5")
        lms.call("Commit", "")
        lms.drv.switch_to.default_content()
        lms.drv.execute_script("lmsNewAttempt()")
        time.sleep(0.5)
        lms.enter()
        lms.call("Initialize", "")
        eq("after lmsNewAttempt", lms.call("GetValue", "cmi.entry"), ["ab-initio", "0"])
        eq("empty again", lms.call("GetValue", "cmi.location"), ["", "403"])
        eq("lmsLaunch", lms.top("return [lmsLaunch.newAttempt, lmsLaunch.attempt, lmsLaunch.session]"), [True, 3, 4])

    @test("SCORM 2004: after exit normal the next launch is a new attempt")
    def _():
        lms.launch("v=2004&key=normal2004")
        lms.call("Initialize", "")
        lms.call("SetValue", "cmi.location", "p9")
        lms.call("SetValue", "cmi.exit", "normal")
        lms.call("Terminate", "")
        lms.launch("v=2004&key=normal2004")
        lms.call("Initialize", "")
        eq("entry", lms.call("GetValue", "cmi.entry"), ["ab-initio", "0"])
        eq("location", lms.call("GetValue", "cmi.location"), ["", "403"])

    @test("lang=ar: the learner's language from the LMS profile")
    def _():
        lms.launch("v=2004&key=lang2004&lang=ar")
        lms.call("Initialize", "")
        eq("2004", lms.call("GetValue", "cmi.learner_preference.language"), ["ar", "0"])
        lms.launch("v=12&key=lang12&lang=ar")
        lms.call("LMSInitialize", "")
        eq("1.2", lms.call("LMSGetValue", "cmi.student_preference.language"), ["ar", "0"])

    @test("mastery=80: 1.2 mastery_score 80, 2004 scaled_passing_score 0.8")
    def _():
        lms.launch("v=12&key=m12&mastery=80")
        lms.call("LMSInitialize", "")
        eq("1.2", lms.call("LMSGetValue", "cmi.student_data.mastery_score"), ["80", "0"])
        lms.launch("v=2004&key=m2004&mastery=80")
        lms.call("Initialize", "")
        eq("2004", lms.call("GetValue", "cmi.scaled_passing_score"), ["0.8", "0"])

    @test("fail=1 and window.lmsFail: SetValue and Commit fail (351, 391) until the LMS recovers")
    def _():
        lms.launch("v=2004&key=fail2004&fail=1")
        lms.call("Initialize", "")
        eq("set", lms.call("SetValue", "cmi.location", "p1"), ["false", "351"])
        eq("commit", lms.call("Commit", ""), ["false", "391"])
        lms.top("window.lmsFail = false")
        eq("set again", lms.call("SetValue", "cmi.location", "p1"), ["true", "0"])
        eq("commit again", lms.call("Commit", ""), ["true", "0"])
        eq("committed", lms.top("return lmsRecord().committed['cmi.location']"), "p1")
        lms.launch("v=12&key=fail12&fail=1")
        lms.call("LMSInitialize", "")
        eq("1.2 set", lms.call("LMSSetValue", "cmi.core.lesson_location", "p1"), ["false", "101"])

    return count[0], failures


def main():
    opts = chromium.options()
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = chromium.start(opts)
    drv.set_page_load_timeout(30)
    httpd, base = serve()
    try:
        drv.get("file://" + os.path.join(HERE, "index.html"))
        end = time.time() + 30
        out = None
        while time.time() < end:
            out = drv.execute_script("return window.runtimeTests || null")
            if out and out.get("done"):
                break
            time.sleep(0.1)
        errors = [e["message"] for e in drv.get_log("browser") if e.get("level") == "SEVERE" and e.get("source") != "network"]
        lms_count, lms_failures = lms_tests(drv, base)
        errors += [e["message"] for e in drv.get_log("browser") if e.get("level") == "SEVERE" and e.get("source") != "network"]
    finally:
        drv.quit()
        httpd.shutdown()
    if not out or not out.get("done"):
        print("FAIL the tests did not finish: %s" % (errors or "no result"))
        return 1
    failed = [r for r in out["results"] if not r["ok"]]
    for r in failed:
        print("FAIL %s: %s" % (r["name"], r["detail"]))
    for f in lms_failures:
        print("FAIL " + f)
    for e in errors:
        print("FAIL script error: %s" % e)
    print("runtime: %d tests passed, %d failed (%d failed checks); lms page: %d passed, %d failed%s" % (
        out["tests"] - out["failedTests"], out["failedTests"], len(failed), lms_count - len(lms_failures), len(lms_failures),
        ", %d script errors" % len(errors) if errors else ""))
    return 1 if failed or errors or lms_failures else 0


if __name__ == "__main__":
    sys.exit(main())
