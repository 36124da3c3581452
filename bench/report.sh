#!/usr/bin/env bash
# Time report benchmark (issue 3 item 5): the demo agency on SQLite (740 clients ≈ 300,000 time
# entries over 12 months), then GET /api/v1/reports/time for a full year in several shapes, one
# connection at a time, so p50/p99 are the server's build time plus loopback.
# Usage: bench/report.sh [CLIENTS] [SECONDS]   — prints the figures recorded in docs/reports.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
seconds=${2:-10}
bench_start "${1:-740}"
entries=$(sqlite3 "$dir/bench.db" 'SELECT COUNT(*) FROM time_entries')
range=$(sqlite3 "$dir/bench.db" "SELECT MIN(date) || ' .. ' || MAX(date) FROM time_entries")
echo "time entries: $entries ($range)"

# Twelve whole months ending with the current one, and the same year cut mid-month at both ends.
from=$(date -u -d "$(date -u +%Y-%m-01) -11 months" +%Y-%m-%d)
to=$(date -u -d "$(date -u +%Y-%m-01) +1 month -1 day" +%Y-%m-%d)
mid_from=$(date -u -d "$from +14 days" +%Y-%m-%d)
mid_to=$(date -u -d "$to -10 days" +%Y-%m-%d)
r="/api/v1/reports/time?from=$from&to=$to"

size() {  # size PATH [CURL_ARGS…] — bytes of the answer
  local path=$1; shift
  curl -s -H "Cookie: $cookie" "$@" "$base$path" | wc -c
}
shape() {  # shape PATH — "N lines, M columns" of a JSON report
  curl -s -H "Cookie: $cookie" "$base$1" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["lines"]), "lines,", len(d["columns"]), "columns")'
}
lines=$(shape "$r&rows=employee,service&cols=month")
echo "year × employee × service × month: $lines; JSON $(size "$r&rows=employee,service&cols=month") bytes," \
  "gzip $(size "$r&rows=employee,service&cols=month" -H 'Accept-Encoding: gzip'), CSV $(size "$r&rows=employee,service&cols=month&format=csv")," \
  "XLSX $(size "$r&rows=employee,service&cols=month&format=xlsx")"
echo "wrk: 1 connection (sequential requests), ${seconds}s each, server and wrk on the same 2-core machine"
measure "owner, employee×service×month, $from..$to" "$r&rows=employee,service&cols=month" 1
measure "owner, same, gzip" "$r&rows=employee,service&cols=month" 1 -H 'Accept-Encoding: gzip'
measure "owner, same, mid-month edges $mid_from..$mid_to" \
  "/api/v1/reports/time?from=$mid_from&to=$mid_to&rows=employee,service&cols=month" 1
measure "owner, direction×employee×month" "$r&rows=direction,employee&cols=month" 1
measure "owner, client×week, gzip" "$r&rows=client&cols=week" 1 -H 'Accept-Encoding: gzip'
measure "owner, group×day (365 columns)" "/api/v1/reports/time?from=$mid_from&to=$(date -u -d "$mid_from +364 days" +%Y-%m-%d)&rows=group&cols=day" 1
measure "owner, employee×service×month, CSV" "$r&rows=employee,service&cols=month&format=csv" 1
measure "owner, employee×service×month, XLSX" "$r&rows=employee,service&cols=month&format=xlsx" 1
measure "owner, 4 concurrent, employee×service×month, gzip" "$r&rows=employee,service&cols=month" 4 -H 'Accept-Encoding: gzip'
cookie=$(bench_login manager@demo.local)
measure "manager (scoped, $(shape "$r&rows=employee,service&cols=month" | cut -d, -f1)), employee×service×month" "$r&rows=employee,service&cols=month" 1
cookie=$(bench_login specialist@demo.local)
measure "specialist (scoped, $(shape "$r&rows=employee,service&cols=month" | cut -d, -f1)), employee×service×month" "$r&rows=employee,service&cols=month" 1
measure "specialist (scoped), service×week" "$r&rows=service&cols=week" 1
