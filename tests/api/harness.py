"""Black-box test harness: the server process, HTTP sessions, database snapshots, a tiny runner.

Standard library only (PyPI is unreachable in CI).
"""
import gzip
import http.client
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import traceback
import urllib.parse

SECURITY_HEADERS = {
    "content-security-policy": None,
    "x-content-type-options": "nosniff",
    "referrer-policy": None,
}

# ---------------------------------------------------------------- runner


class Runner:
    """Counts results; every check prints one line. The last line is `N passed, M failed`."""

    def __init__(self, verbose=False):
        self.passed = 0
        self.failed = 0
        self.failures = []
        self.verbose = verbose
        self.prefix = ""

    def ok(self, name):
        self.passed += 1
        if self.verbose:
            print(f"ok   {self.prefix}{name}", flush=True)

    def fail(self, name, message):
        self.failed += 1
        self.failures.append(f"{self.prefix}{name}: {message}")
        print(f"FAIL {self.prefix}{name}: {message}", flush=True)

    def run(self, name, fn, *args):
        """Runs fn; an AssertionError or any exception fails the check."""
        try:
            fn(*args)
        except AssertionError as e:
            self.fail(name, str(e) or "assertion failed")
            return False
        except Exception as e:  # noqa: BLE001 — a crash in a test is a failure, not an abort
            self.fail(name, f"{type(e).__name__}: {e}\n{traceback.format_exc(limit=4)}")
            return False
        self.ok(name)
        return True

    def expect(self, name, condition, message=""):
        if condition:
            self.ok(name)
        else:
            self.fail(name, message or "expectation not met")
        return condition


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---------------------------------------------------------------- HTTP


class Response:
    def __init__(self, status, headers, body, method, path):
        self.status = status
        self.headers = headers  # lower-case name -> list of values
        self.body = body
        self.method = method
        self.path = path
        self._json = None

    def header(self, name):
        v = self.headers.get(name.lower())
        return v[0] if v else None

    @property
    def json(self):
        if self._json is None:
            try:
                self._json = json.loads(self.body.decode("utf-8")) if self.body else None
            except ValueError:
                raise AssertionError(f"{self.method} {self.path}: body is not JSON: {self.body[:200]!r}")
        return self._json

    def error_code(self):
        try:
            return (self.json or {}).get("error", {}).get("code")
        except AssertionError:
            return None

    def fields(self):
        try:
            return (self.json or {}).get("error", {}).get("fields") or {}
        except AssertionError:
            return {}

    def __repr__(self):
        return f"<{self.method} {self.path} → {self.status} {self.body[:300]!r}>"


class HeaderAudit:
    """Collects responses that lack X-Request-Id or the security headers."""

    def __init__(self):
        self.seen = 0
        self.problems = []

    def inspect(self, r):
        self.seen += 1
        missing = [h for h in ["x-request-id", *SECURITY_HEADERS] if not r.header(h)]
        csp = r.header("content-security-policy") or ""
        if "frame-ancestors 'none'" not in csp:
            missing.append("CSP frame-ancestors 'none'")
        if r.header("x-content-type-options") not in (None, "nosniff"):
            missing.append("nosniff")
        if missing and len(self.problems) < 20:
            self.problems.append(f"{r.method} {r.path} → {r.status}: missing {', '.join(missing)}")


HEADER_AUDIT = HeaderAudit()


class ExchangeLog:
    """Writes every exchange to a JSON Lines file for the contract check (run.py --record FILE;
    tests/contract/check.mjs validates them against docs/openapi.yaml). Off unless opened."""

    def __init__(self):
        self.file = None
        self.count = 0
        self.lock = threading.Lock()  # tests make requests from several threads at once

    def open(self, path):
        self.file = open(path, "w", encoding="utf-8")

    def close(self):
        if self.file:
            self.file.close()
            self.file = None

    def write(self, session, r):
        if not self.file:
            return
        content_type = r.header("content-type") or ""
        entry = {"as": session.name, "method": r.method, "path": r.path, "status": r.status,
                 "content_type": content_type,
                 "headers": {k: ", ".join(v) for k, v in r.headers.items()},
                 "body_bytes": len(r.body)}
        if r.body and content_type.split(";")[0].strip().lower() == "application/json":
            try:
                body = r.body
                if (r.header("content-encoding") or "").lower() == "gzip":
                    body = gzip.decompress(body)
                entry["body"] = json.loads(body.decode("utf-8"))
            except (ValueError, OSError, EOFError) as e:
                entry["body_error"] = f"not JSON: {e}"
        with self.lock:
            self.file.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self.count += 1


EXCHANGE_LOG = ExchangeLog()


class Session:
    """One HTTP client: keep-alive connection, optional cookie session (+ CSRF) or bearer token."""

    def __init__(self, port, name="anon", source=None):
        self.port = port
        self.name = name
        self.source = source  # a loopback address to connect from (127.0.0.2 …), else the default
        self.cookie = None
        self.csrf = None
        self.token = None
        self.user = None
        self.send_csrf = True
        self._conn = None

    def _connection(self):
        if self._conn is None:
            self._conn = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=60,
                source_address=(self.source, 0) if self.source else None)
        return self._conn

    def close(self):
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(self, method, path, body=None, headers=None, query=None, raw=None, csrf=None):
        if query:
            path = path + ("&" if "?" in path else "?") + urllib.parse.urlencode(query)
        h = {}
        data = None
        if raw is not None:
            data = raw if isinstance(raw, bytes) else raw.encode("utf-8")
            h["Content-Type"] = "application/json"
        elif body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            h["Content-Type"] = "application/json"
        if self.cookie:
            h["Cookie"] = self.cookie
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        use_csrf = self.send_csrf if csrf is None else csrf
        if self.csrf and use_csrf is True and method not in ("GET", "HEAD"):
            h["X-CSRF-Token"] = self.csrf
        elif isinstance(use_csrf, str):
            h["X-CSRF-Token"] = use_csrf
        if headers:
            h.update(headers)
        for attempt in range(2):
            conn = self._connection()
            try:
                conn.request(method, path, body=data, headers=h)
                resp = conn.getresponse()
                payload = resp.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
                    http.client.CannotSendRequest, http.client.ResponseNotReady):
                self.close()
                if attempt == 1:
                    raise
        hdrs = {}
        for k, v in resp.getheaders():
            hdrs.setdefault(k.lower(), []).append(v)
        if resp.getheader("connection", "").lower() == "close":
            self.close()
        r = Response(resp.status, hdrs, payload, method, path)
        HEADER_AUDIT.inspect(r)
        EXCHANGE_LOG.write(self, r)
        return r

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body=body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def login(self, email, password):
        r = self.post("/api/v1/auth/login", {"email": email, "password": password})
        if r.status == 200:
            cookie = r.header("set-cookie") or ""
            self.cookie = cookie.split(";", 1)[0]
            self.csrf = r.json["csrf_token"]
            self.user = r.json["user"]
        return r


def expect_status(r, status, code=None):
    assert r.status == status, f"expected {status}, got {r!r}"
    if code is not None:
        assert r.error_code() == code, f"expected error code {code}, got {r!r}"
    return r


# ---------------------------------------------------------------- the server process


class Server:
    def __init__(self, binary, db_url, workdir, extra_args=(), name="server", env=None, launcher=()):
        """`env`: extra environment variables; `launcher`: a command prefix (e.g. a shell that sets
        ulimit and execs the server, so the process id stays the server's)."""
        self.binary = binary
        self.extra_args = list(extra_args)
        self.db_url = db_url
        self.workdir = workdir
        self.port = free_port()
        self.proc = None
        self.log_path = os.path.join(workdir, name + ".log")
        self.env = env
        self.launcher = list(launcher)

    def cli(self, *args, stdin=None, db=True, timeout=60):
        cmd = [self.binary, *args]
        if db:
            cmd += ["--db", self.db_url]
        return subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=timeout,
                              cwd=self.workdir)

    def start(self):
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [*self.launcher, self.binary, "serve", "--db", self.db_url, "--listen", f"127.0.0.1:{self.port}",
             *self.extra_args],
            stdout=log, stderr=subprocess.STDOUT, cwd=self.workdir,
            env={**os.environ, **self.env} if self.env else None)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}: {self.tail_log()}")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    c.close()
                    return
                c.close()
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("server did not answer /healthz within 60 s: " + self.tail_log())

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                return self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return None
        return self.proc.returncode if self.proc else None

    def tail_log(self, n=4000):
        try:
            with open(self.log_path, "rb") as f:
                data = f.read()
            return data[-n:].decode("utf-8", "replace")
        except OSError:
            return ""


# ---------------------------------------------------------------- database access (snapshots)

# Tables whose rows change on reads or sign-ins: not part of "nothing was written".
# Rate-limit counters (throttle) count refused attempts by design.
VOLATILE_TABLES = {"sessions", "schema_migrations", "throttle"}
# The outbox sender thread marks queued mail sent at any moment (a request did not do that).
VOLATILE_COLUMNS = {("api_tokens", "last_used_at"), ("mail_outbox", "status"), ("mail_outbox", "attempts"),
                    ("mail_outbox", "last_error"), ("mail_outbox", "sent_at")}


class Database:
    """Direct read access to the server's database for snapshots and spot checks."""

    def __init__(self, backend, url):
        self.backend = backend
        self.url = url
        self._tables = None
        if backend == "sqlite":
            self.path = url[len("sqlite:"):]

    def execute(self, sql):
        """A committed write, for tests that must age a record (e.g. move shared_at back)."""
        if self.backend == "sqlite":
            con = sqlite3.connect(self.path, timeout=30)
            try:
                con.execute(sql)
                con.commit()
            finally:
                con.close()
            return
        self._psql(sql)

    def query(self, sql):
        """Rows as tuples of text (or native values on SQLite)."""
        if self.backend == "sqlite":
            con = sqlite3.connect(self.path, timeout=30)
            try:
                return [tuple(r) for r in con.execute(sql).fetchall()]
            finally:
                con.close()
        return self._psql(sql)

    def _psql(self, sql):
        """One long-lived psql process: a process and a connection per query made the access
        matrix (hundreds of snapshots) take a minute on PostgreSQL."""
        if getattr(self, "_proc", None) is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                ["psql", "-X", "-q", "-At", "-F", "\x1f", "-R", "\x1e", self.url],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                text=True, encoding="utf-8", bufsize=1)
            self._marker = 0
        self._marker += 1
        marker = f"__retainer_end_{self._marker}__"
        self._proc.stdin.write(sql.strip().rstrip(";") + ";\n\\echo " + marker + "\n")
        self._proc.stdin.flush()
        out = []
        while True:
            line = self._proc.stdout.readline()
            if not line:
                raise RuntimeError("psql exited: " + "".join(out))
            if line.rstrip("\n").endswith(marker):
                head = line.rstrip("\n")[: -len(marker)]
                if head:
                    out.append(head)
                break
            out.append(line)
        text = "".join(out).strip("\n\x1e")
        if "ERROR:" in text:
            raise RuntimeError(f"psql failed: {text.strip()}")
        if not text:
            return []
        return [tuple(row.strip("\n").split("\x1f")) for row in text.split("\x1e")]

    def close(self):
        if getattr(self, "_proc", None) is not None:
            self._proc.stdin.close()
            self._proc.wait(timeout=10)
            self._proc = None

    def tables(self):
        if self._tables is None:
            if self.backend == "sqlite":
                names = [r[0] for r in self.query(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
            else:
                names = [r[0] for r in self.query(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")]
            result = {}
            for t in sorted(names):
                if t in VOLATILE_TABLES:
                    continue
                if self.backend == "sqlite":
                    cols = [r[1] for r in self.query(f"PRAGMA table_info({t})")]
                else:
                    cols = [r[0] for r in self.query(
                        "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                        f"'public' AND table_name = '{t}' ORDER BY ordinal_position")]
                result[t] = [c for c in cols if (t, c) not in VOLATILE_COLUMNS]
            self._tables = result
        return self._tables

    def snapshot(self):
        """A value that changes whenever any row of a non-volatile table changes."""
        tables = self.tables()
        if self.backend == "sqlite":
            con = sqlite3.connect(self.path, timeout=30)
            try:
                return {t: con.execute(f"SELECT {', '.join(cols)} FROM {t} ORDER BY 1").fetchall()
                        for t, cols in tables.items()}
            finally:
                con.close()
        parts = []
        for t, cols in tables.items():
            row = "ROW(" + ", ".join(f"x.{c}" for c in cols) + ")::text"
            parts.append(f"SELECT '{t}', COUNT(*), md5(COALESCE(string_agg({row}, '|' ORDER BY {row}), '')) "
                         f"FROM {t} x")
        return {r[0]: r[1:] for r in self.query(" UNION ALL ".join(parts))}


def diff_snapshots(before, after):
    changed = [t for t in set(before) | set(after) if before.get(t) != after.get(t)]
    return sorted(changed)
