#!/usr/bin/env python3
"""Dashboard build time when the data has just changed (the cache cannot help), and when it has not.

    python3 bench/dashboard_cold.py BASE_URL [ROUNDS]

Each round logs one time entry as the owner (a new audit id, so the cached payload is stale) and
then fetches the dashboard twice: the first answer is built from the database ("miss"), the second
is served from the cache ("hit"). Prints p50/p99 of the wall time and of the server's own
Server-Timing parts for the misses.
"""
import datetime
import http.client
import json
import statistics
import sys
import time
import urllib.parse


def main():
    base = urllib.parse.urlsplit(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    conn = http.client.HTTPConnection(base.hostname, base.port, timeout=120)

    def call(method, path, body=None, headers=None):
        h = dict(headers or {})
        if body is not None:
            h["Content-Type"] = "application/json"
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
        r = conn.getresponse()
        return r, r.read()

    r, body = call("POST", "/api/v1/auth/login", {"email": "owner@demo.local", "password": "demo"})
    cookie = r.getheader("Set-Cookie").split(";")[0]
    auth = {"Cookie": cookie, "X-CSRF-Token": json.loads(body)["csrf_token"]}
    r, body = call("GET", "/api/v1/services?limit=1", headers=auth)
    service = json.loads(body)["items"][0]["id"]
    today = datetime.date.today().isoformat()

    miss, hit, parts = [], [], {}
    for i in range(rounds + 2):
        r, body = call("POST", "/api/v1/time-entries", {"service_id": service, "date": today,
                                                         "duration_minutes": 1, "note": "bench"}, auth)
        assert r.status == 201, body
        for kind in ("miss", "hit"):
            t = time.perf_counter()
            r, body = call("GET", "/api/v1/dashboard", headers=auth)
            ms = (time.perf_counter() - t) * 1000
            assert r.status == 200
            timing = r.getheader("Server-Timing") or ""
            if i < 2:
                continue  # warm-up
            (miss if kind == "miss" else hit).append(ms)
            if kind == "miss":
                assert "miss" in timing, timing
                for part in timing.split(","):
                    name, _, rest = part.strip().partition(";dur=")
                    if rest:
                        parts.setdefault(name, []).append(float(rest))

    def fmt(xs):
        xs = sorted(xs)
        return f"p50 {statistics.median(xs):6.1f} ms   p99 {xs[min(len(xs) - 1, int(len(xs) * 0.99))]:6.1f} ms"
    total = parts.pop("total")  # the parts overlap: client figures run beside services and rollups
    print(f"after a write (cache miss), wall:    {fmt(miss)}   ({len(miss)} rounds, {len(body)} bytes)")
    print(f"after a write (cache miss), server:  {fmt(total)}   (Server-Timing total: build only)")
    print("  parts (p50): " + ", ".join(f"{k} {statistics.median(v):.1f}" for k, v in parts.items()))
    print(f"unchanged data (cache hit), wall:    {fmt(hit)}")


main()
