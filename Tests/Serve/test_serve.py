#!/usr/bin/env python3
"""The host in headless Chromium, on a phone-sized window: learners join, play our package and other
tools' packages (SCORM 1.2, two-SCO SCORM 2004, cmi5), leave, resume on another device, finish; the
server stops mid-session and comes back; the trainer sees status, score and answers and exports them;
and what must be refused is refused. Run through Tests/Serve/run.sh, which prepares the library.
"""
import http.client
import json
import os
import subprocess
import sys
import time
import unittest
import urllib.parse

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Browser"))
import chromium  # noqa: E402  (Tests/Browser/chromium.py)

BIN = os.environ["SERVE_BIN"]
LIBRARY = os.environ["SERVE_LIBRARY"]
DATABASE = os.environ.get("SERVE_DATABASE", "")
PORT = int(os.environ["SERVE_PORT"])
BASE = "http://127.0.0.1:%d" % PORT
OUT = os.environ["SERVE_OUT"]
PACKAGES = os.environ["SERVE_PACKAGES"]
PASSWORD = os.environ["SERVE_ADMIN_PASSWORD"]
CODES = dict(line.rstrip("\n").split("\t") for line in open(os.environ["SERVE_LEARNERS"]) if "\t" in line)
PHONE = (390, 844)


class Server:
    """`coursepack serve` as a partner would run it; stopped and started again by the tests."""

    def __init__(self):
        self.proc = None

    def start(self):
        args = [BIN, "serve", "--library", LIBRARY, "--port", str(PORT), "--max-upload-mb", "2"]
        if DATABASE:
            args += ["--database", DATABASE]
        # to a file, not a pipe nobody reads (a full pipe would stall the server)
        self.log = open(os.path.join(OUT, "serve.log"), "ab")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                self.log.close()
                raise AssertionError("the server exited: " + open(os.path.join(OUT, "serve.log"), encoding="utf-8", errors="replace").read()[-2000:])
            try:
                if request("GET", "/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("the server did not answer within 20 s")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)
        if self.proc:
            self.log.close()

    def running(self):
        return self.proc is not None and self.proc.poll() is None


def request(method, path, body=None, headers=None):
    """One raw request (no normalization of the path), answered as (status, headers, text)."""
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    conn.request(method, path, body=body, headers=headers or {})
    res = conn.getresponse()
    text = res.read().decode("utf-8", "replace")
    conn.close()
    return res.status, dict(res.getheaders()), text


def browser(width, height):
    opts = chromium.options(width, height)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = chromium.start(opts)
    drv.set_page_load_timeout(30)
    drv.set_script_timeout(20)
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    return drv


def wait(drv, cond, message, timeout=10):
    try:
        return WebDriverWait(drv, timeout, poll_frequency=0.1).until(lambda d: cond(d))
    except TimeoutException:
        raise AssertionError("timed out: " + message)


def shot(drv, name):
    drv.save_screenshot(os.path.join(OUT, name + ".png"))


def join(drv, name, lang="en"):
    drv.get(BASE + "/?lang=" + lang)
    drv.find_element(By.ID, "code").send_keys(CODES[name])
    drv.find_element(By.CSS_SELECTOR, "form[action='/join'] button").click()
    wait(drv, lambda d: d.current_url.endswith("/catalog"), "the catalog after joining")


def card(drv, package):
    return drv.find_element(By.CSS_SELECTOR, "li[data-package='%s']" % package)


def open_module(drv, package):
    drv.get(BASE + "/catalog")
    card(drv, package).find_element(By.CSS_SELECTOR, "a.button").click()
    wait(drv, lambda d: d.find_elements(By.ID, "content"), "the player frame")


def in_frame(drv):
    drv.switch_to.default_content()
    drv.switch_to.frame(drv.find_element(By.ID, "content"))


def save_state(drv):
    drv.switch_to.default_content()
    return drv.find_element(By.ID, "save-status").get_attribute("data-state")


def wait_saved(drv, timeout=10):
    wait(drv, lambda d: save_state(d) == "saved", "the server saved the commit", timeout)


def wait_finished(drv, timeout=10):
    # "finished" is shown only once the server has answered the terminate commit
    wait(drv, lambda d: save_state(d) == "finished", "the server has the finished part", timeout)


def record_states(drv):
    """Keeps every value the save status takes from now on, transient ones included (see states_seen)."""
    drv.switch_to.default_content()
    drv.execute_script("""
        var s = document.getElementById('save-status');
        window.statesSeen = [];
        new MutationObserver(function (records) {
          records.forEach(function (r) { window.statesSeen.push(r.oldValue); });
        }).observe(s, { attributes: true, attributeFilter: ['data-state'], attributeOldValue: true });""")


def states_seen(drv):
    drv.switch_to.default_content()
    return drv.execute_script("return window.statesSeen.concat([document.getElementById('save-status').getAttribute('data-state')])")


def frame_text(drv, element_id):
    in_frame(drv)
    text = drv.find_element(By.ID, element_id).text
    drv.switch_to.default_content()
    return text


def wait_frame_text(drv, element_id, needle, timeout=10):
    def seen(d):
        try:
            return needle in frame_text(d, element_id)
        except Exception:
            d.switch_to.default_content()
            return False
    wait(drv, seen, "%r in #%s" % (needle, element_id), timeout)


def click_in_frame(drv, element_id):
    in_frame(drv)
    drv.find_element(By.ID, element_id).click()
    drv.switch_to.default_content()


class AdminSession:
    def __init__(self, drv):
        self.drv = drv
        drv.get(BASE + "/admin")
        drv.find_element(By.ID, "password").send_keys(PASSWORD)
        drv.find_element(By.CSS_SELECTOR, "form[action='/admin/login'] button").click()
        wait(drv, lambda d: d.find_elements(By.ID, "packages"), "the admin dashboard")

    def fetch(self, path):
        return self.drv.execute_async_script(
            "var done = arguments[1]; fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text().then(t => done([r.status, t]))).catch(e => done([0, String(e)]));",
            path)


server = Server()


class ServeTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        server.start()
        cls.phone = browser(*PHONE)

    @classmethod
    def tearDownClass(cls):
        cls.phone.quit()
        server.stop()

    def test_1_scorm12_join_play_leave_resume_on_another_device_and_finish(self):
        drv = self.phone
        drv.get(BASE + "/?lang=en")
        shot(drv, "join-en")
        join(drv, "Amina")
        cards = drv.find_elements(By.CSS_SELECTOR, "li[data-package]")
        self.assertEqual(len(cards), 4, [c.text for c in cards])
        shot(drv, "catalog-en")
        self.assertLessEqual(drv.execute_script("return document.documentElement.scrollWidth"), PHONE[0], "no sideways scrolling on a phone")
        open_module(drv, "plain-sco-12")
        wait_frame_text(drv, "state", "entry=ab-initio")
        state = frame_text(drv, "state")
        self.assertIn("student=Amina", state)
        self.assertIn("mastery=70", state)
        click_in_frame(drv, "answer-right")
        wait_frame_text(drv, "log", "committed")
        wait_saved(drv)
        self.assertEqual(drv.find_element(By.ID, "save-status").text, "Saved")
        click_in_frame(drv, "suspend")
        wait_frame_text(drv, "log", "finished")
        wait_finished(drv)
        drv.get(BASE + "/catalog")
        self.assertIn("In progress", card(drv, "plain-sco-12").text)

        # another device: a fresh browser, the same code
        other = browser(*PHONE)
        try:
            join(other, "Amina")
            open_module(other, "plain-sco-12")
            wait_frame_text(other, "state", "entry=resume")
            state = frame_text(other, "state")
            self.assertIn("location=question-1", state)
            self.assertIn("data=answered:municipality", state)
            click_in_frame(other, "finish")
            wait_frame_text(other, "log", "finished")
            wait_finished(other)
            other.get(BASE + "/catalog")
            text = card(other, "plain-sco-12").text
            self.assertIn("Passed", text, "mastery 70, raw 80: the LMS sets passed")
            self.assertIn("Score 80%", text)
        finally:
            other.quit()

    def test_2_scorm2004_two_scos_navigate_with_requests(self):
        drv = self.phone
        open_module(drv, "two-sco-2004")
        wait_frame_text(drv, "state", "sco=part1")
        self.assertIn("continue=true previous=false", frame_text(drv, "state"))
        self.assertEqual(len(drv.find_elements(By.CSS_SELECTOR, "#toc a[data-sco]")), 2, "a table of contents from the organization")
        click_in_frame(drv, "next")
        wait(drv, lambda d: "sco=part2" in d.current_url, "continue opens the second SCO")
        wait_frame_text(drv, "state", "sco=part2")
        self.assertIn("continue=false previous=true", frame_text(drv, "state"))
        self.assertEqual(drv.find_element(By.CSS_SELECTOR, "#toc a[aria-current]").get_attribute("data-sco"), "part2")
        click_in_frame(drv, "previous")
        wait(drv, lambda d: "sco=part1" in d.current_url, "previous goes back")
        wait_frame_text(drv, "state", "sco=part1 entry=ab-initio")
        click_in_frame(drv, "next")
        wait(drv, lambda d: "sco=part2" in d.current_url, "continue again")
        wait_frame_text(drv, "state", "sco=part2")
        click_in_frame(drv, "done")
        wait(drv, lambda d: save_state(d) == "finished", "the last SCO says it is finished")
        drv.get(BASE + "/catalog")
        text = card(drv, "two-sco-2004").text
        self.assertIn("Passed", text)
        self.assertIn("Score 90%", text, "rollup: the mean of 80 and 100")

    def test_3_cmi5_au_sends_its_statements(self):
        drv = self.phone
        open_module(drv, "https://example.org/courses/public-services")
        wait_frame_text(drv, "state", "ready")
        log = frame_text(drv, "log")
        self.assertIn("launchMode Normal moveOn CompletedAndPassed masteryScore 0.6", log)
        self.assertIn("second fetch refused", log)
        self.assertIn("initialized 204", log)
        self.assertIn("passed 403", log, "passed under the mastery score is refused")
        click_in_frame(drv, "finish")
        wait_frame_text(drv, "state", "done")
        log = frame_text(drv, "log")
        for line in ("completed 204", "passed 204", "terminated 204"):
            self.assertIn(line, log)
        self.assertTrue(log.strip().endswith("initialized 403"), "nothing after terminated: " + log)
        drv.get(BASE + "/catalog")
        text = card(drv, "https://example.org/courses/public-services").text
        self.assertIn("Passed", text)
        self.assertIn("Score 90%", text)

    def test_4_our_package_plays_and_resumes_where_the_learner_left(self):
        drv = self.phone
        drv.get_log("browser")  # what earlier tests left (the cmi5 AU's refused statements are on purpose)
        open_module(drv, "first-weeks")
        in_frame(drv)
        wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "our player is ready", 20)
        first = drv.execute_script("return Coursepack.page")
        drv.find_element(By.CSS_SELECTOR, ".cp-next").click()
        wait(drv, lambda d: d.execute_script("return Coursepack.page") != first, "the next page")
        second = drv.execute_script("return Coursepack.page")
        drv.switch_to.default_content()
        shot(drv, "player-en")
        drv.get(BASE + "/catalog")  # leaving: the player commits on pagehide
        time.sleep(1)
        open_module(drv, "first-weeks")
        in_frame(drv)
        wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "our player again", 20)
        self.assertEqual(drv.execute_script("return Coursepack.page"), second, "resumed on the page the learner left")
        drv.switch_to.default_content()
        errors = [e for e in drv.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
        self.assertEqual(errors, [], "no error in the console (CSP included)")

    def test_5_the_server_stops_mid_session_and_nothing_is_lost(self):
        drv = browser(*PHONE)
        try:
            join(drv, "Omar", lang="ar")
            shot(drv, "catalog-ar")
            self.assertEqual(drv.find_element(By.TAG_NAME, "html").get_attribute("dir"), "rtl")
            open_module(drv, "plain-sco-12")
            wait_frame_text(drv, "state", "entry=ab-initio")
            click_in_frame(drv, "answer-wrong")
            wait_saved(drv)
            server.stop()
            click_in_frame(drv, "answer-right")
            wait_frame_text(drv, "log", "committed committed")
            wait(drv, lambda d: save_state(d) == "queued", "the learner is told it is only on this device")
            self.assertIn("لم يصل إلى الخادم", drv.find_element(By.ID, "save-status").text)
            shot(drv, "player-ar-queued")
            # the learner leaves while the server is still down: the part is not "finished" until it has it
            record_states(drv)
            click_in_frame(drv, "suspend")
            wait_frame_text(drv, "log", "finished")
            wait(drv, lambda d: states_seen(d)[-1] == "queued", "the learner is told it is only on this device")
            self.assertNotIn("finished", states_seen(drv), "told finished while the server had not got it")
            server.start()
            wait_finished(drv, timeout=30)
            status, _, text = request("POST", "/api/attempts", json.dumps({"package": "plain-sco-12"}),
                                      {"Authorization": "Bearer " + self.token_for("Omar")})
            record = json.loads(text)["record"]
            self.assertEqual(record.get("cmi.interactions.1.student_response"), "municipality", "the answer given while the server was down is there")
            self.assertEqual(record.get("cmi.interactions.0.student_response"), "police")
        finally:
            drv.quit()
            if not server.running():  # a failure above must not leave the later tests without a server
                server.start()

    def token_for(self, name):
        status, _, text = request("POST", "/api/join", json.dumps({"code": CODES[name]}), {"Content-Type": "application/json"})
        self.assertEqual(status, 200)
        return json.loads(text)["token"]

    def test_6_the_trainer_sees_status_score_and_answers_and_exports_them(self):
        drv = browser(1280, 900)
        try:
            admin = AdminSession(drv)
            shot(drv, "admin-dashboard")
            drv.get(BASE + "/admin/progress")
            rows = {tuple(td.text for td in tr.find_elements(By.TAG_NAME, "td"))[:2]: tr.text for tr in drv.find_elements(By.CSS_SELECTOR, "#progress tr")[1:]}
            shot(drv, "admin-progress")
            self.assertIn("Passed", rows[("Amina", "Registering your address")])
            self.assertIn("80", rows[("Amina", "Registering your address")])
            self.assertIn("Passed", rows[("Amina", "Two parts of a first week")])
            self.assertIn("Passed", rows[("Amina", "Public services")])
            self.assertIn("Not started", rows[("Samira", "Registering your address")])
            drv.find_element(By.LINK_TEXT, "Amina").click()
            attempt = [c for c in drv.find_elements(By.CSS_SELECTOR, ".card.attempt")
                       if "Registering your address" in c.find_element(By.TAG_NAME, "h2").text]
            self.assertEqual(len(attempt), 1, "one attempt at the SCORM 1.2 SCO")
            self.assertEqual(attempt[0].find_element(By.CSS_SELECTOR, ".success").text, "passed")
            self.assertEqual(attempt[0].find_element(By.CSS_SELECTOR, ".score").text, "80")
            answers = attempt[0].find_element(By.CSS_SELECTOR, ".answers").text
            self.assertIn("register-address", answers)
            self.assertIn("municipality", answers)
            self.assertIn("correct", answers)
            shot(drv, "admin-learner")
            attempt[0].find_element(By.LINK_TEXT, "Trace of runtime calls").click()
            trace = drv.find_element(By.ID, "trace").text
            self.assertIn('LMSSetValue("cmi.interactions.0.student_response", "municipality")', trace)
            # each commit's block ends with the call that made it
            block = next(b for b in trace.split("\n#") if "student_response" in b)
            self.assertTrue(block.rstrip().endswith('LMSCommit("") = "true"'), block)
            self.assertTrue(trace.split("\n#")[-1].rstrip().endswith('LMSFinish("") = "true"'), trace)
            status, csv = admin.fetch("/admin/export/progress.csv")
            self.assertEqual(status, 200)
            self.assertTrue(any(line.startswith("Amina,") and ",plain-sco-12,1.0,item1," in line and ",passed,80," in line for line in csv.splitlines()), csv)
            status, answers_csv = admin.fetch("/admin/export/answers.csv")
            self.assertIn("Amina,plain-sco-12,item1,1,register-address,fill-in,municipality,correct,municipality", answers_csv)
            status, statements = admin.fetch("/admin/export/statements.json")
            verbs = [s["verb"]["id"].rsplit("/", 1)[-1] for s in json.loads(statements)]
            for verb in ("launched", "initialized", "completed", "passed", "terminated", "answered"):
                self.assertIn(verb, verbs)
        finally:
            drv.quit()

    def test_7_what_must_be_refused_is_refused(self):
        amina, omar = self.token_for("Amina"), self.token_for("Omar")
        _, _, text = request("POST", "/api/attempts", json.dumps({"package": "plain-sco-12"}), {"Authorization": "Bearer " + amina})
        attempt = json.loads(text)["attempt"]
        status, _, _ = request("POST", "/api/attempts/%s/commits" % attempt, json.dumps({"seq": 99, "record": {}}), {"Authorization": "Bearer " + omar})
        self.assertEqual(status, 404, "a learner cannot write another learner's attempt")
        status, _, page = request("GET", "/admin/progress", headers={"Cookie": "coursepack_learner=" + amina})
        self.assertNotIn("Amina", page, "a learner's session opens no admin page")
        for path in ("/content/plain-sco-12/1.0/../../host.sqlite", "/content/plain-sco-12/1.0/%2e%2e/%2e%2e/host.sqlite",
                     "/content/plain-sco-12/1.0/sco/..%2f..%2f..%2fhost.sqlite", "/content/plain-sco-12/1.0/%2fetc%2fpasswd"):
            status, _, body = request("GET", path, headers={"Cookie": "coursepack_learner=" + amina})
            self.assertIn(status, (400, 404), path)
            self.assertNotIn("root:", body)
        drv = browser(1280, 900)
        try:
            AdminSession(drv)
            # CSRF: a page elsewhere posting to the admin with the admin's cookie
            status = drv.execute_async_script(
                "var done = arguments[0]; fetch('/admin/learners', {method: 'POST', credentials: 'same-origin', headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'names=Forged'}).then(r => done(r.status));")
            self.assertEqual(status, 403)
            # an oversized and a hostile upload, through the admin page
            big = os.path.join(PACKAGES, "big.zip")
            with open(big, "wb") as f:
                f.write(b"PK" + os.urandom(3 << 20))
            for path, expect in ((big, "over the upload limit"), (os.path.join(PACKAGES, "hostile.zip"), "refused")):
                drv.get(BASE + "/admin")
                drv.find_element(By.ID, "package-file").send_keys(path)
                drv.find_element(By.CSS_SELECTOR, "#upload button").click()
                wait(drv, lambda d: expect in d.find_element(By.ID, "upload-result").text, "upload refused: " + expect, 20)
            # the package frame cannot reach the admin's session, though the admin is signed in in this browser
            join(drv, "Samira")
            open_module(drv, "plain-sco-12")
            wait_frame_text(drv, "state", "entry=")
            in_frame(drv)
            probe = drv.execute_async_script("""
                var done = arguments[0], out = {};
                fetch('/admin/progress', {credentials: 'include'}).then(r => r.text()).then(t => { out.fetch = t.indexOf('Progress') >= 0 ? 'read' : 'no data'; })
                  .catch(() => { out.fetch = 'blocked'; }).then(() => parent.fetch('/admin/progress').then(r => r.text()).then(t => { out.parentFetch = t.indexOf('Progress') >= 0 ? 'read' : 'no data'; }))
                  .catch(() => { out.parentFetch = 'blocked'; }).then(() => {
                    var w = null; try { w = window.open('/admin/progress'); } catch (e) {}
                    out.popup = w ? 'opened' : 'blocked';
                    var f = document.createElement('iframe'); f.src = '/admin/progress'; document.body.appendChild(f);
                    setTimeout(() => { var t = ''; try { t = f.contentDocument && f.contentDocument.body ? f.contentDocument.body.innerText : ''; } catch (e) {}
                      out.frame = t.indexOf('Progress') >= 0 ? 'read' : 'blocked'; done(out); }, 1500);
                  });
            """)
            drv.switch_to.default_content()
            self.assertEqual(probe, {"fetch": "blocked", "parentFetch": "blocked", "popup": "blocked", "frame": "blocked"}, probe)
        finally:
            drv.quit()


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    if os.path.exists(os.path.join(OUT, "serve.log")):
        os.remove(os.path.join(OUT, "serve.log"))
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
