#!/usr/bin/env python3
"""Two `coursepack serve` instances share one PostgreSQL behind nginx; learners commit through nginx
without pause; one instance is killed with SIGKILL. The learners must go on through the other (every one
of them keeps getting commits acknowledged), a commit that got no answer is sent again as the runtime's
queue does, and after the run every acknowledged commit is in the database.

    failover.py --coursepack BIN --library DIR --database postgres://... --package ID --nginx-dir DIR
"""

import argparse
import os
import random
import subprocess
import sys
import threading
import time

import host

SCRIPTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts")


class Learner:
    def __init__(self, name, code, port):
        self.name, self.code = name, code
        self.client = host.Client(port, timeout=15)
        self.attempt = None
        self.acknowledged = 0
        self.acknowledged_after_kill = 0
        self.retries = 0
        self.failures = []


def commit_until_stopped(learner, stop, killed):
    seq = learner.acknowledged + 1
    while not stop.is_set():
        try:
            answer = learner.client.commit(learner.attempt, seq, host.scorm12_record(learner.name, seq))
        except (OSError, host.Refused) as error:
            # No answer, or nginx's 502 while no instance would take it: the runtime keeps it and tries again.
            if isinstance(error, host.Refused) and error.status not in (502, 503, 504):
                learner.failures.append(f"{learner.name} seq {seq}: {error}")
                return
            learner.retries += 1
            time.sleep(0.2)
            continue
        if answer.get("saved") is not True or answer.get("seq") != seq:
            learner.failures.append(f"{learner.name} seq {seq}: answered {answer}")
            return
        learner.acknowledged = seq
        if killed.is_set():
            learner.acknowledged_after_kill += 1
        seq += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--coursepack", required=True)
    parser.add_argument("--library", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--package", required=True)
    parser.add_argument("--nginx-dir", required=True)
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--seconds-after-kill", type=float, default=5)
    parser.add_argument("--log", default=None)
    args = parser.parse_args()

    names = host.add_learners(args.coursepack, args.library, args.database, args.learners,
                              f"failover-{random.randrange(1 << 30):x}-")
    instances = [host.Host(args.coursepack, args.library, args.database, log=args.log, extra=["--behind-proxy"]).start()
                 for _ in range(2)]
    proxy_port = host.free_port()
    subprocess.run([os.path.join(SCRIPTS, "nginx-proxy.sh"), "start", args.nginx_dir, str(proxy_port)]
                   + [str(instance.port) for instance in instances], check=True, stdout=subprocess.DEVNULL)
    failures = []
    try:
        learners = [Learner(name, code, proxy_port) for name, code in names]
        for learner in learners:
            learner.client.join(learner.code)
            learner.attempt = learner.client.open_attempt(args.package)["attempt"]

        stop, killed = threading.Event(), threading.Event()
        threads = [threading.Thread(target=commit_until_stopped, args=(learner, stop, killed)) for learner in learners]
        for thread in threads:
            thread.start()
        while sum(learner.acknowledged for learner in learners) < 300:
            time.sleep(0.01)
        victim = random.choice(instances)
        acknowledged_at_kill = sum(learner.acknowledged for learner in learners)
        victim.kill()
        killed.set()
        time.sleep(args.seconds_after_kill)
        stop.set()
        for thread in threads:
            thread.join()

        for learner in learners:
            failures += learner.failures
            if learner.acknowledged_after_kill == 0:
                failures.append(f"{learner.name}: no commit acknowledged in the {args.seconds_after_kill} s after the kill")
        acknowledged = {(learner.attempt, seq) for learner in learners for seq in range(1, learner.acknowledged + 1)}
        missing = sorted(acknowledged - host.commit_log(args.database))
        if missing:
            failures.append(f"{len(missing)} acknowledged commits are not in the database, for example {missing[:5]}")
        for learner in learners:
            resumed = host.Client(proxy_port)
            resumed.join(learner.code)
            answer = resumed.open_attempt(args.package)
            if answer["attempt"] != learner.attempt or answer["seq"] < learner.acknowledged:
                failures.append(f"{learner.name}: resumes attempt {answer['attempt']} at seq {answer['seq']}, "
                                f"acknowledged {learner.attempt} seq {learner.acknowledged}")
        after = sum(learner.acknowledged_after_kill for learner in learners)
        retries = sum(learner.retries for learner in learners)
        print(f"failover (2 instances behind nginx, PostgreSQL): instance on port {victim.port} killed after "
              f"{acknowledged_at_kill} commits; {after} commits acknowledged through the other in "
              f"{args.seconds_after_kill:g} s, by all {len(learners)} learners; {retries} requests sent again; "
              f"{len(acknowledged)} acknowledged in all, {'all' if not missing else 'NOT all'} in the database")
    finally:
        subprocess.run([os.path.join(SCRIPTS, "nginx-proxy.sh"), "stop", args.nginx_dir], check=False)
        for instance in instances:
            instance.stop()
    for failure in failures[:20]:
        print(f"  FAILED: {failure}")
    print(f"failover: {0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
