#!/usr/bin/env bash
# Dashboard benchmark (issue 3): the 5,000-client demo on SQLite; prints the time the server takes
# to build GET /api/v1/dashboard (one connection at a time, so latency is the build time plus
# loopback), the payload size raw and gzipped, and the same for a specialist's scoped dashboard.
# Usage: bench/dashboard.sh [CLIENTS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
seconds=${2:-10}
bench_start "${1:-5000}"
period=$(TZ=Europe/Moscow date +%Y-%m)
path="/api/v1/dashboard?period=$period"
raw=$(curl -s -H "Cookie: $cookie" "$base$path" | wc -c)
gz=$(curl -s -H "Cookie: $cookie" -H 'Accept-Encoding: gzip' "$base$path" | wc -c)
services=$(curl -s -H "Cookie: $cookie" "$base$path" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["totals"]["services"], "services,", d["totals"]["clients"], "clients")')
echo "payload: $services; $raw bytes raw, $gz bytes gzip"
python3 bench/dashboard_cold.py "$base" 20
echo "wrk (data unchanged, so answers come from the payload cache): 1 connection unless noted, ${seconds}s each"
measure "dashboard, owner, identity" "$path" 1
measure "dashboard, owner, gzip" "$path" 1 -H 'Accept-Encoding: gzip'
measure "dashboard, owner, 4 concurrent" "$path" 4 -H 'Accept-Encoding: gzip'
cookie=$(bench_login specialist@demo.local)
measure "dashboard, specialist (scoped)" "$path" 1 -H 'Accept-Encoding: gzip'
cookie=$(bench_login manager@demo.local)
measure "dashboard, manager (scoped)" "$path" 1 -H 'Accept-Encoding: gzip'
