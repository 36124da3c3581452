#!/usr/bin/env bash
# Foundation benchmark: builds Release, generates the 5,000-client demo on SQLite, starts the server
# and measures GET /api/v1/clients?limit=50 and GET /api/v1/time-entries?month=… with wrk on loopback.
# Usage: bench/run.sh [CLIENTS] [SECONDS]   — prints the figures recorded in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
seconds=${2:-10}
bench_start "${1:-5000}"
month=$(date -u +%Y-%m)
echo "wrk: 2 threads, 32 keep-alive connections, ${seconds}s each, on the same 2-core machine as the server"
measure "GET /api/v1/clients?limit=50" "/api/v1/clients?limit=50"
measure "GET /api/v1/clients?q=ооо&limit=50" "/api/v1/clients?q=%D0%BE%D0%BE%D0%BE&limit=50"
measure "GET /api/v1/time-entries?month=$month" "/api/v1/time-entries?month=$month"
measure "GET /api/v1/time-entries?month=$month&offset=5000" "/api/v1/time-entries?month=$month&offset=5000"
