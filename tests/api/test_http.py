"""HTTP itself (security review, issue 8): HEAD describes GET, Expect: 100-continue and refusals
before the body is read, 405 with Allow, Host, absolute-form targets, ETag and 304, the headers of
the server's own answers, Retry-After, the header timeout, connection limits and the accept
back-off, trusted proxies (X-Forwarded-For / -Proto) and who may read /metrics.

Raw sockets where http.client would hide the protocol. The flags are tried on extra servers over
the same database (started without --smtp, so they never send the outbox's mail).
"""
import json
import os
import socket
import subprocess
import tempfile
import threading
import time

from harness import Server, diff_snapshots, expect_status
from world import PASSWORD

SECURITY = ("x-request-id", "content-security-policy", "x-content-type-options", "referrer-policy")
# Headers that differ between any two answers, HEAD or not.
PER_ANSWER = {"x-request-id", "server-timing", "date"}
MIB = 1024 * 1024


class RawResponse:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lower-case name -> list of values
        self.body = body

    def header(self, name):
        v = self.headers.get(name.lower())
        return v[0] if v else None

    def __repr__(self):
        return f"<{self.status} {self.headers} {self.body[:200]!r}>"


class Raw:
    """One connection spoken to byte by byte."""

    def __init__(self, port, timeout=5):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.buf = b""

    def send(self, data):
        self.sock.sendall(data if isinstance(data, bytes) else data.encode("latin-1"))

    def _fill(self, deadline):
        left = deadline - time.time()
        if left <= 0:
            raise socket.timeout()
        self.sock.settimeout(left)
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("the server closed the connection")
        self.buf += chunk

    def response(self, timeout=5, head=False):
        """The next answer; AssertionError if none arrives within `timeout` seconds."""
        deadline = time.time() + timeout
        try:
            while b"\r\n\r\n" not in self.buf:
                self._fill(deadline)
            raw_head, self.buf = self.buf.split(b"\r\n\r\n", 1)
            lines = raw_head.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            headers = {}
            for line in lines[1:]:
                name, value = line.split(":", 1)
                headers.setdefault(name.strip().lower(), []).append(value.strip())
            length = 0
            if not head and status >= 200 and status not in (204, 304):
                length = int(headers.get("content-length", ["0"])[0])
            while len(self.buf) < length:
                self._fill(deadline)
        except (socket.timeout, TimeoutError):
            raise AssertionError(f"no complete answer within {timeout} s (got {self.buf[:300]!r})")
        body, self.buf = self.buf[:length], self.buf[length:]
        return RawResponse(status, headers, body)

    def closed_within(self, timeout):
        """True when the server closes the connection (EOF or reset) within `timeout` seconds."""
        deadline = time.time() + timeout
        try:
            while True:
                self._fill(deadline)
        except (EOFError, ConnectionResetError, BrokenPipeError):
            return True
        except (socket.timeout, TimeoutError):
            return False

    def close(self):
        self.sock.close()


def request_bytes(method, target, headers=(), body=b"", version="HTTP/1.1", host="127.0.0.1"):
    lines = [f"{method} {target} {version}"]
    if host is not None:
        lines.append(f"Host: {host}")
    lines += [f"{k}: {v}" for k, v in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def exchange(port, data, timeout=5, head=False):
    c = Raw(port, timeout)
    try:
        c.send(data)
        return c.response(timeout, head=head)
    finally:
        c.close()


def assert_security_headers(r, what):
    missing = [h for h in SECURITY if not r.header(h)]
    assert not missing, f"{what}: missing {missing} in {r!r}"
    assert "frame-ancestors 'none'" in r.header("content-security-policy"), f"{what}: {r!r}"
    assert r.header("x-content-type-options") == "nosniff", f"{what}: {r!r}"


def header_set(value):
    return {m.strip() for m in (value or "").split(",") if m.strip()}


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(t, world, ctx):
    port = world.port
    owner = world.sessions["owner"]
    ids = world.ids
    extra = []  # servers started here, stopped at the end

    def start(name, args, env=None, launcher=()):
        s = Server(ctx["binary"], ctx["url"], ctx["workdir"], args, name=name, env=env, launcher=launcher)
        extra.append(s)
        s.start()
        return s

    # ---------------------------------------------------------------- the header timeout (slowloris)
    # Started first and checked last: it takes the header timeout (10 s) to play out.
    slow = {}

    def trickle():
        s = socket.create_connection(("127.0.0.1", port), timeout=1)
        t0 = time.time()
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        while time.time() - t0 < 40:
            try:
                s.sendall(b"X-Slow: 1\r\n")
                if s.recv(4096) == b"":
                    break
            except (socket.timeout, TimeoutError):
                continue
            except OSError:
                break
        slow["trickle"] = time.time() - t0
        s.close()

    def silent():
        s = socket.create_connection(("127.0.0.1", port), timeout=40)
        t0 = time.time()
        try:
            s.recv(4096)
        except OSError:
            pass
        slow["silent"] = time.time() - t0
        s.close()

    slow_threads = [threading.Thread(target=trickle, daemon=True), threading.Thread(target=silent, daemon=True)]
    for th in slow_threads:
        th.start()

    try:
        _main_server(t, world, ctx, port, owner, ids)
        _proxy_server(t, world, ctx, start)
        _connection_limits(t, ctx, start)
    finally:
        for s in extra:
            s.stop()

    def header_timeout():
        for th in slow_threads:
            th.join(45)
        trickled, quiet = slow.get("trickle"), slow.get("silent")
        assert trickled is not None and 8 <= trickled <= 20, \
            f"a header trickling a line a second was cut after {trickled} s, want the 10 s header timeout"
        assert quiet is not None and 8 <= quiet <= 20, \
            f"a new connection that sends nothing was closed after {quiet} s, want 10 s (not the 60 s idle)"
    t.run("a request header must be complete within 10 s of its first byte (slowloris); a silent new "
          "connection gets 10 s too", header_timeout)


def _main_server(t, world, ctx, port, owner, ids):
    def routes_table():
        out = world.server.cli("routes", db=False)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    table = routes_table()

    def first_id(collection):
        r = owner.get(f"/api/v1/{collection}", query={"limit": 1})
        items = r.json.get("items") if r.status == 200 and isinstance(r.json, dict) else None
        return items[0]["id"] if items else 1

    def concrete(pattern):
        parts = pattern.strip("/").split("/")
        out = []
        for i, p in enumerate(parts):
            if p == "{id}":
                out.append(str(first_id(parts[i - 1])))
            elif p.startswith("{"):
                out.append("not-a-real-token")
            else:
                out.append(p)
        return "/" + "/".join(out)

    def compare(get, head, what, volatile_body=False):
        assert head.status == get.status, f"{what}: HEAD {head.status}, GET {get.status}"
        assert head.body == b"", f"{what}: HEAD carried a body of {len(head.body)} bytes"
        ignore = PER_ANSWER | ({"content-length", "etag"} if volatile_body else set())
        g = {k: v for k, v in get.headers.items() if k not in ignore}
        h = {k: v for k, v in head.headers.items() if k not in ignore}
        # Retry-After counts down by the second: a second may pass between the GET and the HEAD.
        if "retry-after" in g and "retry-after" in h:
            wait_g, wait_h = int(g.pop("retry-after")[0]), int(h.pop("retry-after")[0])
            assert 0 <= wait_g - wait_h <= 2, f"{what}: Retry-After GET {wait_g}, HEAD {wait_h}"
        diff = sorted(k for k in set(g) | set(h) if g.get(k) != h.get(k))
        assert not diff, f"{what}: headers differ: " + "; ".join(
            f"{k}: GET {g.get(k)} HEAD {h.get(k)}" for k in diff)
        if not volatile_body:
            assert head.header("content-length") == str(len(get.body)), \
                f"{what}: HEAD Content-Length {head.header('content-length')}, GET body {len(get.body)} bytes"

    def head_everywhere():
        checked = 0
        for r in table:
            if r["method"] != "GET":
                continue
            path = concrete(r["path"])
            for enc in ("identity", "gzip"):
                h = {"Accept-Encoding": enc}
                get = owner.request("GET", path, headers=h)
                head = owner.request("HEAD", path, headers=h)
                # /metrics counts the GET itself, so its body grows between the two.
                compare(get, head, f"{r['path']} ({path}, {enc})", volatile_body=r["path"] == "/metrics")
                checked += 1
        pdf = owner.get(concrete("/api/v1/documents/{id}/pdf"))
        if pdf.status == 200:
            assert pdf.body.startswith(b"%PDF"), pdf
        assert checked > 100, checked
    t.run("HEAD on every GET route (owner; identity and gzip) has the GET's status, headers and "
          "Content-Length, and no body", head_everywhere)

    def head_anonymous():
        anon = world.session()
        for path in ["/healthz", "/api/v1/clients", "/api/v1/nowhere", "/no/such/page"]:
            compare(anon.get(path), anon.request("HEAD", path), f"anonymous {path}")
        r = exchange(port, request_bytes("HEAD", "/healthz"), head=True)
        assert r.status == 200 and r.header("content-length") == '15', r
    t.run("HEAD also describes 401, 404 and public answers", head_anonymous)

    def allow_on_405():
        by_path = {}
        for r in table:
            by_path.setdefault(r["path"], set()).add(r["method"])
        for pattern in ["/api/v1/clients", "/api/v1/clients/{id}", "/healthz", "/api/v1/auth/login",
                        "/api/v1/public/applications", "/api/v1/auth/me"]:
            want = set(by_path[pattern]) | ({"HEAD"} if "GET" in by_path[pattern] else set())
            wrong = next(m for m in ["PUT", "DELETE", "PATCH", "POST", "GET"] if m not in by_path[pattern])
            res = owner.request(wrong, concrete(pattern))
            assert res.status == 405, f"{wrong} {pattern}: {res!r}"
            assert header_set(res.header("allow")) == want, \
                f"{wrong} {pattern}: Allow {res.header('allow')!r}, want {sorted(want)}"
    t.run("405 carries Allow with the path's methods (HEAD wherever GET is)", allow_on_405)

    def host_header():
        for what, data in [
            ("no Host", request_bytes("GET", "/healthz", host=None)),
            ("two Host lines", request_bytes("GET", "/healthz", [("Host", "127.0.0.1")])),
            ("a Host with a space", request_bytes("GET", "/healthz", host="exa mple")),
        ]:
            c = Raw(port)
            c.send(data)
            r = c.response()
            assert r.status == 400, f"{what}: {r!r}"
            assert_security_headers(r, what)
            assert c.closed_within(3), f"{what}: connection left open"
            c.close()
        r = exchange(port, request_bytes("GET", "/healthz", version="HTTP/1.0", host=None))
        assert r.status == 200, f"HTTP/1.0 needs no Host: {r!r}"
    t.run("HTTP/1.1 without Host, or two Host headers → 400 with the security headers (RFC 9112 §3.2)",
          host_header)

    def absolute_form():
        cookie = [("Cookie", owner.cookie)]
        r = exchange(port, request_bytes("GET", f"http://127.0.0.1:{port}/api/v1/auth/me", cookie))
        assert r.status == 200, r
        assert json.loads(r.body)["user"]["email"] == "owner@agency.test", r
        r = exchange(port, request_bytes("GET", f"HTTP://127.0.0.1:{port}/api/v1/clients?limit=1", cookie))
        assert r.status == 200 and len(json.loads(r.body)["items"]) == 1, r
        r = exchange(port, request_bytes("GET", f"http://127.0.0.1:{port}/api/v1/clients"))
        assert r.status == 401, r
    t.run("an absolute-form target (GET http://host:port/api/...) is routed by its path (RFC 9112 §3.2.2)",
          absolute_form)

    # ---------------------------------------------------------------- Expect and bodies
    def continue_then_body():
        body = json.dumps({"email": "quality@agency.test", "password": PASSWORD}).encode()
        c = Raw(port)
        c.send(request_bytes("POST", "/api/v1/auth/login", [
            ("Content-Type", "application/json"), ("Content-Length", len(body)),
            ("Expect", "100-continue")]))
        # curl waits 1 s for it before sending the body anyway; this server used to never send it.
        interim = c.response(timeout=1.5)
        assert interim.status == 100, f"want 100 Continue before the body, got {interim!r}"
        c.send(body)
        final = c.response()
        assert final.status == 200 and final.header("set-cookie"), final
        # A signed-in upload is invited too, then served on the same connection.
        payload = json.dumps({"name": "Через Expect"}).encode()
        c.send(request_bytes("POST", "/api/v1/clients", [
            ("Cookie", owner.cookie), ("X-CSRF-Token", owner.csrf), ("Content-Type", "application/json"),
            ("Content-Length", len(payload)), ("Expect", "100-continue")]))
        assert c.response(timeout=1.5).status == 100
        c.send(payload)
        created = c.response()
        assert created.status == 201, created
        c.close()
    t.run("Expect: 100-continue is answered at once with 100 Continue, then the body is read", continue_then_body)

    def refused_before_body():
        big = 5 * MIB
        cases = [
            ("anonymous upload", "/api/v1/clients", [], 401),
            ("cookie without CSRF token", "/api/v1/clients", [("Cookie", owner.cookie)], 403),
            ("portal client creating a client", "/api/v1/clients",
             [("Cookie", world.sessions["client"].cookie), ("X-CSRF-Token", world.sessions["client"].csrf)], 403),
            ("unknown path", "/api/v1/nowhere", [("Cookie", owner.cookie)], 404),
            ("wrong method", "/api/v1/dashboard", [("Cookie", owner.cookie)], 405),
        ]
        before = world.db.snapshot()
        for what, path, auth, status in cases:
            for expect in (True, False):
                c = Raw(port)
                c.send(request_bytes("POST", path, [*auth, ("Content-Type", "application/json"),
                                                   ("Content-Length", big)]
                                     + ([("Expect", "100-continue")] if expect else [])))
                if not expect:
                    c.send(b"x" * 65536)  # a client that does not wait; the rest never comes
                r = c.response(timeout=3)
                assert r.status == status, f"{what} (Expect {expect}): want {status} before the body, got {r!r}"
                assert_security_headers(r, what)
                assert r.header("connection") == "close", f"{what}: {r!r}"
                assert c.closed_within(5), f"{what}: the connection stays open after a refusal"
                c.close()
        c = Raw(port)
        c.send(request_bytes("POST", "/api/v1/clients", [("Transfer-Encoding", "chunked"),
                                                         ("Content-Type", "application/json")]) + b"10\r\n")
        r = c.response(timeout=3)
        assert r.status == 401, f"anonymous chunked upload: {r!r}"
        c.close()
        for expect in (True, False):
            c = Raw(port)
            c.send(request_bytes("POST", "/api/v1/clients", [
                ("Cookie", owner.cookie), ("X-CSRF-Token", owner.csrf), ("Content-Length", 11 * MIB)]
                + ([("Expect", "100-continue")] if expect else [])))
            r = c.response(timeout=3)
            assert r.status == 413 and b"payload_too_large" in r.body, r
            assert_security_headers(r, "413")
            c.close()
        changed = diff_snapshots(before, world.db.snapshot())
        assert not changed, f"a refused upload wrote to {changed}"
    t.run("a body that would be refused anyway (401, 403, 404, 405, 413) is refused before it is read, "
          "with or without Expect, and the connection closed", refused_before_body)

    def server_own_answers():
        for what, data, status in [
            ("garbage", b"GARBAGE\r\n\r\n", 400),
            ("bad header line", b"GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", 400),
            ("oversized body", request_bytes("POST", "/api/v1/clients", [("Content-Length", 20 * MIB)]), 413),
        ]:
            r = exchange(port, data)
            assert r.status == status, f"{what}: {r!r}"
            assert_security_headers(r, what)
            assert r.header("cache-control") == "no-store", f"{what}: {r!r}"
        r = exchange(port, request_bytes("POST", "/api/v1/clients", [("Content-Length", 20 * MIB),
                                                                     ("X-Request-Id", "trace-413")]))
        assert r.header("x-request-id") == "trace-413", r
    t.run("the server's own 400 and 413 carry X-Request-Id and the security headers", server_own_answers)

    # ---------------------------------------------------------------- validators
    def api_etag():
        path = f"/api/v1/clients/{ids['client_own']}"
        first = expect_status(owner.get(path), 200)
        tag = first.header("etag")
        assert tag and tag.startswith('W/"'), f"no weak ETag: {first.headers}"
        assert first.header("cache-control") == "no-store", first.headers
        again = owner.get(path, headers={"If-None-Match": tag})
        assert again.status == 304 and again.body == b"", again
        assert again.header("etag") == tag and again.header("cache-control") == "no-store", again.headers
        assert again.header("x-request-id"), again.headers
        for inm in ['"x", ' + tag, tag[2:], "*"]:
            assert owner.get(path, headers={"If-None-Match": inm}).status == 304, inm
        h = owner.request("HEAD", path, headers={"If-None-Match": tag})
        assert h.status == 304, h
        version = first.json["version"]
        expect_status(owner.patch(path, {"note": "etag changes", "version": version}), 200)
        changed = owner.get(path, headers={"If-None-Match": tag})
        assert changed.status == 200 and changed.header("etag") not in (None, tag), changed.headers
        listed = expect_status(owner.get("/api/v1/clients"), 200)
        assert listed.header("etag"), listed.headers
        assert not owner.post("/api/v1/clients", {"name": "no etag on writes"}).header("etag")
        assert not owner.get("/api/v1/clients/987654").header("etag")
    t.run("API GET answers carry a weak ETag; If-None-Match → 304 without a body, still no-store",
          api_etag)

    def dashboard_etag():
        plain = expect_status(owner.get("/api/v1/dashboard", headers={"Accept-Encoding": "identity"}), 200)
        packed = expect_status(owner.get("/api/v1/dashboard", headers={"Accept-Encoding": "gzip"}), 200)
        assert packed.header("content-encoding") == "gzip", packed.headers
        assert plain.header("etag") and plain.header("etag") == packed.header("etag"), \
            (plain.header("etag"), packed.header("etag"))
        r = owner.get("/api/v1/dashboard", headers={"Accept-Encoding": "gzip", "If-None-Match": plain.header("etag")})
        assert r.status == 304 and r.body == b"" and not r.header("content-encoding"), r.headers
    t.run("the dashboard's ETag is the uncompressed body's: the same for gzip and identity; 304",
          dashboard_etag)

    def retry_after():
        anon = world.session("link-prober")
        r = None
        for i in range(40):
            r = anon.get(f"/d/no-such-link-{i}")
            if r.status == 429:
                break
        assert r.status == 429, f"the link miss limit never answered 429: {r!r}"
        value = r.header("retry-after")
        assert value and value.isdigit() and int(value) > 0, f"429 without a usable Retry-After: {r.headers}"
    t.run("429 carries Retry-After", retry_after)

    def metrics_local():
        expect_status(world.session().get("/metrics"), 200)
    t.run("/metrics answers a direct loopback peer", metrics_local)

    def forwarded_ignored():
        s = world.session("forged-forwarding")
        r = expect_status(s.request("POST", "/api/v1/auth/login",
                                    body={"email": "quality@agency.test", "password": PASSWORD},
                                    headers={"X-Forwarded-For": "203.0.113.50",
                                             "X-Forwarded-Proto": "https"}), 200)
        ip = world.db.query(f"SELECT ip FROM sessions WHERE csrf_token = '{r.json['csrf_token']}'")
        assert ip and ip[0][0] == "127.0.0.1", f"the session records {ip}, not the TCP peer"
        assert "Secure" not in [p.strip() for p in r.header("set-cookie").split(";")], r.header("set-cookie")
    t.run("without --trusted-proxy, X-Forwarded-For and X-Forwarded-Proto are ignored "
          "(the session keeps the peer's address; no Secure cookie)", forwarded_ignored)


def _proxy_server(t, world, ctx, start):
    web = tempfile.mkdtemp(prefix="web-", dir=ctx["workdir"])
    os.makedirs(os.path.join(web, "assets"))
    with open(os.path.join(web, "index.html"), "w") as f:
        f.write("<!doctype html><title>Retainer</title><script src=/assets/app-1a2b.js></script>")
    script = "console.log('retainer');\n" * 200
    with open(os.path.join(web, "assets", "app-1a2b.js"), "w") as f:
        f.write(script)
    token = "metrics-" + os.urandom(8).hex()
    servers = []

    def start_proxy():
        servers.append(start("proxy", ["--trusted-proxy", "127.0.0.1", "--trusted-proxy", "10.0.0.0/8",
                                       "--web", web, "--max-connections", "6", "--max-connections-per-ip", "2"],
                             env={"RETAINER_METRICS_TOKEN": token}))
    if not t.run("serve --trusted-proxy 127.0.0.1 --trusted-proxy 10.0.0.0/8 --max-connections 6 "
                 "--max-connections-per-ip 2 starts", start_proxy):
        return
    proxy = servers[0]
    sessions = []

    def session(name):
        s = world.session(name)
        s.port = proxy.port
        sessions.append(s)
        return s

    def login_via(forwarded_for=None, proto=None):
        s = session("via-proxy")
        headers = {}
        if forwarded_for is not None:
            headers["X-Forwarded-For"] = forwarded_for
        if proto is not None:
            headers["X-Forwarded-Proto"] = proto
        r = expect_status(s.request("POST", "/api/v1/auth/login",
                                    body={"email": "quality@agency.test", "password": PASSWORD},
                                    headers=headers), 200)
        s.close()
        ip = world.db.query(f"SELECT ip FROM sessions WHERE csrf_token = '{r.json['csrf_token']}'")
        secure = "Secure" in [p.strip() for p in r.header("set-cookie").split(";")]
        return ip[0][0], secure

    def forwarded():
        cases = [
            ("203.0.113.50", "203.0.113.50"),
            ("192.0.2.1, 198.51.100.8, 10.0.0.5", "198.51.100.8"),  # right-most not a proxy
            ("10.0.0.1, 10.0.0.2", "10.0.0.1"),  # all proxies: the farthest
            ("unknown", "127.0.0.1"),
            ("198.51.100.3, not-an-address", "127.0.0.1"),
            ("[2001:db8::7]:4711", "2001:db8::7"),
            (None, "127.0.0.1"),
        ]
        for header, want in cases:
            ip, _ = login_via(header)
            assert ip == want, f"X-Forwarded-For {header!r}: the session records {ip}, want {want}"
        assert login_via("203.0.113.51", "https")[1], "X-Forwarded-Proto https from a trusted proxy → Secure"
        assert not login_via("203.0.113.51", "http")[1]
        assert not login_via("203.0.113.51")[1]
        # Two header lines are one list.
        body = json.dumps({"email": "quality@agency.test", "password": PASSWORD}).encode()
        r = exchange(proxy.port, request_bytes("POST", "/api/v1/auth/login", [
            ("X-Forwarded-For", "198.51.100.20"), ("X-Forwarded-For", "10.0.0.9"),
            ("Content-Type", "application/json"), ("Content-Length", len(body))], body))
        assert r.status == 200, r
        ip = world.db.query(f"SELECT ip FROM sessions WHERE csrf_token = '{json.loads(r.body)['csrf_token']}'")
        assert ip[0][0] == "198.51.100.20", ip
    t.run("--trusted-proxy: the client is the right-most X-Forwarded-For address that is not a proxy; "
          "X-Forwarded-Proto https makes the cookie Secure", forwarded)

    def metrics_behind_proxy():
        s = session("scraper")
        expect_status(s.get("/healthz"), 200)
        r = s.get("/metrics")
        assert r.status == 404, f"/metrics through a trusted proxy must look absent: {r!r}"
        r = s.get("/metrics", headers={"Authorization": "Bearer " + token})
        assert r.status == 200 and b"retainer_http_requests_total" in r.body, r
        assert s.get("/metrics", headers={"Authorization": "Bearer " + token + "x"}).status == 404
        assert s.get("/metrics", headers={"Authorization": "Bearer "}).status == 404
        s.close()
    t.run("/metrics: 404 through a trusted proxy, 200 with Bearer RETAINER_METRICS_TOKEN; /healthz stays open",
          metrics_behind_proxy)

    def static_validators():
        s = session("static")
        for path, size in [("/assets/app-1a2b.js", len(script)), ("/", None), ("/deep/link", None)]:
            for enc in ("identity", "gzip"):
                get = expect_status(s.get(path, headers={"Accept-Encoding": enc}), 200)
                head = s.request("HEAD", path, headers={"Accept-Encoding": enc})
                assert head.status == 200 and head.body == b"", head
                assert head.header("content-length") == str(len(get.body)), (path, enc, head.headers)
                for h in ("etag", "last-modified", "cache-control", "content-type", "content-encoding", "vary"):
                    assert head.header(h) == get.header(h), (path, enc, h, head.header(h), get.header(h))
            if size:
                assert len(get.body) < size, "the script is gzipped for a client that accepts it"
            tag, modified = get.header("etag"), get.header("last-modified")
            assert tag and tag.startswith('W/"') and modified and modified.endswith(" GMT"), get.headers
            r = s.get(path, headers={"If-None-Match": tag})
            assert r.status == 304 and r.body == b"" and r.header("etag") == tag, r
            r = s.get(path, headers={"If-Modified-Since": modified})
            assert r.status == 304 and r.body == b"", r
            r = s.get(path, headers={"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"})
            assert r.status == 200 and r.body, r
            r = s.get(path, headers={"If-None-Match": '"other"', "If-Modified-Since": modified})
            assert r.status == 200, "If-None-Match decides when both are sent"
        s.close()
    t.run("static files carry ETag and Last-Modified, answer 304 to If-None-Match / If-Modified-Since; "
          "HEAD matches GET", static_validators)

    def total_cap_and_proxy_exemption():
        for s in sessions:
            s.close()
        time.sleep(0.3)
        # Trusted proxies are exempt from --max-connections-per-ip 2 but not from --max-connections 6.
        idle = [socket.create_connection(("127.0.0.1", proxy.port), timeout=5) for _ in range(5)]
        try:
            deadline = time.time() + 5
            while True:  # until the server has seen the earlier sessions' connections close
                sixth = Raw(proxy.port)
                sixth.send(request_bytes("GET", "/healthz"))
                r = sixth.response()
                if r.status == 200 or time.time() > deadline:
                    break
                sixth.close()
                time.sleep(0.2)
            assert r.status == 200, f"a proxy's 6th connection (per-IP cap 2 does not apply): {r!r}"
            seventh = Raw(proxy.port)
            seventh.send(request_bytes("GET", "/healthz"))
            r = seventh.response()
            assert r.status == 503, f"the 7th connection is over --max-connections 6: {r!r}"
            assert r.header("retry-after") and r.header("retry-after").isdigit(), r
            assert_security_headers(r, "503")
            assert seventh.closed_within(5)
            sixth.close()
            seventh.close()
        finally:
            for c in idle:
                c.close()
    t.run("--max-connections: over the cap → 503 with Retry-After and closed; trusted proxies are "
          "exempt from the per-IP cap", total_cap_and_proxy_exemption)


def _connection_limits(t, ctx, start):
    def bad_flags():
        for args in (["--trusted-proxy", "proxy.local"], ["--trusted-proxy", "10.0.0.0/33"],
                     ["--max-connections", "0"], ["--max-connections-per-ip", "many"]):
            out = subprocess.run([ctx["binary"], "serve", "--db", ctx["url"], *args], capture_output=True,
                                 text=True, timeout=30, cwd=ctx["workdir"])
            assert out.returncode == 2 and "usage:" in out.stderr, f"serve {' '.join(args)}: {out.returncode} {out.stderr}"
    t.run("serve refuses a malformed --trusted-proxy or connection cap (exit 2, usage)", bad_flags)

    def per_ip_cap():
        caps = start("caps", ["--max-connections-per-ip", "3"])
        time.sleep(0.3)  # the start-up probe's connection is gone
        idle = [socket.create_connection(("127.0.0.1", caps.port), timeout=5) for _ in range(3)]
        try:
            time.sleep(0.3)
            c = Raw(caps.port)
            c.send(request_bytes("GET", "/healthz"))
            r = c.response()
            assert r.status == 503, f"a 4th connection from one address: {r!r}"
            assert r.header("retry-after"), r
            assert_security_headers(r, "503")
            assert c.closed_within(5)
            c.close()
            idle.pop().close()
            deadline = time.time() + 5
            while True:
                r = exchange(caps.port, request_bytes("GET", "/healthz"))
                if r.status == 200 or time.time() > deadline:
                    break
                time.sleep(0.1)
            assert r.status == 200, f"a freed place is usable again: {r!r}"
        finally:
            for s in idle:
                s.close()
    t.run("--max-connections-per-ip 3: the 4th connection from 127.0.0.1 → 503 with Retry-After; "
          "a closed one frees its place", per_ip_cap)

    def out_of_descriptors():
        # 128 descriptors: the server runs out after ~100 connections; the rest wait in the backlog
        # while accept() fails with EMFILE. Connection caps are set out of the way.
        srv = start("fd-limited", ["--max-connections-per-ip", "1000"],
                    launcher=["bash", "-c", 'ulimit -n 128 && exec "$@"', "bash"])
        conns = []
        try:
            for _ in range(200):
                conns.append(socket.create_connection(("127.0.0.1", srv.port), timeout=5))
            time.sleep(1.0)
            before = cpu_seconds(srv.proc.pid)
            time.sleep(2.0)
            spent = cpu_seconds(srv.proc.pid) - before
        finally:
            for s in conns:
                s.close()
        deadline = time.time() + 15
        r = None
        while time.time() < deadline:
            try:
                r = exchange(srv.port, request_bytes("GET", "/healthz"), timeout=3)
                if r.status == 200:
                    break
            except (AssertionError, OSError):
                pass
            time.sleep(0.2)
        assert spent < 0.5, f"the server burnt {spent:.2f} s of CPU in 2 s with 200 idle connections " \
                            "at its descriptor limit (the accept loop must back off)"
        assert r is not None and r.status == 200, f"/healthz after the connections closed: {r!r}"
        log = srv.tail_log(1000000)
        # One line per burst of errors, not one per error: closing 200 connections at once can
        # cause a second short burst while the backlog drains.
        bursts = log.count('"event":"accept_failing"')
        assert 1 <= bursts <= 5, f"want a log line per burst of accept errors, got {bursts}"
        assert '"event":"accept_recovered"' in log, "recovery not logged"
    t.run("out of descriptors (ulimit -n 128, 200 idle connections): the accept loop backs off (no CPU "
          "spin), logs once, and /healthz answers once they close", out_of_descriptors)
