#!/usr/bin/env python3
"""Proposal and PDF timings on a running server (bench/paperwork.sh starts one on the demo).

Per round: POST an estimate (5 lines from the price list) on a demo deal, POST …/proposal (the
document), GET …/preview (the HTML the client sees), GET …/pdf twice (rendered, then cached).
Prints p50, p95 and max per step, measured from this client over loopback.
"""
import http.client
import json
import statistics
import sys
import time

base_port = int(sys.argv[1])
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
conn = http.client.HTTPConnection("127.0.0.1", base_port, timeout=60)
headers = {"Content-Type": "application/json"}


def call(method, path, body=None):
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    r = conn.getresponse()
    data = r.read()
    if r.status >= 300:
        raise SystemExit(f"{method} {path} → {r.status}: {data[:300]!r}")
    return r, data


r, data = call("POST", "/api/v1/auth/login", {"email": "sales@demo.local", "password": "demo"})
headers["Cookie"] = r.getheader("Set-Cookie").split(";", 1)[0]
headers["X-CSRF-Token"] = json.loads(data)["csrf_token"]
items = json.loads(call("GET", "/api/v1/price-items?limit=100")[1])["items"]
deals = json.loads(call("GET", "/api/v1/deals?limit=%d" % rounds)[1])["items"]

steps = {"estimate (POST, 5 lines)": [], "proposal from estimate (POST)": [], "HTML (GET preview)": [],
         "PDF, rendered (GET)": [], "PDF, cached (GET)": []}
sizes = []
for i in range(rounds):
    deal = deals[i % len(deals)]
    lines = [{"price_item_id": items[(i + k) % len(items)]["id"], "quantity": 1 + k, "discount_percent": 5 * (k % 2)}
             for k in range(5)]
    t = time.perf_counter()
    est = json.loads(call("POST", "/api/v1/estimates", {"deal_id": deal["id"], "lines": lines})[1])
    steps["estimate (POST, 5 lines)"].append(time.perf_counter() - t)
    t = time.perf_counter()
    doc = json.loads(call("POST", f"/api/v1/estimates/{est['id']}/proposal", {})[1])
    steps["proposal from estimate (POST)"].append(time.perf_counter() - t)
    t = time.perf_counter()
    call("GET", f"/api/v1/documents/{doc['id']}/preview")
    steps["HTML (GET preview)"].append(time.perf_counter() - t)
    t = time.perf_counter()
    _, pdf = call("GET", f"/api/v1/documents/{doc['id']}/pdf")
    steps["PDF, rendered (GET)"].append(time.perf_counter() - t)
    sizes.append(len(pdf))
    t = time.perf_counter()
    call("GET", f"/api/v1/documents/{doc['id']}/pdf")
    steps["PDF, cached (GET)"].append(time.perf_counter() - t)

print(f"{rounds} rounds, one client, loopback; PDF size p50 {statistics.median(sizes) / 1024:.0f} KiB")
for name, xs in steps.items():
    xs = sorted(x * 1000 for x in xs)
    p95 = xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]
    print(f"{name:32s} p50 {statistics.median(xs):8.1f} ms   p95 {p95:8.1f} ms   max {xs[-1]:8.1f} ms")
