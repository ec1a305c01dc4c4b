"""Drives real `coursepack serve` processes for the crash, failover and load tests: starts and kills them,
creates learners, and speaks the host's HTTP API (docs/serve-api.md) as the browser's runtime does.
Only the standard library: the tests run wherever Python 3 does."""

import http.client
import json
import os
import signal
import socket
import subprocess
import time


def free_port():
    """A loopback port nothing listens on now (bound and released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Host:
    """One `coursepack serve` instance on 127.0.0.1:port."""

    def __init__(self, binary, library, database, port=None, log=None, extra=()):
        self.binary, self.library, self.database = binary, library, database
        self.port = port or free_port()
        self.log_path = log
        self.extra = list(extra)
        self.process = None

    def start(self, timeout=60):
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [self.binary, "serve", "--library", self.library, "--database", self.database,
             "--host", "127.0.0.1", "--port", str(self.port)] + self.extra,
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"coursepack serve exited with {self.process.returncode} at start; see {self.log_path}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/")
                connection.getresponse().read()
                connection.close()
                return self
            except OSError:
                time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"coursepack serve did not answer on port {self.port} within {timeout} s; see {self.log_path}")

    def kill(self):
        """SIGKILL: no shutdown code runs, as when the machine loses power or the OOM killer strikes."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    @property
    def pid(self):
        return self.process.pid if self.process else None


def add_learners(binary, library, database, count, prefix):
    """Creates `count` learners through the command line (one transaction); returns [(name, code)]."""
    output = subprocess.run(
        [binary, "serve", "learners", "add", "--library", library, "--database", database,
         "--count", str(count), "--prefix", prefix],
        check=True, capture_output=True, text=True).stdout
    learners = [tuple(line.split("\t")) for line in output.splitlines() if "\t" in line]
    if len(learners) != count:
        raise RuntimeError(f"asked for {count} learners, got {len(learners)}: {output[:400]}")
    return learners


def package_ids(binary, library):
    """The ids of the packages in the library (`coursepack library list`: ID VERSION KIND TITLE)."""
    output = subprocess.run([binary, "library", "list", "--library", library],
                            check=True, capture_output=True, text=True).stdout
    return [line.split()[0] for line in output.splitlines() if line.strip() and not line.startswith("the library")]


class Refused(Exception):
    """The host answered, but not with 2xx."""

    def __init__(self, status, body):
        super().__init__(f"HTTP {status}: {body[:300]!r}")
        self.status, self.body = status, body


class Client:
    """One learner's browser: one keep-alive connection, the session as a bearer token."""

    def __init__(self, port, timeout=10):
        self.port, self.timeout = port, timeout
        self.token = None
        self.connection = None

    def close(self):
        if self.connection:
            self.connection.close()
            self.connection = None

    def request(self, method, path, body=None, headers=None):
        """Returns (status, parsed JSON or text). Raises OSError when the host cannot be reached or the
        connection breaks before an answer: the caller does not know whether the request was kept."""
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        all_headers = {"Content-Type": "application/json"}
        if self.token:
            all_headers["Authorization"] = f"Bearer {self.token}"
        all_headers.update(headers or {})
        data = json.dumps(body).encode() if body is not None else None
        try:
            self.connection.request(method, path, body=data, headers=all_headers)
            response = self.connection.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.close()
            raise OSError(f"{method} {path}: {error}") from error
        text = raw.decode("utf-8", "replace")
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = text
        return response.status, parsed

    def call(self, method, path, body=None):
        status, parsed = self.request(method, path, body)
        if not 200 <= status < 300:
            raise Refused(status, json.dumps(parsed) if not isinstance(parsed, str) else parsed)
        return parsed

    def join(self, code):
        answer = self.call("POST", "/api/join", {"code": code})
        self.token = answer["token"]
        return answer

    def open_attempt(self, package):
        return self.call("POST", "/api/attempts", {"package": package})

    def commit(self, attempt, seq, record, reason="commit"):
        return self.call("POST", f"/api/attempts/{attempt}/commits",
                         {"seq": seq, "reason": reason, "record": record,
                          "calls": [{"fn": "LMSCommit", "args": [""], "ret": "true", "err": "0"}]})


def scorm12_record(learner, seq):
    """What a SCORM 1.2 SCO has set by its `seq`-th commit: each commit's record tells which it was."""
    return {
        "cmi.core.lesson_status": "incomplete",
        "cmi.core.lesson_location": f"page-{seq}",
        "cmi.core.exit": "suspend",
        "cmi.suspend_data": f"{learner}:{seq}",
        "cmi.core.session_time": "00:00:05",
    }


def commit_log(database):
    """Every (attempt id, seq) in the host's commit log, read from the database itself (not through the
    host, so that nothing the host caches can stand in for what is on disk)."""
    query = "SELECT attempt_id, seq FROM commit_log"
    if database.startswith("postgres"):
        psql = next((p for p in ["psql"] + sorted(os.popen("ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null").read().split())
                     if subprocess.run(["sh", "-c", f"command -v {p}"], capture_output=True).returncode == 0), "psql")
        output = subprocess.run([psql, database, "-At", "-F", "\t", "-c", query],
                                check=True, capture_output=True, text=True).stdout
        return {(a, int(s)) for a, s in (line.split("\t") for line in output.splitlines() if line)}
    import sqlite3
    path = database[len("sqlite:"):] if database.startswith("sqlite:") else database
    with sqlite3.connect(path) as db:
        return {(a, int(s)) for a, s in db.execute(query)}
