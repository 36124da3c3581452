# Shared by the bench scripts: builds Release, fills a demo database, starts the server, logs in.
# After `bench_start CLIENTS`: $bin, $dir, $port, $base, $cookie are set; the server stops on exit.
bench_start() {
  local clients=$1
  bash scripts/install-deps.sh >/dev/null
  cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/release -j2 >/dev/null
  bin=build/release/retainer
  dir=$(mktemp -d /tmp/retainer-bench.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  base="http://127.0.0.1:$port"
  trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$dir"' EXIT
  local start end
  start=$(date +%s%N)
  $bin demo --db "sqlite:$dir/bench.db" --clients "$clients" >"$dir/demo.log"
  end=$(date +%s%N)
  echo "demo --clients $clients: $(head -1 "$dir/demo.log")"
  echo "demo generation: $(( (end - start) / 1000000 )) ms"
  $bin serve --db "sqlite:$dir/bench.db" --listen "127.0.0.1:$port" >"$dir/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
  cookie=$(bench_login owner@demo.local)
}

bench_login() {  # prints the session cookie of a demo account
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"demo\"}" "$base/api/v1/auth/login" |
    grep -i '^set-cookie:' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/'
}

# measure NAME PATH [CONNECTIONS] [EXTRA_WRK_ARGS…] — one line: throughput, p50, p99
measure() {
  local name=$1 path=$2 conns=${3:-32}
  shift 3 || shift $#
  local out
  local threads=2; [ "$conns" -lt 2 ] && threads=1
  out=$(wrk -t"$threads" -c"$conns" -d"${seconds}s" --latency -H "Cookie: $cookie" "$@" "$base$path")
  local rps p50 p99 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $4}')
  printf '%-55s %10s req/s   p50 %8s   p99 %8s   %s\n' "$name" "$rps" "$p50" "$p99" "${non2xx:+non-2xx: $non2xx}"
}
