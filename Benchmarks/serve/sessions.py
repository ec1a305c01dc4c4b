#!/usr/bin/env python3
"""Prepares the simulated learners of Benchmarks/serve.sh: creates them through the command line, joins
each one, opens a SCORM 1.2 attempt and a cmi5 attempt (through its one-time fetch URL), and writes what
wrk's Lua scripts need, one learner a line: TOKEN ATTEMPT XAPI_AUTH LEARNER_ID AU_ID REGISTRATION.

    sessions.py --coursepack BIN --library DIR --database DB --port PORT --scorm ID --cmi5 ID --learners 200 --out FILE
"""

import argparse
import os
import random
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "Scale"))
import host  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    for name in ("--coursepack", "--library", "--database", "--scorm", "--cmi5", "--out"):
        parser.add_argument(name, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--learners", type=int, default=200)
    args = parser.parse_args()
    learners = host.add_learners(args.coursepack, args.library, args.database, args.learners,
                                 f"bench-{random.randrange(1 << 30):x}-")
    lines = []
    for _, code in learners:
        client = host.Client(args.port)
        joined = client.join(code)
        scorm = client.open_attempt(args.scorm)
        cmi5 = client.open_attempt(args.cmi5)
        query = urllib.parse.parse_qs(urllib.parse.urlparse(cmi5["contentURL"]).query)
        fetch = urllib.parse.urlparse(query["fetch"][0]).path
        token = client.call("POST", fetch)["auth-token"]
        lines.append(" ".join([client.token, scorm["attempt"], token, joined["learner"],
                               query["activityId"][0], query["registration"][0]]))
        client.close()
    with open(args.out, "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
