#!/usr/bin/env python3
"""Crash safety: learners commit without pause while `coursepack serve` is killed with SIGKILL; after a
restart, every commit the host acknowledged (HTTP 2xx) must be there, in its commit log and as the record
the learner resumes from. The commits that were in flight at the kill are sent again, as the runtime's
queue does, and must be answered "saved" (a duplicate when the host had kept them before dying).

    crash_safety.py --coursepack BIN --library DIR --database sqlite:PATH|postgres://... --package ID
"""

import argparse
import random
import sys
import threading
import time

import host


class Learner:
    def __init__(self, name, code, port):
        self.name, self.code = name, code
        self.client = host.Client(port)
        self.attempt = None
        self.acknowledged = 0       # the highest seq the host answered 2xx for
        self.sent = 0               # the highest seq sent
        self.in_flight = None       # a seq sent whose answer never came (the host died)
        self.failures = []


def commit_until_stopped(learner, stop):
    while not stop.is_set():
        seq = learner.sent + 1
        learner.sent = seq
        try:
            answer = learner.client.commit(learner.attempt, seq, host.scorm12_record(learner.name, seq))
        except OSError:
            learner.in_flight = seq
            return
        except host.Refused as refused:
            learner.failures.append(f"{learner.name} seq {seq}: {refused}")
            return
        if answer.get("saved") is not True or answer.get("seq") != seq:
            learner.failures.append(f"{learner.name} seq {seq}: answered {answer}")
            return
        learner.acknowledged = seq


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--coursepack", required=True)
    parser.add_argument("--library", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--package", required=True)
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--log", default=None)
    parser.add_argument("--label", default=None)
    args = parser.parse_args()
    label = args.label or ("postgresql" if args.database.startswith("postgres") else "sqlite")

    names = host.add_learners(args.coursepack, args.library, args.database, args.learners,
                              f"crash-{random.randrange(1 << 30):x}-")
    server = host.Host(args.coursepack, args.library, args.database, log=args.log).start()
    learners = [Learner(name, code, server.port) for name, code in names]
    for learner in learners:
        learner.client.join(learner.code)
        learner.attempt = learner.client.open_attempt(args.package)["attempt"]

    failures = []
    acknowledged_commits = set()
    in_flight_total = in_flight_kept = 0
    try:
        for kill in range(1, args.kills + 1):
            stop = threading.Event()
            threads = [threading.Thread(target=commit_until_stopped, args=(learner, stop)) for learner in learners]
            before = sum(learner.acknowledged for learner in learners)
            for thread in threads:
                thread.start()
            # Kill once the host is busy: a random moment after a few hundred commits, so that the kill
            # falls at a different point of a commit each time.
            deadline = time.monotonic() + 20
            target = before + random.randint(200, 400)
            while sum(learner.acknowledged for learner in learners) < target and time.monotonic() < deadline:
                time.sleep(0.005)
            server.kill()
            stop.set()
            for thread in threads:
                thread.join()
            for learner in learners:
                failures += learner.failures
                learner.failures = []
                for seq in range(1, learner.acknowledged + 1):
                    acknowledged_commits.add((learner.attempt, seq))
            in_flight = [learner for learner in learners if learner.in_flight]
            print(f"  kill {kill}: pid {server.pid} killed with {len(in_flight)} commits in flight, "
                  f"{sum(learner.acknowledged for learner in learners) - before} acknowledged since the last kill",
                  flush=True)

            server.start()
            kept = host.commit_log(args.database)
            missing = sorted(acknowledged_commits - kept)
            if missing:
                failures.append(f"kill {kill}: {len(missing)} acknowledged commits missing after restart, "
                                f"for example {missing[:5]}")
            for learner in learners:
                learner.client = host.Client(server.port)
                learner.client.join(learner.code)
                resumed = learner.client.open_attempt(args.package)
                if resumed["attempt"] != learner.attempt:
                    failures.append(f"{learner.name}: resumed attempt {resumed['attempt']}, not {learner.attempt}")
                    continue
                seq = resumed["seq"]
                if seq < learner.acknowledged:
                    failures.append(f"{learner.name}: resumes from seq {seq}, but seq {learner.acknowledged} was acknowledged")
                expected = host.scorm12_record(learner.name, seq)["cmi.suspend_data"]
                if seq and resumed.get("record", {}).get("cmi.suspend_data") != expected:
                    failures.append(f"{learner.name}: the record at seq {seq} is {resumed.get('record')}, not commit {seq}'s")
                # The runtime sends what it got no answer for again: saved, a duplicate if it was kept before.
                if learner.in_flight:
                    in_flight_total += 1
                    seq = learner.in_flight
                    answer = learner.client.commit(learner.attempt, seq, host.scorm12_record(learner.name, seq))
                    if answer.get("saved") is not True:
                        failures.append(f"{learner.name}: the retried seq {seq} was answered {answer}")
                    was_kept = (learner.attempt, seq) in kept
                    if answer.get("duplicate") != was_kept:
                        failures.append(f"{learner.name}: seq {seq} retried: duplicate={answer.get('duplicate')} "
                                        f"but the commit log {'had' if was_kept else 'did not have'} it")
                    in_flight_kept += was_kept
                    learner.acknowledged = learner.sent = seq
                    learner.in_flight = None
                    acknowledged_commits.add((learner.attempt, seq))
    finally:
        server.stop()

    print(f"crash safety ({label}): {args.kills} kills with SIGKILL, {len(acknowledged_commits)} commits acknowledged, "
          f"{'all' if not failures else 'NOT all'} there after restart; {in_flight_total} in flight at the kills, "
          f"{in_flight_kept} of them had been kept")
    for failure in failures[:20]:
        print(f"  FAILED: {failure}")
    print(f"crash_safety: {0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
