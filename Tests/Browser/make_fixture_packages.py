#!/usr/bin/env python3
"""Builds one package directory per target (scorm12, scorm2004, cmi5, web) from the hand-written
fixture documents in fixtures/module and the player in Packaging/player, laid out as
docs/package-layout.md describes a package: index.html, index.ar.html, player/, media/, the manifest
and coursepack.json. These stand in for `coursepack pack` output until the packager lands.

Usage: make_fixture_packages.py OUTDIR
"""
import hashlib
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
MODULE = os.path.join(HERE, "fixtures", "module")
PLAYER = os.path.join(REPO, "Packaging", "player")
TARGETS = ["scorm12", "scorm2004", "cmi5", "web"]

SCORM12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="coursepack-browser-fixture" version="1.0.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org"><title>First weeks in a new country</title>
      <item identifier="item" identifierref="sco"><title>First weeks in a new country</title><adlcp:masteryscore>80</adlcp:masteryscore></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
{files}
    </resource>
  </resources>
</manifest>
"""

SCORM2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="coursepack-browser-fixture" version="1.0.0"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org"><title>First weeks in a new country</title>
      <item identifier="item" identifierref="sco"><title>First weeks in a new country</title>
        <imsss:sequencing><imsss:objectives>
          <imsss:primaryObjective objectiveID="passing-score" satisfiedByMeasure="true"><imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure></imsss:primaryObjective>
        </imsss:objectives></imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormType="sco" href="index.html">
{files}
    </resource>
  </resources>
</manifest>
"""

CMI5 = """<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://coursepack.invalid/browser-fixture">
    <title><langstring lang="en">First weeks in a new country</langstring></title>
    <description><langstring lang="en">Browser test fixture</langstring></description>
  </course>
  <au id="https://coursepack.invalid/browser-fixture/au" moveOn="CompletedAndPassed" masteryScore="0.8" launchMethod="AnyWindow">
    <title><langstring lang="en">First weeks in a new country</langstring></title>
    <description><langstring lang="en">Browser test fixture</langstring></description>
    <url>index.html</url>
  </au>
</courseStructure>
"""


def build(out):
    os.makedirs(out, exist_ok=True)
    for target in TARGETS:
        pkg = os.path.join(out, target)
        if os.path.exists(pkg):
            shutil.rmtree(pkg)
        shutil.copytree(MODULE, pkg)
        os.makedirs(os.path.join(pkg, "player"))
        for name in ("player.js", "player.css"):
            shutil.copy(os.path.join(PLAYER, name), os.path.join(pkg, "player", name))
        for doc in ("index.html", "index.ar.html"):
            path = os.path.join(pkg, doc)
            text = open(path, encoding="utf-8").read()
            assert text.count('"target": "web"') == 1, doc
            open(path, "w", encoding="utf-8").write(text.replace('"target": "web"', '"target": "%s"' % target))
        files = sorted(os.path.relpath(os.path.join(d, f), pkg).replace(os.sep, "/")
                       for d, _, fs in os.walk(pkg) for f in fs)
        listing = "\n".join('      <file href="%s"/>' % f for f in files)
        if target == "scorm12":
            open(os.path.join(pkg, "imsmanifest.xml"), "w").write(SCORM12.replace("{files}", listing))
        elif target == "scorm2004":
            open(os.path.join(pkg, "imsmanifest.xml"), "w").write(SCORM2004.replace("{files}", listing))
        elif target == "cmi5":
            open(os.path.join(pkg, "cmi5.xml"), "w").write(CMI5)
        files = sorted(os.path.relpath(os.path.join(d, f), pkg).replace(os.sep, "/")
                       for d, _, fs in os.walk(pkg) for f in fs)
        sums = {f: hashlib.sha256(open(os.path.join(pkg, f), "rb").read()).hexdigest() for f in files}
        info = {"module": {"id": "browser-fixture", "version": "1.0.0"}, "target": target,
                "locales": ["en", "ar"], "build": {"tool": "Tests/Browser/make_fixture_packages.py"}, "files": sums}
        open(os.path.join(pkg, "coursepack.json"), "w").write(json.dumps(info, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    build(sys.argv[1])
