#!/usr/bin/env bash
# Foundation benchmark: builds Release, generates the 5,000-client demo on SQLite, starts the server
# and measures GET /api/v1/clients?limit=50 and GET /api/v1/time-entries?month=… with wrk on loopback.
# Usage: bench/run.sh [CLIENTS] [SECONDS]   — prints the figures recorded in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-5000}
seconds=${2:-10}
bash scripts/install-deps.sh >/dev/null
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j2 >/dev/null
bin=build/release/retainer
dir=$(mktemp -d /tmp/retainer-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$dir"' EXIT

start=$(date +%s%N)
$bin demo --db "sqlite:$dir/bench.db" --clients "$clients" >"$dir/demo.log"
end=$(date +%s%N)
echo "demo --clients $clients: $(cat "$dir/demo.log" | head -1)"
echo "demo generation: $(( (end - start) / 1000000 )) ms"

$bin serve --db "sqlite:$dir/bench.db" --listen "127.0.0.1:$port" >"$dir/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"email":"owner@demo.local","password":"demo"}' "http://127.0.0.1:$port/api/v1/auth/login" |
  grep -i '^set-cookie:' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')
month=$(date -u +%Y-%m)

measure() {  # measure NAME PATH
  local out
  out=$(wrk -t2 -c32 -d"${seconds}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port$2")
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  local non2xx; non2xx=$(echo "$out" | awk '/Non-2xx/ {print $4}')
  printf '%-45s %10s req/s   p50 %8s   p99 %8s   %s\n' "$1" "$rps" "$p50" "$p99" "${non2xx:+non-2xx: $non2xx}"
}
echo "wrk: 2 threads, 32 keep-alive connections, ${seconds}s each, on the same 2-core machine as the server"
measure "GET /api/v1/clients?limit=50" "/api/v1/clients?limit=50"
measure "GET /api/v1/clients?q=ооо&limit=50" "/api/v1/clients?q=%D0%BE%D0%BE%D0%BE&limit=50"
measure "GET /api/v1/time-entries?month=$month" "/api/v1/time-entries?month=$month"
measure "GET /api/v1/time-entries?month=$month&offset=5000" "/api/v1/time-entries?month=$month&offset=5000"
