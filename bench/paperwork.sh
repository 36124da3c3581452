#!/usr/bin/env bash
# Sales paperwork benchmark: on the demo (SQLite), a proposal made from a 5-line estimate, its HTML
# and its PDF (WeasyPrint in a child process with no network), per document.
# Usage: bench/paperwork.sh [CLIENTS] [ROUNDS] — prints the figures recorded in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench_start "${1:-5000}"
python3 bench/paperwork.py "$port" "${2:-20}"
