#!/usr/bin/env python3
"""Screenshots of the player for docs/: a content page and a quiz page with its feedback, in English and
in Arabic, on a phone-sized (390x844) and a laptop-sized (1280x800) screen.

Usage: docs_screenshots.py PACKAGE_DIR OUT_DIR [--content PAGE_ID] [--quiz QUIZ_ID] [--docs index.html,index.ar.html]

PACKAGE_DIR is a web package as `coursepack pack --target web` writes it, unzipped; the documents are
opened from file:// in headless Chromium, with the browser set up as the browser tests set it up
(test_player.browser). Each shot is the viewport only (no full-page capture), saved as
OUT_DIR/player-<locale>-<w>x<h>-<content|quiz|pager>.png (the pager, at the end of the content page,
on the phone only). On the quiz page the learner chooses a wrong
option by clicking its label, reaches the check button with Tab and presses Enter, so that the
feedback and the focus ring show. Prints one line per file; exits 1 when a shot could not be taken.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

from test_player import Learner, Module, browser, file_url, read_data, viewport, wait  # noqa: E402

SIZES = ((390, 844), (1280, 800))


def fresh(drv, url):
    """The document as a first-time learner sees it: no saved place or answers, no 'welcome back'.
    The player saves on pagehide, so the previous document is left first, then the storage cleared."""
    drv.get("about:blank")
    drv.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": "file://", "storageTypes": "local_storage"})
    drv.get(url)
    wait(drv, lambda d: d.execute_script("return !!(window.Coursepack && Coursepack.ready)"), "player ready")


def shoot_content(drv, url, m, page, path):
    fresh(drv, url)
    drv.execute_script("Coursepack.go(arguments[0])", m.pages.index(page))
    drv.execute_script("window.scrollTo(0, 0)")
    drv.save_screenshot(path)


def shoot_pager(drv, url, m, page, path):
    """The end of the content page: the pager (previous, progress, next), with focus on Next."""
    fresh(drv, url)
    drv.execute_script("Coursepack.go(arguments[0])", m.pages.index(page))
    nxt = drv.find_element(By.CSS_SELECTOR, ".cp-next")
    drv.execute_script("arguments[0].focus(); window.scrollTo(0, document.documentElement.scrollHeight)", nxt)
    drv.save_screenshot(path)


def shoot_quiz(drv, url, m, quiz, path):
    fresh(drv, url)
    q = m.data["quizzes"][quiz]
    drv.execute_script("Coursepack.go(arguments[0])", m.pages.index(q["page"]))
    form = drv.find_element(By.CSS_SELECTOR, 'form[data-quiz="%s"]' % quiz)
    fs = form.find_elements(By.TAG_NAME, "fieldset")[0]
    Learner(drv, m, None).fill(fs, q["questions"][0], False)
    button = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
    last = fs.find_elements(By.CSS_SELECTOR, "input, select")[-1]
    drv.execute_script("arguments[0].focus()", last)
    for _ in range(10):
        if drv.switch_to.active_element == button:
            break
        drv.switch_to.active_element.send_keys(Keys.TAB)
    if drv.switch_to.active_element != button:
        raise RuntimeError("the check button of %s is not reachable by Tab" % quiz)
    button.send_keys(Keys.ENTER)
    box = form.find_element(By.CSS_SELECTOR, ".cp-feedback")
    wait(drv, lambda _: box.text.strip(), "feedback of %s" % quiz)
    # the question and its feedback in view: the form's top near the top of the screen when it fits
    drv.execute_script(
        "const f = arguments[0], r = f.getBoundingClientRect();"
        "const h = window.innerHeight; window.scrollBy(0, r.height < h - 32 ? r.top - 16 : arguments[1].getBoundingClientRect().bottom - h + 16)",
        form, box)
    drv.save_screenshot(path)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("package")
    ap.add_argument("out")
    ap.add_argument("--content", default="04-emergencies", help="page id of the content page")
    ap.add_argument("--quiz", default="final-emergency-number", help="id of the quiz to answer")
    ap.add_argument("--docs", default="index.html,index.ar.html", help="documents, comma-separated")
    a = ap.parse_args(argv[1:])
    os.makedirs(a.out, exist_ok=True)
    drv = browser(*SIZES[0])
    failed = 0
    try:
        for doc in a.docs.split(","):
            url = file_url(os.path.join(a.package, doc))
            fresh(drv, url)
            m = Module(read_data(drv))
            lang = m.data.get("locale", doc)
            for w, h in SIZES:
                viewport(drv, w, h)
                shots = [("content", shoot_content, a.content), ("quiz", shoot_quiz, a.quiz)]
                if w < 600:
                    shots.append(("pager", shoot_pager, a.content))
                for kind, shoot, what in shots:
                    path = os.path.join(a.out, "player-%s-%dx%d-%s.png" % (lang, w, h, kind))
                    try:
                        shoot(drv, url, m, what, path)
                        print("wrote %s" % path)
                    except Exception as e:  # one shot missing should not hide the others
                        failed += 1
                        print("FAILED %s: %s" % (path, e))
    finally:
        drv.quit()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
