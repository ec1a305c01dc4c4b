#!/usr/bin/env python3
"""The player's size against peers: JavaScript and CSS concatenated, then `gzip -9 -n`.

Usage: measure.py REPO OUT_DIR
Ours is Packaging/player/player.js + player.css. The peers are files that packages on PyPI ship
(this machine reaches PyPI and Debian's archive only), downloaded with `pip download --no-deps` at
pinned versions into OUT_DIR/dl and read from the archives there; nothing is installed. Every
downloaded archive is also searched for scorm-again's builds, and Debian's package lists with
`apt-cache search`. Prints the table, the ratios and PASS/FAIL; exit 0 PASS, 1 FAIL, 2 cannot run.
"""
import os
import subprocess
import sys
import tarfile
import zipfile

KB = 1024
BUDGET_KB = float(os.environ.get("BUDGET_KB", "40"))
ISSUE_SCORM_AGAIN_KB = 18  # the issue's figure for scorm-again's SCORM 1.2 build, gzipped

# Peers measured: (label, role, PyPI package, version, files inside the archive, note)
PEERS = [
    ("Petlja course player (plct-bulder-for-sphinx)", "an authoring tool's player",
     "plct-bulder-for-sphinx", "0.0.5",
     ["plct_bulder_for_sphinx/player/player/bundle.js",
      "plct_bulder_for_sphinx/player/player/style-player.css",
      "plct_bulder_for_sphinx/player/content/content.js",
      "plct_bulder_for_sphinx/player/content/petljaRTBundle.js"],
     "the SCORM player a Sphinx course is packed with (frame, contents, navigation, SCORM 1.2) and its "
     "content-side script; also loads bootstrap-icons from a CDN, not counted"),
    ("H5P player (h5p-standalone, as vendored by wagtail-lms)", "an authoring tool's player",
     "wagtail-lms", "0.11.1",
     ["wagtail_lms/static/wagtail_lms/vendor/h5p-standalone/main.bundle.js",
      "wagtail_lms/static/wagtail_lms/vendor/h5p-standalone/frame.bundle.js",
      "wagtail_lms/static/wagtail_lms/vendor/h5p-standalone/styles/h5p.css",
      "wagtail_lms/static/wagtail_lms/vendor/h5p-standalone/styles/font-open-sans.css"],
     "H5P's core player with jQuery 3.5.1; every content type (quiz, course presentation...) "
     "adds its own library on top, not counted; h5p-standalone's version is not stated in the files"),
    ("scormhost SCORM API shims (LMS side)", "an LMS-side runtime, the role scorm-again plays",
     "scormhost", "0.1.0",
     ["scormhost/static/scorm12-api.js", "scormhost/static/scorm2004-api.js"],
     "minimal window.API / API_1484_11 that forward to scormhost's server; unminified"),
]

# Also downloaded only to look for scorm-again (or another player) inside them
SEARCHED = [("scocli", "1.3.1"), ("openedx-scorm-xblock", "19.0.5"),
            ("abstract-scorm-xblock", "1.0.1"), ("h5p-xblock", "0.2.19")]
DEBIAN_PATTERNS = ("scorm", "(^|-)h5p($|-)", "(^|-)xapi($|-)", "moodle", "(^|-)e-?learning")
SCORM_AGAIN_NAMES = ("scorm12.min.js", "scorm2004.min.js", "scorm-again.min.js", "scorm-again.js")


def gz(data):
    p = subprocess.run(["gzip", "-9", "-n", "-c"], input=data, stdout=subprocess.PIPE, check=True)
    return len(p.stdout)


def find_archive(pkg, version, dl):
    stems = {pkg.lower(), pkg.replace("-", "_").lower()}
    for f in sorted(os.listdir(dl)):
        low = f.lower()
        if any(low.startswith(s + "-" + version + sep) for s in stems for sep in ("-", ".tar", ".zip")):
            return os.path.join(dl, f)
    return None


def download(pkg, version, dl):
    """The package's archive in dl, fetched with `pip download --no-deps` unless it is there already."""
    found = find_archive(pkg, version, dl)
    if found:
        return found
    try:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--disable-pip-version-check",
                        "-d", dl, "%s==%s" % (pkg, version)],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    except subprocess.TimeoutExpired:
        return None
    return find_archive(pkg, version, dl)


def members(archive):
    """name -> bytes reader of every file in a wheel (zip) or an sdist (tar.gz)."""
    if archive.endswith((".whl", ".zip")):
        z = zipfile.ZipFile(archive)
        return {n: (lambda n=n: z.read(n)) for n in z.namelist() if not n.endswith("/")}
    t = tarfile.open(archive)
    out = {}
    for m in t.getmembers():
        if m.isfile():
            name = m.name.split("/", 1)[1] if "/" in m.name else m.name  # drop the sdist's top folder
            out[name] = (lambda m=m: t.extractfile(m).read())
    return out


def find_scorm_again(archives):
    hits = []
    for pkg, path in archives:
        for name, read in members(path).items():
            base = name.rsplit("/", 1)[-1].lower()
            if base in SCORM_AGAIN_NAMES:
                hits.append((pkg, path, name))
            elif base.endswith(".js") and b"Scorm12API" in read():
                hits.append((pkg, path, name))
    return hits


def debian_search():
    found = []
    for word in DEBIAN_PATTERNS:
        try:
            r = subprocess.run(["apt-cache", "search", "--names-only", word], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return None
        found += [line for line in r.stdout.splitlines() if line]
    return found


def fmt(n):
    return "{:,}".format(n)


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    repo, out = argv[1], argv[2]
    dl = os.path.join(out, "dl")
    os.makedirs(dl, exist_ok=True)

    ours_files = ["Packaging/player/player.js", "Packaging/player/player.css"]
    blobs = []
    for f in ours_files:
        with open(os.path.join(repo, f), "rb") as fh:
            blobs.append(fh.read())
    ours_raw = sum(len(b) for b in blobs)
    ours_gz = gz(b"".join(blobs))

    print("Player size: JavaScript + CSS concatenated, gzip -9 (1 KB = 1,024 bytes)")
    print()
    print("ours: Coursepack player (this checkout)")
    for f, b in zip(ours_files, blobs):
        print("  %-34s %9s bytes, %7s gzipped alone" % (f, fmt(len(b)), fmt(gz(b))))
    print("  together: %s bytes raw, %s bytes gzipped = %.1f KB" % (fmt(ours_raw), fmt(ours_gz), ours_gz / KB))
    print()

    rows = []
    archives = []
    for label, role, pkg, version, files, note in PEERS:
        path = download(pkg, version, dl)
        print("peer: %s (%s)" % (label, role))
        if not path:
            print("  source: PyPI %s==%s: could not be downloaded, not measured" % (pkg, version))
            print()
            continue
        archives.append((pkg, path))
        files_in = members(path)
        missing = [f for f in files if f not in files_in]
        if missing:
            print("  source: PyPI %s %s (%s): files missing %s, not measured" % (pkg, version, os.path.basename(path), missing))
            print()
            continue
        data = [files_in[f]() for f in files]
        raw, g = sum(len(d) for d in data), gz(b"".join(data))
        print("  source: PyPI package %s %s (%s)" % (pkg, version, os.path.basename(path)))
        for f, d in zip(files, data):
            print("  %-74s %9s bytes" % (f, fmt(len(d))))
        print("  together: %s bytes raw, %s bytes gzipped = %.1f KB; ours / this: %.2f" % (fmt(raw), fmt(g), g / KB, ours_gz / g))
        print("  note: %s" % note)
        print()
        rows.append((label, "%s %s (PyPI)" % (pkg, version), g))

    for pkg, version in SEARCHED:
        path = download(pkg, version, dl)
        if path:
            archives.append((pkg, path))
    hits = find_scorm_again(archives)
    deb = debian_search()
    print("peer: scorm-again (the LMS-side SCORM runtime the issue names)")
    if hits:
        for pkg, path, name in hits:
            print("  found in PyPI %s: %s" % (os.path.basename(path), name))
    else:
        print("  NOT FOUND where this machine can reach: searched the PyPI archives %s" %
              ", ".join(os.path.basename(p) for _, p in archives))
        print("  for %s or a script defining Scorm12API;" % "/".join(SCORM_AGAIN_NAMES))
        if deb is None:
            print("  Debian: apt-cache not available.")
        else:
            print("  Debian (apt-cache search --names-only %s): %s." % (", ".join(DEBIAN_PATTERNS),
                  "; ".join(deb) if deb else "no package"))
        print("  Reference only, the issue's figure (not a measurement): about %d KB gzipped for its SCORM 1.2 build;" % ISSUE_SCORM_AGAIN_KB)
        print("  ours / that figure: %.2f" % (ours_gz / (ISSUE_SCORM_AGAIN_KB * KB)))
    print()

    print("summary (gzip -9 of the JavaScript and CSS together)")
    print("  %-58s %10s %8s %10s" % ("", "bytes", "KB", "ours/peer"))
    print("  %-58s %10s %8.1f %10s" % ("Coursepack player (Packaging/player)", fmt(ours_gz), ours_gz / KB, ""))
    for label, src, g in rows:
        print("  %-58s %10s %8.1f %10.2f" % (label, fmt(g), g / KB, ours_gz / g))
    if not hits:
        print("  %-58s %10s %8s %10.2f" % ("scorm-again SCORM 1.2 (the issue's figure, not measured)", "~" + fmt(ISSUE_SCORM_AGAIN_KB * KB), "~%d" % ISSUE_SCORM_AGAIN_KB, ours_gz / (ISSUE_SCORM_AGAIN_KB * KB)))
    print()
    ok = ours_gz <= BUDGET_KB * KB
    print("budget: at most %g KB (%s bytes) gzipped: ours %s bytes = %.1f KB: %s" % (
        BUDGET_KB, fmt(int(BUDGET_KB * KB)), fmt(ours_gz), ours_gz / KB, "PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
