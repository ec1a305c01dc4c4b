#!/usr/bin/env python3
"""Browser tests of the Coursepack player, in headless Chromium driven through WebDriver (Selenium).

The unit under test is a package directory: index.html (+ index.<tag>.html), player/, media/ and the
manifest, as `coursepack pack` writes it (docs/package-layout.md). The target comes from the document's
data block. A scripted learner reads the module from that same data block (pages, quizzes, answers), so
the tests run against the fixtures and against real packages alike.

Usage: test_player.py [--screenshots DIR] PACKAGE_DIR...
Prints one line per test and ends with 'N passed, N failed'; exits 1 when a test failed.
"""
import base64
import json
import math
import os
import re
import sys
import threading
import time
import traceback
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chromium  # noqa: E402  (Tests/Browser/chromium.py)

HERE = os.path.dirname(os.path.abspath(__file__))
LMS_DIR = os.path.join(HERE, "lms")
CMI5 = "https://w3id.org/xapi/cmi5/context/"
VERB = "http://adlnet.gov/expapi/verbs/"
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
DURATION_RE = re.compile(r"^P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")


class Failure(AssertionError):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


def js_round(x):
    return int(math.floor(x + 0.5))


# ----------------------------------------------------------------------------------------------
# the loopback server: packages, the SCORM stand-in, and a cmi5 LMS with its LRS
# ----------------------------------------------------------------------------------------------

class CMI5LMS:
    """The LMS side of cmi5: launch URLs, the one-time fetch URL, LMS.LaunchData, and an LRS that
    records statements and state documents. `fail` > 0 makes that many xAPI writes answer 503."""

    def __init__(self, server):
        self.server = server
        self.lock = threading.Lock()
        self.statements = []      # (session id, token used, statement)
        self.requests = []        # (method, path, headers)
        self.states = {}          # (activityId, agent, registration, stateId) -> bytes
        self.sessions = {}        # session id -> {"token", "fetched"}
        self.fail = 0
        self.registration = str(uuid.uuid4())
        self.actor = {"objectType": "Agent", "account": {"homePage": "http://127.0.0.1", "name": "learner-42"}}
        self.publisher = "https://coursepack.invalid/browser-fixture/au"
        self.mastery = 0.8

    @property
    def activity(self):
        return self.server.base + "cmi5/activities/browser-fixture"

    def launch(self, pkg, doc="index.html", mode="Normal"):
        sid = str(uuid.uuid4())
        token = base64.b64encode(("learner-42:" + sid).encode()).decode()
        agent = json.dumps(self.actor, separators=(",", ":"))
        launch_data = {
            "contextTemplate": {
                "contextActivities": {"grouping": [{"objectType": "Activity", "id": self.publisher}]},
                "extensions": {CMI5 + "extensions/sessionid": sid},
            },
            "launchMode": mode, "moveOn": "CompletedAndPassed", "masteryScore": self.mastery,
        }
        with self.lock:
            self.sessions[sid] = {"token": token, "fetched": 0}
            self.states[(self.activity, agent, self.registration, "LMS.LaunchData")] = json.dumps(launch_data).encode()
        q = urllib.parse.urlencode({
            "endpoint": self.server.base + "cmi5/xapi/",
            "fetch": self.server.base + "cmi5/fetch/" + sid,
            "actor": agent, "registration": self.registration, "activityId": self.activity,
        }, quote_via=urllib.parse.quote)
        return sid, token, self.server.base + "pkg/" + pkg + "/" + doc + "?" + q

    def statements_of(self, sid):
        with self.lock:
            out = [s for (sess, _, s) in self.statements if (s.get("context") or {}).get("extensions", {}).get(CMI5 + "extensions/sessionid") == sid]
        return sorted(out, key=lambda s: s["timestamp"])

    def token_session(self, headers):
        auth = headers.get("Authorization", "")
        for sid, s in self.sessions.items():
            if auth == "Basic " + s["token"]:
                return sid
        return None

    def handle(self, h, method, path, query, body):
        with self.lock:
            self.requests.append((method, path, dict(h.headers)))
        if path.startswith("/cmi5/fetch/"):
            sid = path.rsplit("/", 1)[1]
            with self.lock:
                s = self.sessions.get(sid)
                if method != "POST" or not s:
                    return h.reply(400, b"{}", "application/json")
                s["fetched"] += 1
                if s["fetched"] > 1:
                    return h.reply(200, json.dumps({"error-code": "1", "error-text": "already used"}).encode(), "application/json")
                return h.reply(200, json.dumps({"auth-token": s["token"]}).encode(), "application/json")
        if not path.startswith("/cmi5/xapi/"):
            return h.reply(404, b"", "text/plain")
        sid = self.token_session(h.headers)
        if not sid or h.headers.get("X-Experience-API-Version", "")[:3] != "1.0":
            return h.reply(401, b"", "text/plain")
        resource = path[len("/cmi5/xapi/"):]
        if method in ("PUT", "POST") and self.fail > 0:
            with self.lock:
                self.fail -= 1
            return h.reply(503, b"", "text/plain")
        if resource == "statements" and method in ("PUT", "POST"):
            data = json.loads(body or b"null")
            items = data if isinstance(data, list) else [data]
            if method == "PUT":
                check(len(items) == 1 and items[0].get("id") == query.get("statementId"), "PUT statement id mismatch")
            with self.lock:
                known = {s["id"] for (_, _, s) in self.statements}
                for st in items:
                    if st.get("id") not in known:
                        self.statements.append((sid, h.headers.get("Authorization"), st))
            return h.reply(204 if method == "PUT" else 200, b"" if method == "PUT" else json.dumps([s["id"] for s in items]).encode(), "application/json")
        if resource == "activities/state":
            k = (query.get("activityId"), query.get("agent"), query.get("registration"), query.get("stateId"))
            with self.lock:
                if method == "GET":
                    doc = self.states.get(k)
                    return h.reply(200, doc, "application/json") if doc is not None else h.reply(404, b"", "text/plain")
                if method == "PUT":
                    if k[3] == "LMS.LaunchData":
                        return h.reply(403, b"", "text/plain")
                    json.loads(body)
                    self.states[k] = body
                    return h.reply(204, b"", "text/plain")
        if resource == "agents/profile" and method == "GET":
            return h.reply(404, b"", "text/plain")
        return h.reply(400, b"", "text/plain")

    def state(self, state_id):
        agent = json.dumps(self.actor, separators=(",", ":"))
        with self.lock:
            doc = self.states.get((self.activity, agent, self.registration, state_id))
        return json.loads(doc) if doc else None


class Server:
    def __init__(self, packages):
        self.packages = packages  # name -> directory
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def reply(self, code, body, ctype):
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def route(self, method):
                u = urllib.parse.urlsplit(self.path)
                path = urllib.parse.unquote(u.path)
                query = dict(urllib.parse.parse_qsl(u.query, keep_blank_values=True))
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                try:
                    if path.startswith("/cmi5/"):
                        return outer.cmi5.handle(self, method, path, query, body)
                    if method not in ("GET", "HEAD"):
                        return self.reply(405, b"", "text/plain")
                    if path.startswith("/pkg/"):
                        name, _, rest = path[5:].partition("/")
                        root = outer.packages.get(name)
                        return self.file(root, rest)
                    if path.startswith("/lms/"):
                        return self.file(LMS_DIR, path[5:])
                    return self.reply(404, b"", "text/plain")
                except Failure as e:
                    outer.errors.append(str(e))
                    return self.reply(400, str(e).encode(), "text/plain")

            def file(self, root, rel):
                if not root:
                    return self.reply(404, b"", "text/plain")
                full = os.path.realpath(os.path.join(root, rel))
                if not full.startswith(os.path.realpath(root) + os.sep) or not os.path.isfile(full):
                    return self.reply(404, b"", "text/plain")
                types = {".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
                         ".svg": "image/svg+xml", ".json": "application/json", ".xml": "application/xml",
                         ".png": "image/png", ".jpg": "image/jpeg", ".mp3": "audio/mpeg", ".mp4": "video/mp4",
                         ".vtt": "text/vtt", ".woff2": "font/woff2", ".txt": "text/plain; charset=utf-8"}
                ctype = types.get(os.path.splitext(full)[1].lower(), "application/octet-stream")
                return self.reply(200, open(full, "rb").read(), ctype)

            def do_GET(self):
                self.route("GET")

            def do_HEAD(self):
                self.route("HEAD")

            def do_POST(self):
                self.route("POST")

            def do_PUT(self):
                self.route("PUT")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = "http://127.0.0.1:%d/" % self.httpd.server_address[1]
        self.errors = []
        self.cmi5 = CMI5LMS(self)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


# ----------------------------------------------------------------------------------------------
# the browser
# ----------------------------------------------------------------------------------------------

def browser(width=1280, height=800, scripts=True):
    opts = chromium.options(width, height)
    if not scripts:
        opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    drv = chromium.start(opts)
    drv.set_page_load_timeout(30)
    drv.set_script_timeout(20)
    viewport(drv, width, height)
    return drv


def viewport(drv, width, height):
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def wait(drv, cond, message, timeout=10):
    try:
        return WebDriverWait(drv, timeout, poll_frequency=0.1).until(lambda d: cond(d))
    except TimeoutException:
        raise Failure("timed out: " + message)


def poll(cond, message, timeout=10):
    end = time.time() + timeout
    while True:
        v = cond()
        if v:
            return v
        if time.time() > end:
            raise Failure("timed out: " + message)
        time.sleep(0.1)


class Network:
    """Every request the pages made, from Chromium's performance log; only the package and the LMS are allowed."""

    def __init__(self, drv, allowed):
        self.drv, self.allowed, self.urls = drv, allowed, []

    def collect(self):
        for entry in self.drv.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            if msg.get("method") == "Network.requestWillBeSent":
                self.urls.append(msg["params"]["request"]["url"])
        # script errors count; an LMS answering 404 (no document yet) or 503 (told to fail) does not
        errors = [e for e in self.drv.get_log("browser") if e.get("level") == "SEVERE" and e.get("source") != "network"]
        check(not errors, "errors in the console: %s" % errors)

    def verify(self):
        self.collect()
        bad = [u for u in self.urls if not (u.startswith(tuple(self.allowed)) or u.startswith(("data:", "about:", "blob:")))]
        check(not bad, "requests outside the package and the LMS: %s" % bad)
        check(self.urls, "no request recorded (performance log empty?)")


# ----------------------------------------------------------------------------------------------
# the scripted learner
# ----------------------------------------------------------------------------------------------

def listify(a):
    return [str(x).lower() if isinstance(x, bool) else str(x) for x in (a if isinstance(a, list) else [a])]


class Module:
    """What the learner and the oracle know, read from the data block."""

    def __init__(self, data):
        self.data = data
        self.pages = [p["id"] for p in data["pages"]]
        self.page_info = {p["id"]: p for p in data["pages"]}
        self.completion = dict({"rule": "pages-seen", "pagesRequired": 100, "passingScore": 0}, **data.get("completion", {}))
        self.messages = data.get("messages", {})
        self.questions = []  # (quiz key, index, question, scored)
        for key, quiz in data.get("quizzes", {}).items():
            scored = quiz.get("scored", True) is not False and self.page_info.get(quiz["page"], {}).get("scored", True) is not False
            for i, q in enumerate(quiz["questions"]):
                self.questions.append((key, i, q, scored))
        # the learner answers one single-attempt scored question wrongly, to get a score that is not 100
        self.spoil = next(((k, i) for k, i, q, s in self.questions if s and q.get("attempts") == 1), None)

    def quiz_page(self, key):
        return self.data["quizzes"][key]["page"]

    def oracle(self, seen, results, mastery=None):
        """The expected report, computed here independently of the player."""
        total = earned = open_ = 0
        for key, i, q, scored in self.questions:
            if not scored:
                continue
            pts = q.get("points", 1)
            total += pts
            r = results.get((key, i))
            if r and r[1]:
                earned += pts
            if not r:
                open_ += 1
        n = len(self.pages)
        pages_met = seen * 100 >= self.completion["pagesRequired"] * n
        answered = sum(1 for key, i, q, scored in self.questions if scored and results.get((key, i)))
        score = js_round(100 * earned / total) if total and answered else None
        passing = mastery if mastery is not None else self.completion["passingScore"]
        passed = not total or (score is not None and score >= passing)
        failed = bool(total) and not passed and open_ == 0
        quiz_done = passed or open_ == 0
        rule = self.completion["rule"]
        completed = pages_met if rule == "pages-seen" else quiz_done if rule == "quiz-passed" else pages_met and quiz_done
        if rule == "pages-seen" or (not total and rule != "quiz-passed"):
            success = "unknown"
        else:
            success = "passed" if passed else "failed" if failed else "unknown"
        s12 = ("completed" if completed else "incomplete") if rule == "pages-seen" else \
            "failed" if success == "failed" else "passed" if success == "passed" and completed else "incomplete"
        # what the LMS is told: with a mastery score, a score only once it passes or every question is answered
        mastery_in_effect = mastery is not None or (rule != "pages-seen" and self.completion.get("passingScore") is not None)
        reported = score if score is not None and (not mastery_in_effect or score >= passing or open_ == 0) else None
        return {"score": score, "reported": reported, "completed": completed, "success": success, "s12": s12}


class Learner:
    def __init__(self, drv, module, enter):
        self.drv, self.m, self.enter = drv, module, enter
        self.results = {}      # (quiz, index) -> (tries, correct)
        self.submissions = 0   # answers sent, one SCORM interaction each
        self.seen = set()
        self.ticked = []       # [checklist element id, box value] of each box the learner ticked

    def ready(self):
        self.enter()
        wait(self.drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready")

    def page(self):
        return self.drv.execute_script("return Coursepack.page")

    def section(self):
        return self.drv.find_element(By.CSS_SELECTOR, ".cp-page.cp-current")

    def msg(self, key, default):
        v = self.m.messages.get(key, default)
        return v if isinstance(v, str) else default

    def do_page(self):
        pid = self.page()
        self.seen.add(pid)
        sec = self.section()
        for el in sec.find_elements(By.CSS_SELECTOR, "[data-component=checklist] input[type=checkbox]")[:1]:
            if not el.is_selected():
                el.click()
            box = el.find_element(By.XPATH, "ancestor::*[@data-component='checklist'][1]")
            self.ticked.append([box.get_attribute("id"), el.get_attribute("value")])
        for el in sec.find_elements(By.CSS_SELECTOR, "[data-component=reflection] textarea"):
            el.clear()
            el.send_keys("An interpreter on the phone helped.")
        for b in sec.find_elements(By.CSS_SELECTOR, ".cp-flip")[:1]:
            b.click()
            check(b.get_attribute("aria-expanded") == "true", "a flashcard button opens its back")
        for d in sec.find_elements(By.CSS_SELECTOR, "[data-component=dialogue]"):
            self.play_dialogue(d)
        for key, i, q, scored in self.m.questions:
            if self.m.quiz_page(key) == pid and (key, i) not in self.results:
                self.answer(key, i, q)

    def play_dialogue(self, d):
        for _ in range(20):
            choices = d.find_elements(By.CSS_SELECTOR, ".cp-choice")
            if not choices:
                break
            before = len(d.find_elements(By.CSS_SELECTOR, ".cp-said"))
            choices[0].click()
            wait(self.drv, lambda _: len(d.find_elements(By.CSS_SELECTOR, ".cp-said")) > before, "the next scene shows")
            active = self.drv.switch_to.active_element
            check("cp-said" in (active.get_attribute("class") or ""), "focus moves to the new scene")
        check(d.find_elements(By.CSS_SELECTOR, ".cp-restart"), "a finished role play offers to start again")

    def fill(self, fs, q, right):
        kind = q["kind"]
        ans = q["answer"]
        if kind in ("single", "multiple", "true-false"):
            inputs = fs.find_elements(By.TAG_NAME, "input")
            values = [i.get_attribute("value") for i in inputs]
            ans = listify(ans)
            if right:
                chosen = ans
            elif kind == "multiple" and len(ans) > 1:
                chosen = ans[:1]
            else:
                chosen = [v for v in values if v not in ans][:1]
            for inp in inputs:
                if inp.is_selected() != (inp.get_attribute("value") in chosen):
                    label = fs.find_elements(By.CSS_SELECTOR, 'label[for="%s"]' % inp.get_attribute("id"))
                    (label[0] if label else inp).click()
        elif kind == "ordering":
            order = list(ans) if right else list(reversed(ans))
            for s in fs.find_elements(By.TAG_NAME, "select"):
                Select(s).select_by_value(str(order.index(s.get_attribute("data-item") or s.get_attribute("name")) + 1))
        elif kind == "matching":
            lefts = list(ans)
            rights = [ans[k] for k in lefts]
            if not right:
                rights = rights[1:] + rights[:1]
            for s in fs.find_elements(By.TAG_NAME, "select"):
                Select(s).select_by_value(rights[lefts.index(s.get_attribute("data-left") or s.get_attribute("name"))])

    def submit(self, form, expect):
        box = form.find_element(By.CSS_SELECTOR, ".cp-feedback")
        form.find_element(By.CSS_SELECTOR, "button[type=submit], button:not([type])").click()
        self.submissions += 1
        wait(self.drv, lambda _: expect in box.text, "feedback %r (got %r)" % (expect, box.text))

    def answer(self, key, i, q):
        form = self.section().find_element(By.CSS_SELECTOR, 'form[data-quiz="%s"]' % key)
        fs = [f for f in form.find_elements(By.TAG_NAME, "fieldset")][i]
        attempts = q.get("attempts")
        right_msg, wrong_msg = self.msg("correct", "Correct."), self.msg("incorrect", "Not quite.")
        if (key, i) == self.m.spoil:
            self.fill(fs, q, False)
            self.submit(form, wrong_msg)
            check(fs.get_attribute("disabled") is not None, "a question without attempts left is locked")
            self.results[(key, i)] = (1, 0)
            return
        tries = 0
        if attempts is None or attempts >= 2:
            self.fill(fs, q, False)
            self.submit(form, wrong_msg)
            check(fs.get_attribute("data-result") == "incorrect", "a wrong answer is marked")
            tries += 1
        self.fill(fs, q, True)
        self.submit(form, right_msg)
        check(fs.get_attribute("data-result") == "correct", "a right answer is marked")
        check(fs.get_attribute("disabled") is not None, "a right answer locks the question")
        self.results[(key, i)] = (tries + 1, 1)

    def next(self, keyboard=False):
        before = self.page()
        if keyboard:
            self.drv.switch_to.active_element.send_keys(Keys.ALT, Keys.PAGE_DOWN)
        else:
            self.drv.find_element(By.CSS_SELECTOR, ".cp-next").click()
        wait(self.drv, lambda _: self.page() != before, "next page")
        active = self.drv.switch_to.active_element
        check(active.tag_name == "h1", "focus moves to the page heading, not %s" % active.tag_name)

    def walk_to(self, index):
        """Does every page from here, up to and including page `index`."""
        while True:
            self.do_page()
            cur = self.m.pages.index(self.page())
            if cur >= index:
                return
            self.next(keyboard=cur % 2 == 1)

    def expected(self, mastery=None):
        return self.m.oracle(len(self.seen), self.results, mastery)


def read_data(drv):
    return json.loads(drv.execute_script("return document.getElementById('coursepack-data').textContent"))


def clear_device_copy(drv):
    drv.execute_script("Object.keys(localStorage).filter(k => k.indexOf('coursepack:') === 0).forEach(k => localStorage.removeItem(k))")


B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def module_shape(m):
    """FNV-1a (32 bits) of "<page ids joined by ,>|<quiz.index joined by ,>", its low 20 bits in base 36."""
    text = ",".join(m.pages) + "|" + ",".join("%s.%d" % (k, i) for k, i, _, _ in m.questions)
    h = 0x811c9dc5
    for c in text:
        for unit in ([ord(c)] if ord(c) < 0x10000 else [0xD800 + ((ord(c) - 0x10000) >> 10), 0xDC00 + ((ord(c) - 0x10000) & 0x3FF)]):
            h = ((h ^ unit) * 16777619) & 0xFFFFFFFF
    v = h & 0xFFFFF
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while v:
        out = digits[v % 36] + out
        v //= 36
    return ("000" + (out or "0"))[-4:]


def suspend_of(value, m):
    """The learner state as docs/player.md describes it ("2|time|page|language|ack|shape|seen|results|extras"),
    decoded here independently of the player: {"p": page id, "s": "0110..." per page, "q": {quiz: [[tries,
    right, response], ...]}, "l": language, "x": the extras}."""
    check(value.startswith("2|"), "suspend data is the player's format 2: %r" % value[:40])
    parts = value.split("|")
    check(len(parts) >= 9, "nine fields in the suspend data: %r" % value[:80])
    check(parts[5] == module_shape(m), "the shape %r is the module's %r" % (parts[5], module_shape(m)))
    page = int(parts[2], 36) if parts[2] else None
    seen_bits = []
    for ch in parts[6]:
        v = B64.index(ch)
        seen_bits += ["1" if v & (1 << b) else "0" for b in range(6)]
    seen = "".join((seen_bits + ["0"] * len(m.pages))[:len(m.pages)])
    extras = json.loads("|".join(parts[8:]))
    q = {}
    order = [(k, i) for k, i, _, _ in m.questions]
    for n, ch in enumerate(parts[7]):
        check(n < len(order), "no more results than questions")
        v = B64.index(ch)
        k, i = order[n]
        resp = (extras.get("a", {}).get(k) or [])
        q.setdefault(k, [None] * len(m.data["quizzes"][k]["questions"]))[i] = \
            [v >> 1, v & 1, resp[i] if i < len(resp) and resp[i] else ""] if v else None
    return {"p": m.pages[page] if page is not None else None, "s": seen, "q": q, "l": parts[3] or None, "x": extras}


# ----------------------------------------------------------------------------------------------
# tests
# ----------------------------------------------------------------------------------------------

class Env:
    def __init__(self, server, name, path, target, shots):
        self.server, self.name, self.path, self.target, self.shots = server, name, path, target, shots


def manifest_mastery(env):
    """The mastery score the package's manifest gives, in percent, as an LMS reads it on import."""
    try:
        text = open(os.path.join(env.path, "imsmanifest.xml"), encoding="utf-8").read()
    except OSError:
        return None
    m = re.search(r"<adlcp:masteryscore>\s*([0-9.]+)\s*<", text)
    if m:
        return m.group(1)
    m = re.search(r"<imsss:minNormalizedMeasure>\s*([0-9.]+)\s*<", text)
    return ("%g" % (float(m.group(1)) * 100)) if m else None


def scorm_enter(drv, env, key, v, extra=""):
    mastery = manifest_mastery(env)
    if mastery and "mastery=" not in extra:
        extra += "&mastery=" + mastery

    def enter():
        drv.switch_to.default_content()
        drv.get(env.server.base + "lms/lms.html?pkg=%s&v=%s&key=%s%s" % (urllib.parse.quote(env.name), v, key, extra))
        wait(drv, lambda d: d.find_elements(By.ID, "player"), "LMS page")
        drv.switch_to.frame("player")
        wait(drv, lambda d: d.find_elements(By.ID, "sco"), "player frame")
        drv.switch_to.frame("sco")
    return enter


def lms_record(drv):
    drv.switch_to.default_content()
    return drv.execute_script("return lmsRecord()")


def leave_scorm(drv, env):
    drv.switch_to.default_content()
    drv.get(env.server.base + "lms/blank.html")


def record_now(drv, env, key):
    return drv.execute_script("return JSON.parse(localStorage.getItem(arguments[0]))", "lms-standin:" + key)


def scorm_names(v):
    if v == "12":
        return dict(loc="cmi.core.lesson_location", status="cmi.core.lesson_status", exit="cmi.core.exit",
                    time="cmi.core.session_time", raw="cmi.core.score.raw", min="cmi.core.score.min", max="cmi.core.score.max",
                    init="LMSInitialize", fin="LMSFinish", commit="LMSCommit", set="LMSSetValue",
                    time_re=r"^\d{4}:\d{2}:\d{2}(\.\d{1,2})?$")
    return dict(loc="cmi.location", status="cmi.completion_status", success="cmi.success_status", exit="cmi.exit",
                time="cmi.session_time", raw="cmi.score.raw", min="cmi.score.min", max="cmi.score.max", scaled="cmi.score.scaled",
                init="Initialize", fin="Terminate", commit="Commit", set="SetValue", time_re=DURATION_RE.pattern)


def check_session_calls(calls, session, n, forced_failures=False):
    mine = [c for c in calls if c["s"] == session and not c["fn"].endswith("GetLastError")]
    check(mine and mine[0]["fn"] == n["init"] and mine[0]["ret"] == "true", "session %d starts with %s" % (session, n["init"]))
    check(mine[-1]["fn"] == n["fin"], "session %d ends with %s, not %s" % (session, n["fin"], mine[-1]["fn"]))
    check(any(c["fn"] == n["commit"] for c in mine), "session %d commits" % session)
    inits = [c for c in mine if c["fn"] == n["init"]]
    check(len(inits) == 1, "session %d initializes once, not %d times" % (session, len(inits)))
    check(len([c for c in mine if c["fn"] == n["fin"]]) == 1, "session %d terminates once" % session)
    if not forced_failures:
        errors = [c for c in mine if c.get("err", "0") != "0" and not re.search("GetLastError|GetErrorString|GetDiagnostic", c["fn"])]
        check(not errors, "API errors in the runtime's log: %s" % [(c["fn"], c["args"][:2], c["err"]) for c in errors][:8])
        check(mine[-1]["ret"] == "true", "%s succeeds" % n["fin"])


def check_scorm_values(m, v, n, got, learner, where, leaving_done):
    exp = learner.expected()
    check(got.get(n["loc"]) == where, "location %r, expected %r" % (got.get(n["loc"]), where))
    susp = suspend_of(got["cmi.suspend_data"], m)
    check(susp["p"] == where, "suspend data location")
    seen = "".join("1" if p in learner.seen else "0" for p in m.pages)
    check(susp["s"] == seen, "pages seen %r, expected %r" % (susp["s"], seen))
    for (key, i), (tries, right) in learner.results.items():
        rec = susp["q"][key][i]
        check(rec[0] == tries and rec[1] == right, "quiz %s/%d saved as %r, expected %r" % (key, i, rec, (tries, right)))
    if v == "12":
        check(len(got["cmi.suspend_data"]) <= 4096, "SCORM 1.2 suspend data within 4,096 characters")
        check(got.get(n["status"]) == exp["s12"], "lesson_status %r, expected %r" % (got.get(n["status"]), exp["s12"]))
        done = exp["s12"] in ("passed", "completed")
        check(got.get(n["exit"]) == ("" if done else "suspend"), "exit %r" % got.get(n["exit"]))
    else:
        comp = "completed" if exp["completed"] else "incomplete"
        check(got.get(n["status"]) == comp, "completion_status %r, expected %r" % (got.get(n["status"]), comp))
        check(got.get(n["success"]) == exp["success"], "success_status %r, expected %r" % (got.get(n["success"]), exp["success"]))
        want_exit = "normal" if exp["completed"] and exp["success"] != "failed" else "suspend"
        check(got.get(n["exit"]) == want_exit, "cmi.exit %r, expected %r" % (got.get(n["exit"]), want_exit))
    if exp["reported"] is not None:
        check(got.get(n["raw"]) == str(exp["reported"]), "score.raw %r, expected %r" % (got.get(n["raw"]), exp["reported"]))
        check(got.get(n["min"]) == "0" and got.get(n["max"]) == "100", "score.min/max")
        if v == "2004":
            check(float(got.get(n["scaled"])) == exp["reported"] / 100, "score.scaled %r" % got.get(n["scaled"]))
    else:
        check(not got.get(n["raw"]), "no score reported while it could fail a learner half-way: %r" % got.get(n["raw"]))
    if leaving_done:
        check(re.match(n["time_re"], got.get(n["time"], "")), "session_time %r" % got.get(n["time"]))
    count = 0
    while ("cmi.interactions.%d.id" % count) in got:
        count += 1
    check(count == learner.submissions, "%d interactions recorded, expected %d" % (count, learner.submissions))
    for k, val in got.items():
        if k.startswith("cmi.interactions."):
            check(len(val) <= 255, "interaction field %s within 255 characters" % k)
    return exp


def wait_ready(drv, timeout=10):
    wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready", timeout=timeout)


class ScormLaunch:
    """One learner's record in the test LMS, launched: the version and its element names, the launch
    (to come back with), the module read from the data block and a scripted learner."""

    def __init__(self, drv, env, name, extra=""):
        self.v = "12" if env.target == "scorm12" else "2004"
        self.n = scorm_names(self.v)
        self.key = name + "-" + env.name
        self.enter = scorm_enter(drv, env, self.key, self.v, extra)
        self.enter()
        wait_ready(drv)
        self.m = Module(read_data(drv))
        self.learner = Learner(drv, self.m, self.enter)


def test_scorm_resume_and_finish(env):
    """A learner goes half-way, leaves, comes back at the saved page, finishes; the exact values the LMS holds."""
    v = "12" if env.target == "scorm12" else "2004"
    n = scorm_names(v)
    drv = browser()
    try:
        net = Network(drv, [env.server.base])
        key = "resume-" + env.name
        enter = scorm_enter(drv, env, key, v)
        enter()
        wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready")
        m = Module(read_data(drv))
        learner = Learner(drv, m, enter)
        check(drv.find_element(By.TAG_NAME, "html").get_attribute("class").split().count("js") == 1, "html has class js, not no-js")
        half = (len(m.pages) - 1) // 2
        learner.walk_to(half)
        where = learner.page()
        net.collect()
        leave_scorm(drv, env)
        rec = record_now(drv, env, key)
        check_session_calls(rec["calls"], 1, n)
        check_scorm_values(m, v, n, rec["committed"], learner, where, True)

        # back again: the device copy is gone, so the place comes from the LMS
        clear_device_copy(drv)
        learner.ready()
        check(learner.page() == where, "resumed at %r, expected %r" % (learner.page(), where))
        notice = drv.find_element(By.CSS_SELECTOR, ".cp-notice").text
        check(notice, "a returning learner is told where they are")
        # each page is set up when it shows: look at every answered question on its page, then come back
        for (key_, i), (tries, right) in learner.results.items():
            drv.execute_script("Coursepack.go(arguments[0])", m.pages.index(m.quiz_page(key_)))
            fs = drv.find_elements(By.CSS_SELECTOR, 'form[data-quiz="%s"] fieldset' % key_)[i]
            check(fs.get_attribute("data-result") == ("correct" if right else "incorrect"), "answer to %s restored" % key_)
        drv.execute_script("Coursepack.go(arguments[0])", m.pages.index(where))
        learner.next()
        check(not drv.find_element(By.CSS_SELECTOR, ".cp-notice").text, "'welcome back' goes once the learner moves on")
        learner.walk_to(len(m.pages) - 1)
        exp = learner.expected()
        drv.execute_script("Coursepack.save()")
        time.sleep(0.3)
        net.collect()
        leave_scorm(drv, env)
        rec = record_now(drv, env, key)
        check_session_calls(rec["calls"], 2, n)
        check(rec["sessions"] == 2, "two sessions")
        check_scorm_values(m, v, n, rec["committed"], learner, m.pages[-1], True)
        check(exp["score"] is None or exp["score"] < 100 or m.spoil is None, "the learner lost a point on purpose")
        net.verify()
    finally:
        drv.quit()


def test_scorm_failing_lms(env):
    """Calls that return "false" lose nothing: the learner is told, the player retries, and a copy on the
    device carries the progress over to the next launch when the LMS never recovered in the session."""
    drv = browser()
    try:
        launch = ScormLaunch(drv, env, "failing", "&fail=1")
        v, n, key, enter, m, learner = launch.v, launch.n, launch.key, launch.enter, launch.m, launch.learner
        offline = learner.msg("saved-offline", "nothing is lost")
        learner.walk_to(1)
        wait(drv, lambda d: offline in d.find_element(By.CSS_SELECTOR, ".cp-save").text, "the learner is told nothing is lost")
        check(drv.find_element(By.CSS_SELECTOR, ".cp-save").get_attribute("role") == "status", "in a polite live region")
        drv.switch_to.default_content()
        check(not drv.execute_script("return lmsRecord()")["committed"].get(n["loc"]), "nothing reached the failing LMS")
        drv.execute_script("window.lmsFail = false")
        drv.switch_to.frame("player")
        drv.switch_to.frame("sco")
        where = learner.page()
        wait(drv, lambda d: not d.execute_script("return Coursepack.failing"), "the player retries and gets through", timeout=25)
        drv.switch_to.default_content()
        got = drv.execute_script("return lmsRecord()")["committed"]
        check(got.get(n["loc"]) == where, "location arrived after recovery")
        check(suspend_of(got["cmi.suspend_data"], m)["s"].startswith("11"), "pages seen arrived after recovery")

        # the LMS fails again and the learner leaves: the next launch resumes from the copy on the device
        drv.execute_script("window.lmsFail = true")
        drv.switch_to.frame("player")
        drv.switch_to.frame("sco")
        learner.next()
        learner.do_page()
        later = learner.page()
        leave_scorm(drv, env)
        rec = record_now(drv, env, key)
        check(rec["committed"].get(n["loc"]) == where, "the failing LMS kept the old place")
        enter2 = scorm_enter(drv, env, key, v)
        Learner(drv, m, enter2).ready()
        check(learner.page() == later, "resumed at %r from the device copy, expected %r" % (learner.page(), later))
        drv.execute_script("Coursepack.save()")
        drv.switch_to.default_content()
        poll(lambda: drv.execute_script("return lmsRecord()")["committed"].get(n["loc"]) == later, "the place reaches the LMS")
        susp = suspend_of(drv.execute_script("return lmsRecord()")["committed"]["cmi.suspend_data"], m)
        for (k, i), (tries, right) in learner.results.items():
            check(susp["q"][k][i][:2] == [tries, right], "answer to %s reached the LMS" % k)
    finally:
        drv.quit()


def into_sco(drv):
    drv.switch_to.default_content()
    drv.switch_to.frame("player")
    drv.switch_to.frame("sco")


def other_locale(env):
    return any(f.startswith("index.") and f.endswith(".html") and f != "index.html" for f in os.listdir(env.path))


def test_scorm_language_switch(env):
    """Switching language keeps the one session: no second Initialize, no Terminate, and what the learner
    does after the switch reaches the LMS; the place and the answers are kept."""
    if not other_locale(env):
        return "skipped: one locale"
    drv = browser()
    try:
        launch = ScormLaunch(drv, env, "switch")
        v, n, key, enter, m, learner = launch.v, launch.n, launch.key, launch.enter, launch.m, launch.learner
        learner.walk_to(1)
        where = learner.page()
        lang = drv.find_element(By.TAG_NAME, "html").get_attribute("lang")
        other = drv.find_element(By.CSS_SELECTOR, ".cp-languages a:not([aria-current])")
        other.click()
        wait(drv, lambda d: d.execute_script("return document.documentElement.lang") != lang, "the other language loads")
        wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready again")
        check(learner.page() == where, "same page after the switch: %r, expected %r" % (learner.page(), where))
        fs = drv.find_elements(By.CSS_SELECTOR, ".cp-page.cp-current fieldset[data-result]")
        check(fs or not [k for k in learner.results if m.quiz_page(k[0]) == where], "answers kept across the switch")
        # the learner goes on in the other language: the next page and its answers reach the LMS
        learner.m = m = Module(read_data(drv))
        learner.next()
        learner.do_page()
        later = learner.page()
        rec = lms_record(drv)
        check(not [c for c in rec["calls"] if c["fn"] == n["fin"]], "the switch did not end the session")
        check(rec["committed"].get(n["loc"]) == later, "the place after the switch reached the LMS: %r" % rec["committed"].get(n["loc"]))
        into_sco(drv)
        leave_scorm(drv, env)
        rec = record_now(drv, env, key)
        check_session_calls(rec["calls"], 1, n)
        check(rec["committed"][n["loc"]] == later, "location after the switch")
        check_scorm_values(m, v, n, rec["committed"], learner, later, True)
    finally:
        drv.quit()


def test_scorm_no_early_score(env):
    """No score before a scored question has an answer: with the manifest's mastery score, a learner who
    stops before answering is not recorded as failed."""
    drv = browser()
    try:
        launch = ScormLaunch(drv, env, "early", "&mastery=80")
        v, n, key, enter, m, learner = launch.v, launch.n, launch.key, launch.enter, launch.m, launch.learner
        learner.next()  # a page seen, no question answered
        leave_scorm(drv, env)
        rec = record_now(drv, env, key)
        check_session_calls(rec["calls"], 1, n)
        got = rec["committed"]
        check(not got.get(n["raw"]), "no score sent before an answer: %r" % got.get(n["raw"]))
        sets = [c["args"][0] for c in rec["calls"] if c["fn"] == n["set"]]
        check(not [k for k in sets if ".score." in k], "no score element set: %r" % [k for k in sets if ".score." in k])
        if v == "12":
            check(got.get(n["status"]) != "failed", "lesson_status %r" % got.get(n["status"]))
        else:
            check(got.get(n["success"]) in (None, "unknown"), "success_status %r" % got.get(n["success"]))
    finally:
        drv.quit()


def test_scorm_new_attempt(env):
    """When the LMS starts a new attempt (an administrator's reset: cmi.entry ab-initio), the LMS's empty
    record wins over the copy the browser kept of the attempt before: nothing old is sent again."""
    drv = browser()
    try:
        launch = ScormLaunch(drv, env, "reset")
        v, n, key, enter, m, learner = launch.v, launch.n, launch.key, launch.enter, launch.m, launch.learner
        learner.walk_to(len(m.pages) - 1)
        leave_scorm(drv, env)
        first = record_now(drv, env, key)["committed"]
        check(first.get(n["loc"]) == m.pages[-1], "the first attempt reached the LMS")
        # the reset: the device copy is still there, the LMS starts afresh
        fresh = scorm_enter(drv, env, key, v, "&attempt=new")
        fresh()
        wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready")
        check(learner.page() == m.pages[0], "the new attempt starts at the first page, not %r" % learner.page())
        check(not drv.find_elements(By.CSS_SELECTOR, "fieldset[data-result]"), "no answer shown from the old attempt")
        check(drv.execute_script("return Coursepack.report().score") is None, "no score in the new attempt")
        drv.execute_script("Coursepack.save()")
        leave_scorm(drv, env)
        rec = record_now(drv, env, key)
        check_session_calls(rec["calls"], 2, n)
        got = rec["committed"]
        check(not got.get(n["raw"]), "the old score was not sent again: %r" % got.get(n["raw"]))
        check(got.get(n["status"]) not in ("passed", "completed", "failed"), "status %r in the new attempt" % got.get(n["status"]))
        seen = suspend_of(got["cmi.suspend_data"], m)["s"]
        check(seen == "1" + "0" * (len(m.pages) - 1), "only the first page seen in the new attempt: %r" % seen)
    finally:
        drv.quit()


def test_scorm_language_kept(env):
    """The learner's language is kept across sessions (suspend data), and the LMS's learner preference is
    the first default."""
    v = "12" if env.target == "scorm12" else "2004"
    n = scorm_names(v)
    if not other_locale(env):
        return "skipped: one locale"
    drv = browser()
    try:
        key = "lang-" + env.name
        enter = scorm_enter(drv, env, key, v)
        enter()
        wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready")
        first = drv.execute_script("return document.documentElement.lang")
        link = drv.find_element(By.CSS_SELECTOR, ".cp-languages a:not([aria-current])")
        chosen = link.get_attribute("hreflang")
        link.click()
        wait(drv, lambda d: d.execute_script("return document.documentElement.lang") == chosen, "the chosen language loads")
        leave_scorm(drv, env)
        clear_device_copy(drv)  # another device: only the LMS knows
        enter()
        wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready")
        wait(drv, lambda d: d.execute_script("return document.documentElement.lang") == chosen,
             "the next session opens in %s" % chosen)
        leave_scorm(drv, env)
        check_session_calls(record_now(drv, env, key)["calls"], 2, n)
        # a learner whose LMS profile says the other language starts in it
        key2 = "pref-" + env.name
        scorm_enter(drv, env, key2, v, "&lang=" + urllib.parse.quote(chosen))()
        wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready")
        wait(drv, lambda d: d.execute_script("return document.documentElement.lang") == chosen,
             "the learner preference %s is the first default (not %s)" % (chosen, first))
        leave_scorm(drv, env)
        check_session_calls(record_now(drv, env, key2)["calls"], 1, n)
    finally:
        drv.quit()


def test_scorm_last_commit_refused(env):
    """Every page change and answer is committed at once: a learner who leaves while the LMS refuses the
    last commit (as runtimes that commit synchronously do during pagehide) loses nothing they did."""
    drv = browser()
    try:
        launch = ScormLaunch(drv, env, "lastcommit")
        v, n, key, enter, m, learner = launch.v, launch.n, launch.key, launch.enter, launch.m, launch.learner
        learner.walk_to(min(2, len(m.pages) - 1))
        where = learner.page()
        drv.switch_to.default_content()
        drv.execute_script("window.lmsFail = true")
        leave_scorm(drv, env)
        got = record_now(drv, env, key)["committed"]
        check(got.get(n["loc"]) == where, "the last place was committed before leaving: %r" % got.get(n["loc"]))
        susp = suspend_of(got["cmi.suspend_data"], m)
        for (k, i), (tries, right) in learner.results.items():
            check((susp["q"].get(k) or [None] * (i + 1))[i] and susp["q"][k][i][:2] == [tries, right],
                  "answer to %s committed before leaving" % k)
        count = 0
        while ("cmi.interactions.%d.id" % count) in got:
            count += 1
        check(count == learner.submissions, "%d interactions committed, expected %d" % (count, learner.submissions))
    finally:
        drv.quit()


def test_scorm_refused_value(env):
    """An LMS that does not implement an optional element refuses it (401 in 1.2, 402 in 2004): the
    player logs it once, never sends it again, and does not tell the learner the connection is lost."""
    element = "cmi.progress_measure" if env.target == "scorm2004" else "cmi.interactions.n.time"
    drv = browser()
    try:
        launch = ScormLaunch(drv, env, "refused", "&unimplemented=" + element)
        v, n, key, enter, m, learner = launch.v, launch.n, launch.key, launch.enter, launch.m, launch.learner
        learner.walk_to(min(2, len(m.pages) - 1))
        where = learner.page()
        check(not drv.execute_script("return Coursepack.failing"), "a refused value is not a lost connection")
        offline = learner.msg("saved-offline", "nothing is lost")
        check(offline not in drv.find_element(By.CSS_SELECTOR, ".cp-save").text, "the learner is not told the platform is unreachable")
        refused = drv.execute_script("return Coursepack.refused")
        leave_scorm(drv, env)
        rec = record_now(drv, env, key)
        pattern = re.compile("^" + element.replace(".", "\\.").replace("\\.n\\.", "\\.\\d+\\.") + "$")
        tries = [c for c in rec["calls"] if c["fn"] == n["set"] and pattern.match(c["args"][0])]
        check(tries, "the player tried %s" % element)
        per_element = {}
        for c in tries:
            per_element[c["args"][0]] = per_element.get(c["args"][0], 0) + 1
        check(all(k == 1 for k in per_element.values()), "each refused element tried once, not again: %r" % per_element)
        check(len(refused) == len(per_element), "each refusal logged once: %r" % refused)
        others = [c for c in rec["calls"] if c.get("err", "0") != "0" and c not in tries
                  and not re.search("GetLastError|GetErrorString|GetDiagnostic", c["fn"])]
        check(not others, "no other API error: %r" % others[:5])
        check(rec["committed"].get(n["loc"]) == where, "the rest reached the LMS")
    finally:
        drv.quit()


FAST_LEARNER = """
const data = JSON.parse(document.getElementById('coursepack-data').textContent);
const pages = [...document.querySelectorAll('.cp-page')];
let answered = 0;
for (let i = 0; i < pages.length; i++) {
  Coursepack.go(i);
  for (const form of pages[i].querySelectorAll('form[data-quiz]')) {
    const quiz = data.quizzes[form.getAttribute('data-quiz')];
    if (!quiz) continue;
    const sets = [...form.querySelectorAll('fieldset')].filter(f => !f.parentNode.closest('fieldset'));
    quiz.questions.forEach((q, n) => {
      const fs = sets[n], a = q.answer;
      if (q.kind === 'ordering') fs.querySelectorAll('select').forEach(s => { s.value = String(a.indexOf(s.getAttribute('data-item') || s.name) + 1); });
      else if (q.kind === 'matching') fs.querySelectorAll('select').forEach(s => { s.value = a[s.getAttribute('data-left') || s.name]; });
      else fs.querySelectorAll('input').forEach(inp => { inp.checked = [].concat(a).map(String).indexOf(inp.value) >= 0; });
      answered++;
    });
    form.requestSubmit();
  }
}
return answered;
"""


def test_scorm12_long_module(env):
    """A long module (more than 100 pages) in an LMS that enforces SCORM 1.2's 4,096 characters: the
    state always fits, no value is refused, and another device resumes at the right page with every result."""
    if env.target != "scorm12":
        return "skipped: SCORM 1.2 only"
    drv = browser()
    n = scorm_names("12")
    try:
        key = "long-" + env.name
        enter = scorm_enter(drv, env, key, "12")
        enter()
        wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready", timeout=30)
        m = Module(read_data(drv))
        if len(m.pages) <= 100:
            return "skipped: not a long module"
        drv.set_script_timeout(180)
        answered = drv.execute_script(FAST_LEARNER)
        check(answered == len(m.questions), "the learner answered every question (%d of %d)" % (answered, len(m.questions)))
        leave_scorm(drv, env)
        rec = record_now(drv, env, key)
        check_session_calls(rec["calls"], 1, n)
        got = rec["committed"]
        check(len(got["cmi.suspend_data"]) <= 4096, "suspend data within 4,096 characters: %d" % len(got["cmi.suspend_data"]))
        susp = suspend_of(got["cmi.suspend_data"], m)
        check(susp["p"] == m.pages[-1] and susp["s"] == "1" * len(m.pages), "place and every page seen kept")
        results = sum(1 for k, i, q, sc in m.questions if (susp["q"].get(k) or [None] * (i + 1))[i] == [1, 1, (susp["q"][k][i] or [0, 0, ""])[2]])
        check(results == len(m.questions), "every result kept: %d of %d" % (results, len(m.questions)))
        clear_device_copy(drv)
        enter()
        wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready", timeout=30)
        check(drv.execute_script("return Coursepack.page") == m.pages[-1], "another device resumes at the last page")
        r = drv.execute_script("return Coursepack.report()")
        check(r["settled"] and r["score"] == 100, "another device has every result: %r" % r)
        leave_scorm(drv, env)
        check_session_calls(record_now(drv, env, key)["calls"], 2, n)
    finally:
        drv.quit()


def cmi5_check_statement(st, lms, sid, verb):
    check(UUID_RE.match(st.get("id", "")), "statement id is a UUID")
    check(st["actor"] == lms.actor, "actor from the launch")
    check(st["verb"]["id"] == VERB + verb, "verb %s" % verb)
    check(st["object"]["id"] == lms.activity, "object is the activityId")
    ctx = st["context"]
    check(ctx["registration"] == lms.registration, "registration")
    check(ctx["extensions"][CMI5 + "extensions/sessionid"] == sid, "session id from the context template")
    check({"objectType": "Activity", "id": lms.publisher} in ctx["contextActivities"]["grouping"], "publisher id grouping kept")
    cats = [c["id"] for c in ctx["contextActivities"].get("category", [])]
    check(CMI5 + "categories/cmi5" in cats, "cmi5 category")
    res = st.get("result", {})
    moveon = verb in ("completed", "passed", "failed")
    check((CMI5 + "categories/moveon" in cats) == moveon, "moveon category only on completed/passed/failed")
    if verb in ("completed", "passed", "failed", "terminated"):
        check(DURATION_RE.match(res.get("duration", "")), "%s has a duration" % verb)
    check(("score" in res) == (verb in ("passed", "failed")), "score only on passed/failed")
    if verb == "completed":
        check(res.get("completion") is True and "success" not in res, "completed result")
    if verb in ("passed", "failed"):
        check(res.get("success") is (verb == "passed") and "completion" not in res, "%s result" % verb)
        check(ctx["extensions"].get(CMI5 + "extensions/masteryscore") == lms.mastery, "masteryScore extension")
    check(re.match(r"^\d{4}-\d{2}-\d{2}T.*Z$", st["timestamp"]), "UTC timestamp")


def test_cmi5_resume_and_finish(env):
    """cmi5: fetch, launch data, initialized, state, terminated; resume in a new session; completed and passed."""
    drv = browser()
    lms = env.server.cmi5 = CMI5LMS(env.server)
    try:
        net = Network(drv, [env.server.base])
        sid1, tok1, url1 = lms.launch(env.name)
        learner = Learner(drv, None, lambda: drv.get(url1))
        learner.ready()
        m = learner.m = Module(read_data(drv))
        half = (len(m.pages) - 1) // 2
        learner.walk_to(half)
        where = learner.page()
        net.collect()
        drv.get(env.server.base + "lms/blank.html")
        poll(lambda: [s for s in lms.statements_of(sid1) if s["verb"]["id"] == VERB + "terminated"], "terminated arrives")
        sts = lms.statements_of(sid1)
        verbs = [s["verb"]["id"][len(VERB):] for s in sts]
        exp1 = learner.expected(mastery=lms.mastery * 100)
        want = ["initialized"] + (["completed"] if exp1["completed"] else []) + (["passed"] if exp1["success"] == "passed" else []) + ["terminated"]
        check(verbs[0] == "initialized" and verbs[-1] == "terminated" and sorted(verbs) == sorted(want), "session 1 verbs %r, expected %r" % (verbs, want))
        for s in sts:
            cmi5_check_statement(s, lms, sid1, s["verb"]["id"][len(VERB):])
        check(lms.sessions[sid1]["fetched"] == 1, "the fetch URL is used once")
        reqs = [(meth, p) for meth, p, h in lms.requests]
        check(("GET", "/cmi5/xapi/agents/profile") in reqs, "learner preferences read")
        check(("GET", "/cmi5/xapi/activities/state") in reqs, "launch data read")
        for meth, p, h in lms.requests:
            if p.startswith("/cmi5/xapi/"):
                check(h.get("X-Experience-API-Version", "").startswith("1.0"), "xAPI version header")
        st = poll(lambda: lms.state("coursepack"), "the state document arrives")
        check(st["location"] == where, "state location %r, expected %r" % (st["location"], where))
        check(suspend_of(st["suspend"], m)["p"] == where, "state suspend data")
        check(lms.state("LMS.LaunchData")["launchMode"] == "Normal", "LMS.LaunchData left alone")

        sid2, tok2, url2 = lms.launch(env.name)
        clear_device_copy(drv)
        learner.enter = lambda: drv.get(url2)
        learner.ready()
        check(learner.page() == where, "resumed at %r, expected %r" % (learner.page(), where))
        learner.next()
        learner.walk_to(len(m.pages) - 1)
        exp = learner.expected(mastery=lms.mastery * 100)
        drv.execute_script("Coursepack.save()")
        net.collect()
        drv.get(env.server.base + "lms/blank.html")
        poll(lambda: [s for s in lms.statements_of(sid2) if s["verb"]["id"] == VERB + "terminated"], "terminated arrives")
        sts = lms.statements_of(sid2)
        verbs = [s["verb"]["id"][len(VERB):] for s in sts]
        want = ["initialized"] + (["completed"] if exp["completed"] else []) + (["passed"] if exp["success"] == "passed" else ["failed"] if exp["success"] == "failed" else []) + ["terminated"]
        check(verbs[0] == "initialized" and verbs[-1] == "terminated" and sorted(verbs) == sorted(want), "session 2 verbs %r, expected %r" % (verbs, want))
        for s in sts:
            cmi5_check_statement(s, lms, sid2, s["verb"]["id"][len(VERB):])
            if s["verb"]["id"] in (VERB + "passed", VERB + "failed"):
                check(s["result"]["score"]["scaled"] == exp["score"] / 100, "scaled score %r, expected %r" % (s["result"]["score"], exp["score"]))
                check(s["result"]["score"]["raw"] == exp["score"], "raw score")
        st = poll(lambda: (lambda s: s if s and s["location"] == m.pages[-1] else None)(lms.state("coursepack")), "final state")
        check(suspend_of(st["suspend"], m)["s"] == "1" * len(m.pages), "every page seen in the state document")
        net.verify()
    finally:
        drv.quit()


def test_cmi5_failing_lrs(env):
    """Statements and state that the LMS refuses (503) are kept and sent again, in order; nothing is lost."""
    drv = browser()
    lms = env.server.cmi5 = CMI5LMS(env.server)
    try:
        sid, tok, url = lms.launch(env.name)
        learner = Learner(drv, None, lambda: drv.get(url))
        learner.ready()
        m = learner.m = Module(read_data(drv))
        poll(lambda: lms.statements_of(sid), "initialized arrives")
        lms.fail = 1000
        learner.walk_to(1)
        offline = learner.msg("saved-offline", "nothing is lost")
        wait(drv, lambda d: offline in d.find_element(By.CSS_SELECTOR, ".cp-save").text, "the learner is told nothing is lost")
        where = learner.page()
        lms.fail = 0
        wait(drv, lambda d: not d.execute_script("return Coursepack.failing"), "the player retries and gets through", timeout=25)
        st = poll(lambda: (lambda s: s if s and s["location"] == where else None)(lms.state("coursepack")), "state after recovery")
        susp = suspend_of(st["suspend"], m)
        for (k, i), (tries, right) in learner.results.items():
            check(susp["q"][k][i][:2] == [tries, right], "answer to %s arrived" % k)
        learner.next()
        learner.walk_to(len(m.pages) - 1)
        drv.execute_script("Coursepack.save()")
        time.sleep(0.5)
        drv.get(env.server.base + "lms/blank.html")
        poll(lambda: [s for s in lms.statements_of(sid) if s["verb"]["id"] == VERB + "terminated"], "terminated arrives")
        verbs = [s["verb"]["id"][len(VERB):] for s in lms.statements_of(sid)]
        check(verbs[0] == "initialized" and verbs[-1] == "terminated", "order kept: %r" % verbs)
        exp = learner.expected(mastery=lms.mastery * 100)
        if exp["completed"]:
            check("completed" in verbs, "completed arrived")
        if exp["success"] == "passed":
            check("passed" in verbs, "passed arrived")
        check(len(verbs) == len(set(verbs)), "no verb twice: %r" % verbs)
    finally:
        drv.quit()


def file_url(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def test_web_resume_and_finish(env):
    """The web target from file://: localStorage keeps the place and the answers across visits."""
    drv = browser()
    try:
        root = file_url(env.path)
        net = Network(drv, [root + "/"])
        url = root + "/index.html"
        learner = Learner(drv, None, lambda: drv.get(url))
        learner.ready()
        m = learner.m = Module(read_data(drv))
        half = (len(m.pages) - 1) // 2
        learner.walk_to(half)
        where = learner.page()
        net.collect()
        drv.get("about:blank")
        learner.ready()
        check(learner.page() == where, "resumed at %r, expected %r" % (learner.page(), where))
        # captions from file://: tracks made from the caption text in the data block, the default one showing
        for key, c in m.data.get("components", {}).items():
            for cap in c.get("captions", []):
                if not cap.get("vtt"):
                    continue
                # each page is set up when it shows: go to the video's page first
                drv.execute_script("const all = [...document.querySelectorAll('.cp-page')];"
                                   " Coursepack.go(all.findIndex(s => s.innerHTML.indexOf('id=\"' + arguments[0] + '\"') >= 0))", c["element"])
                got = drv.execute_script(
                    "const v = document.getElementById(arguments[0]); const m = v && (v.matches('video,audio') ? v : v.querySelector('video,audio'));"
                    "const t = m && [...m.textTracks].find(t => t.language === arguments[1]); return t ? [t.mode, t.cues ? t.cues.length : -1] : null",
                    c["element"], cap["srclang"])
                check(got and got[1] > 0, "captions %s of %s made from the data block: %r" % (cap["srclang"], key, got))
                check(got[0] == ("showing" if cap.get("default") else "hidden"), "default captions showing: %r" % got)
        # every box the learner ticked before leaving is ticked again (none when no checklist came before)
        # each page is set up when it shows: visit the pages of the ticked boxes, then come back
        drv.execute_script("const all = [...document.querySelectorAll('.cp-page')];"
                           " arguments[0].forEach(([box]) => Coursepack.go(all.findIndex(s => s.innerHTML.indexOf('id=\"' + box + '\"') >= 0)))",
                           learner.ticked)
        drv.execute_script("Coursepack.go(arguments[0])", m.pages.index(where))
        kept = drv.execute_script(
            "return arguments[0].map(([box, value]) => { const list = document.getElementById(box);"
            " const e = list && [...list.querySelectorAll('input[type=checkbox]')].find(i => i.value === value); return !!(e && e.checked); })",
            learner.ticked)
        check(all(kept), "checklist ticks kept: %r of %r" % (kept, learner.ticked))
        learner.next()
        learner.walk_to(len(m.pages) - 1)
        exp = learner.expected()
        r = drv.execute_script("return Coursepack.report()")
        check(r["score"] == exp["score"] and r["completed"] == exp["completed"] and r["success"] == exp["success"],
              "report %r, expected %r" % (r, exp))
        net.collect()
        drv.get("about:blank")
        drv.get(url)
        wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready")
        keys = drv.execute_script("return Object.keys(localStorage).filter(k => k.indexOf('coursepack:') === 0)")
        check(len(keys) == 1, "one record on the device: %r" % keys)
        s = suspend_of(drv.execute_script("return localStorage.getItem(arguments[0])", keys[0]), m)
        check(s["s"] == "1" * len(m.pages) and s["p"] == m.pages[-1], "device record: every page, last place")
        net.verify()
    finally:
        drv.quit()


FONTS_LOADED = """
const done = arguments[0];
document.fonts.ready.then(() => done([...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/"/g, ''))));
"""


def test_fonts_where_needed(env):
    """A bundled font loads only in a document whose text needs it: the Arabic font in the Arabic
    document, not in the English one for the language link «العربية»."""
    fonts = [f for f in os.listdir(os.path.join(env.path, "player", "fonts"))] if os.path.isdir(os.path.join(env.path, "player", "fonts")) else []
    if not fonts:
        return "skipped: the package carries no font"
    drv = browser()
    try:
        root = file_url(env.path)
        data = None
        for name in sorted(os.listdir(env.path)):
            if not (name.startswith("index") and name.endswith(".html")):
                continue
            drv.get(root + "/" + name)
            wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready")
            data = read_data(drv)
            loaded = drv.execute_async_script(FONTS_LOADED)
            rtl_script = data["locale"].split("-")[0] in ("ar", "fa", "ur", "ps", "ckb")
            ethiopic = data["locale"].split("-")[0] in ("am", "ti")
            if "arabic.woff2" in fonts:
                check(("Coursepack Arabic" in loaded) == rtl_script,
                      "%s: the Arabic font %s (fonts loaded: %r)" % (name, "loads" if rtl_script else "does not load", loaded))
            if "ethiopic.woff2" in fonts:
                check(("Coursepack Ethiopic" in loaded) == ethiopic,
                      "%s: the Ethiopic font %s (fonts loaded: %r)" % (name, "loads" if ethiopic else "does not load", loaded))
    finally:
        drv.quit()


def test_no_stacked_pages(env):
    """Before the player has run, only the first page shows (a long module does not flash all its pages);
    without script, every page shows."""
    import shutil
    import tempfile
    copy = tempfile.mkdtemp()
    try:
        shutil.copytree(env.path, copy, dirs_exist_ok=True)
        with open(os.path.join(copy, "player", "player.js"), "w") as f:
            f.write("/* the player has not run yet */\n")
        drv = browser()
        try:
            drv.get(file_url(copy) + "/index.html")
            shown = drv.execute_script("return [...document.querySelectorAll('.cp-page')].filter(s => s.offsetHeight > 0).length")
            check(shown == 1, "before the player runs, one page shows, not %d" % shown)
        finally:
            drv.quit()
        opts_drv = browser(scripts=False)
        try:
            opts_drv.get(file_url(copy) + "/index.html")
            pages = opts_drv.find_elements(By.CSS_SELECTOR, ".cp-page")
            shown = [p for p in pages if p.size["height"] > 0 and p.find_elements(By.TAG_NAME, "h1")]
            check(len(shown) == len(pages), "without script every page shows with its heading: %d of %d" % (len(shown), len(pages)))
        finally:
            opts_drv.quit()
    finally:
        shutil.rmtree(copy, ignore_errors=True)


ANSWER_ONE = """
const [key, n] = arguments;
const data = JSON.parse(document.getElementById('coursepack-data').textContent);
const q = data.quizzes[key].questions[n], a = q.answer;
const pages = [...document.querySelectorAll('.cp-page')];
Coursepack.go(pages.findIndex(s => s.getAttribute('data-page') === data.quizzes[key].page));
const form = document.querySelector('form[data-quiz="' + key + '"]');
const fs = [...form.querySelectorAll('fieldset')].filter(f => !f.parentNode.closest('fieldset'))[n];
if (q.kind === 'ordering') fs.querySelectorAll('select').forEach(s => { s.value = String(a.indexOf(s.getAttribute('data-item') || s.name) + 1); });
else if (q.kind === 'matching') fs.querySelectorAll('select').forEach(s => { s.value = a[s.getAttribute('data-left') || s.name]; });
else fs.querySelectorAll('input').forEach(i => { i.checked = [].concat(a).map(String).indexOf(i.value) >= 0; });
form.requestSubmit();
return [Coursepack.report(), document.querySelector('.cp-notice').textContent];
"""


def test_completion_notice_final_score(env):
    """Once the learner has passed, the completion notice follows the score: it shows the final one,
    not the one at the moment of passing."""
    drv = browser()
    try:
        drv.get(file_url(env.path) + "/index.html")
        wait_ready(drv)
        m = Module(read_data(drv))
        scored = [(k, i) for k, i, q, sc in m.questions if sc]
        if len(scored) < 2 or m.completion["rule"] == "pages-seen":
            return "skipped: no score to follow"
        for i in range(len(m.pages)):
            drv.execute_script("Coursepack.go(arguments[0])", i)
        shown = []
        for k, i in scored:
            report, notice = drv.execute_script(ANSWER_ONE, k, i)
            if report["success"] == "passed" and report["completed"]:
                shown.append(report["score"])
                score = drv.execute_script("return new Intl.NumberFormat(document.documentElement.lang).format(arguments[0])", report["score"])
                check(score in notice, "the notice shows the score now, %s: %r" % (score, notice))
        check(len(set(shown)) >= 2, "the score changed after passing (scores seen while passed: %r)" % shown)
    finally:
        drv.quit()


def test_other_version_state(env):
    """A state saved by another version of the module (its shape differs: pages or questions moved) is
    not read into this one by position: the learner starts afresh, in their language."""
    drv = browser()
    try:
        url = file_url(env.path) + "/index.html"
        drv.get(url)
        wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready")
        m = Module(read_data(drv))
        drv.execute_script("Coursepack.go(arguments[0])", len(m.pages) - 1)
        # the player writes its copy as the page goes: change it from another page of the same origin
        blank = os.path.join(env.path, "blank-for-test.html")
        with open(blank, "w") as f:
            f.write("<!DOCTYPE html><title>blank</title>")
        drv.get(file_url(blank))
        key = drv.execute_script("return Object.keys(localStorage).find(k => k.indexOf('coursepack:') === 0)")
        saved = drv.execute_script("return localStorage.getItem(arguments[0])", key)
        check(suspend_of(saved, m)["p"] == m.pages[-1], "the place was kept")
        parts = saved.split("|")
        parts[5] = "zzzz"
        drv.execute_script("localStorage.setItem(arguments[0], arguments[1])", key, "|".join(parts))
        drv.get(url)
        wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready")
        check(drv.execute_script("return Coursepack.page") == m.pages[0], "another version's place is not read by position")
        check(drv.execute_script("return Object.keys(Coursepack.state.s).length") == 1, "nor its pages seen")
    finally:
        drv.quit()
        if os.path.exists(os.path.join(env.path, "blank-for-test.html")):
            os.remove(os.path.join(env.path, "blank-for-test.html"))


def test_keyboard_and_layout(env):
    """Keyboard use, the contents toggle, reflow at 320 px and 200 % zoom, and screenshots to look at."""
    docs = sorted(f for f in os.listdir(env.path) if re.match(r"^index(\.[A-Za-z0-9-]+)?\.html$", f))
    drv = browser(390, 844)
    try:
        for doc in docs:
            url = file_url(os.path.join(env.path, doc))
            drv.get(url)
            drv.execute_script("localStorage.clear()")
            drv.get(url)
            wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready")
            m = Module(read_data(drv))
            lang = m.data.get("locale", doc)
            shown = drv.execute_script("return [...document.querySelectorAll('.cp-page')].filter(s => s.offsetParent !== null).length")
            check(shown == 1, "one page shows at a time (%d)" % shown)
            # a package with Arabic text carries its font, and an Arabic page uses it (from file:// too)
            if drv.execute_script("return document.dir === 'rtl' && !!document.querySelector('link[href=\"player/fonts/arabic.css\"]')"):
                wait(drv, lambda d: d.execute_script(
                    "return [...document.fonts].some(f => f.family.replace(/\"/g, '') === 'Coursepack Arabic' && f.status === 'loaded')"),
                    "the bundled Arabic font loaded")
            # the skip link is the first stop and becomes visible
            drv.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
            active = drv.switch_to.active_element
            check("cp-skip" in (active.get_attribute("class") or ""), "the first Tab reaches the skip link")
            # contents: a button on a phone, Escape closes it and gives focus back
            toggle = drv.find_element(By.CSS_SELECTOR, ".cp-toc-toggle")
            toggle.click()
            check(toggle.get_attribute("aria-expanded") == "true", "contents open")
            if env.shots:
                drv.save_screenshot(os.path.join(env.shots, env.name + "-%s-390x844-contents.png" % lang))
            drv.switch_to.active_element.send_keys(Keys.ESCAPE)
            check(toggle.get_attribute("aria-expanded") == "false", "Escape closes the contents")
            # a quiz answered wrongly, feedback shown, focus ring on the button reached by keyboard
            qpage = next((q for q in m.pages if any(m.quiz_page(k) == q for k, i, _, _ in m.questions)), None)
            for size in ((390, 844), (1280, 800)):
                viewport(drv, *size)
                drv.get(url)
                drv.execute_script("localStorage.clear()")
                drv.get(url)
                wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready")
                if qpage:
                    drv.execute_script("Coursepack.go(arguments[0])", m.pages.index(qpage))
                    learner = Learner(drv, m, None)
                    key, i, q, _ = next(x for x in m.questions if m.quiz_page(x[0]) == qpage)
                    form = drv.find_element(By.CSS_SELECTOR, 'form[data-quiz="%s"]' % key)
                    fs = form.find_elements(By.TAG_NAME, "fieldset")[i]
                    learner.fill(fs, q, False)
                    # every choice sits on one line with its label: no bullet, no box above its text
                    apart = drv.execute_script(
                        "return [...arguments[0].querySelectorAll('input[type=radio], input[type=checkbox], select')].filter(c => {"
                        " const l = c.labels && c.labels[0]; if (!l) return false;"
                        " const a = c.getBoundingClientRect(), b = l.getBoundingClientRect();"
                        " return a.bottom <= b.top || b.bottom <= a.top; }).length", fs)
                    check(apart == 0, "%d choices of %s (%dx%d) sit on another line than their label" % (apart, key, size[0], size[1]))
                    button = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
                    drv.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
                    # reach the button with Tab from the last control of the question
                    last = fs.find_elements(By.CSS_SELECTOR, "input, select")[-1]
                    drv.execute_script("arguments[0].focus()", last)
                    for _ in range(10):
                        drv.switch_to.active_element.send_keys(Keys.TAB)
                        if drv.switch_to.active_element == button:
                            break
                    check(drv.switch_to.active_element == button, "the check button is reachable by Tab")
                    button.send_keys(Keys.ENTER)
                    box = form.find_element(By.CSS_SELECTOR, ".cp-feedback")
                    wait(drv, lambda d: box.text.strip(), "feedback")
                    ring = drv.execute_script("const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]")
                    check(ring[0] != "none" and ring[1] != "0px", "a visible focus ring: %r" % ring)
                    if env.shots:
                        drv.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
                        drv.save_screenshot(os.path.join(env.shots, env.name + "-%s-%dx%d-quiz.png" % (lang, size[0], size[1])))
                dpage = next((i for i, s in enumerate(drv.find_elements(By.CSS_SELECTOR, ".cp-page"))
                              if s.find_elements(By.CSS_SELECTOR, "[data-component=dialogue]")), None)
                if dpage is not None:
                    drv.execute_script("Coursepack.go(arguments[0])", dpage)
                    again = drv.find_elements(By.CSS_SELECTOR, ".cp-current .cp-restart")
                    if again:
                        again[0].click()
                    for _ in range(2):
                        c = drv.find_elements(By.CSS_SELECTOR, ".cp-current .cp-choice")
                        check(c, "the role play offers choices as buttons")
                        c[0].click()
                    if env.shots:
                        drv.save_screenshot(os.path.join(env.shots, env.name + "-%s-%dx%d-dialogue.png" % (lang, size[0], size[1])))
                drv.execute_script("Coursepack.go(0)")
                if env.shots:
                    drv.save_screenshot(os.path.join(env.shots, env.name + "-%s-%dx%d-first.png" % (lang, size[0], size[1])))
            # reflow: no sideways scrolling at 320 px, nor at 1280 px zoomed to 200 % (640 CSS px)
            for width in (320, 640):
                viewport(drv, width, 720)
                for p in range(len(m.pages)):
                    drv.execute_script("Coursepack.go(arguments[0])", p)
                    sw = drv.execute_script("return document.documentElement.scrollWidth")
                    check(sw <= width, "page %s scrolls sideways at %d px (%d)" % (m.pages[p], width, sw))
            viewport(drv, 390, 844)
            # direction: the next button sits at the inline end
            drv.execute_script("Coursepack.go(0)")
            xs = drv.execute_script("const r = e => document.querySelector(e).getBoundingClientRect().left; return [r('.cp-prev'), r('.cp-next')]")
            rtl = m.data.get("dir") == "rtl"
            check((xs[1] < xs[0]) if rtl else (xs[1] > xs[0]), "next button at the inline end (%s)" % ("rtl" if rtl else "ltr"))
            # reduced motion is honoured
            drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
            t = drv.execute_script("return getComputedStyle(document.querySelector('.cp-next')).transitionDuration")
            check(t in ("0s", ""), "no transition with reduced motion (%s)" % t)
            drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    finally:
        drv.quit()


def test_accessibility(env):
    """axe-core (WCAG 2.1 A and AA rules) on every page of every document, before and after answering."""
    path = os.environ.get("AXE_JS", os.path.join(HERE, ".cache", "axe.min.js"))
    check(os.path.isfile(path), "axe-core is missing (%s); Tests/Browser/run.sh fetches it" % path)
    axe = open(path, encoding="utf-8").read()
    docs = sorted(f for f in os.listdir(env.path) if re.match(r"^index(\.[A-Za-z0-9-]+)?\.html$", f))
    drv = browser(1280, 800)
    problems = []
    try:
        for doc in docs:
            drv.get(file_url(os.path.join(env.path, doc)))
            wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready")
            drv.execute_script(axe)
            m = Module(read_data(drv))
            learner = Learner(drv, m, None)
            for i, pid in enumerate(m.pages):
                drv.execute_script("Coursepack.go(arguments[0])", i)
                for rnd in ("fresh", "answered"):
                    if rnd == "answered":
                        for key, qi, q, _ in m.questions:
                            if m.quiz_page(key) == pid:
                                form = drv.find_element(By.CSS_SELECTOR, 'form[data-quiz="%s"]' % key)
                                fs = form.find_elements(By.TAG_NAME, "fieldset")[qi]
                                if fs.get_attribute("disabled") is None:
                                    learner.fill(fs, q, False)
                                    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
                        time.sleep(0.2)
                    res = drv.execute_async_script(
                        "const done = arguments[arguments.length - 1];"
                        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                        ".then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' ')).slice(0, 3)])), e => done([['axe-error', String(e), []]]))")
                    for v in res:
                        problems.append("%s %s %s: %s %s" % (doc, pid, rnd, v[0], v[2]))
        check(not problems, "accessibility violations:\n  " + "\n  ".join(problems))
    finally:
        drv.quit()


TESTS = {
    "scorm12": [test_scorm_resume_and_finish, test_scorm_failing_lms, test_scorm_language_switch, test_scorm_no_early_score,
                test_scorm_new_attempt, test_scorm_language_kept, test_scorm_last_commit_refused, test_scorm_refused_value, test_scorm12_long_module],
    "scorm2004": [test_scorm_resume_and_finish, test_scorm_failing_lms, test_scorm_language_switch, test_scorm_no_early_score,
                  test_scorm_new_attempt, test_scorm_language_kept, test_scorm_last_commit_refused, test_scorm_refused_value],
    "cmi5": [test_cmi5_resume_and_finish, test_cmi5_failing_lrs],
    "web": [test_web_resume_and_finish, test_keyboard_and_layout, test_accessibility, test_fonts_where_needed, test_no_stacked_pages,
            test_other_version_state, test_completion_notice_final_score],
}


def target_of(path):
    text = open(os.path.join(path, "index.html"), encoding="utf-8").read()
    m = re.search(r'<script type="application/json" id="coursepack-data">(.*?)</script>', text, re.S)
    if not m:
        raise Failure("%s: index.html has no coursepack-data block" % path)
    target = json.loads(m.group(1)).get("target")
    manifest = {"scorm12": "imsmanifest.xml", "scorm2004": "imsmanifest.xml", "cmi5": "cmi5.xml"}.get(target)
    if manifest and not os.path.exists(os.path.join(path, manifest)):
        raise Failure("%s: target %s but no %s" % (path, target, manifest))
    return target


def main(argv):
    shots = None
    if len(argv) > 2 and argv[1] == "--screenshots":
        shots = argv[2]
        os.makedirs(shots, exist_ok=True)
        argv = argv[:1] + argv[3:]
    paths = argv[1:]
    if not paths:
        sys.exit(__doc__)
    packages = {}
    for p in paths:
        packages[os.path.basename(os.path.normpath(p))] = os.path.abspath(p)
    server = Server(packages)
    passed = failed = skipped = 0
    try:
        for name, path in sorted(packages.items()):
            try:
                target = target_of(path)
            except Exception as e:
                print("FAIL %s: %s" % (name, e))
                failed += 1
                continue
            for test in TESTS.get(target, []):
                only = [o for o in os.environ.get("ONLY", "").split(",") if o]
                if only and not any(o in test.__name__ for o in only):
                    continue
                label = "%s [%s] %s" % (name, target, test.__name__)
                env = Env(server, name, path, target, shots)
                start = time.time()
                try:
                    res = test(env)
                    if isinstance(res, str) and res.startswith("skipped"):
                        skipped += 1
                        print("SKIP %s: %s" % (label, res))
                    else:
                        passed += 1
                        print("ok   %s (%.1f s)" % (label, time.time() - start))
                except Exception as e:
                    failed += 1
                    print("FAIL %s: %s" % (label, e))
                    if not isinstance(e, Failure):
                        traceback.print_exc()
                sys.stdout.flush()
        if server.errors:
            failed += 1
            print("FAIL server: %s" % server.errors)
    finally:
        server.close()
    print("%d passed, %d failed%s" % (passed, failed, ", %d skipped" % skipped if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
