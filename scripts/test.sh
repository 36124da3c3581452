#!/usr/bin/env bash
# Every test of the project, as CI runs it: install packages, build with -Werror, the architecture
# checks (tests/arch: who writes which table, migrations never edited), unit tests, the
# fuzz targets for a bounded time, API tests on SQLite and on a throwaway PostgreSQL with their
# responses checked against docs/openapi.yaml, then the same under ASan+UBSan.
# Prints one closing line "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash scripts/install-deps.sh || exit 1

passed=0
failed=0
failures=()
step() {  # step NAME COMMAND… — runs one suite, counts it by the "N passed, M failed" line it prints
  local name=$1; shift
  echo "=== $name"
  local log; log=$(mktemp)
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line; line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  if [ -n "$line" ]; then
    passed=$((passed + $(echo "$line" | awk '{print $1}')))
    failed=$((failed + $(echo "$line" | awk '{print $3}')))
  fi
  if [ "$rc" -ne 0 ]; then
    failures+=("$name")
    [ -z "$line" ] && failed=$((failed + 1))
  fi
  rm -f "$log"
}

build() {  # build DIR EXTRA_CMAKE_ARGS…
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DRETAINER_WERROR=ON "$@" >/dev/null && cmake --build "$dir" -j2
}

unit() {  # unit BUILD_DIR — GoogleTest, summarised as "N passed, M failed"
  local out; out=$("$1/unit_tests" 2>&1); local rc=$?
  echo "$out" | grep -vE '^\[       OK \]|^\[ RUN      \]' | tail -40
  local total; total=$(echo "$out" | grep -oE '^\[==========\] [0-9]+ tests? ' | tail -1 | grep -oE '[0-9]+')
  local bad; bad=$(echo "$out" | grep -cE '^\[  FAILED  \] [A-Za-z]' || true)
  echo "$(( ${total:-0} - bad )) passed, $bad failed"
  return $rc
}

format_check() {
  local bad
  bad=$(git ls-files 'src/*.cpp' 'src/*.hpp' 'fuzz/*.cpp' 'fuzz/*.hpp' | xargs clang-format --dry-run 2>&1 | grep -c 'warning:' || true)
  if [ "$bad" -gt 0 ]; then
    git ls-files 'src/*.cpp' 'src/*.hpp' 'fuzz/*.cpp' 'fuzz/*.hpp' | xargs clang-format --dry-run 2>&1 | grep 'warning:' | head -5
    echo "0 passed, 1 failed"; return 1
  fi
  echo "1 passed, 0 failed"
}

step "build (Release, -Werror)" build build/ci -DCMAKE_BUILD_TYPE=Release
step "format" format_check
step "architecture: table owners, applied migrations" python3 tests/arch/run.py
step "unit tests" unit build/ci
step "fuzz (libFuzzer, 20 s a target)" bash scripts/fuzz.sh
step "OpenAPI matches routes" python3 tests/docs/check_openapi.py --binary build/ci/retainer
step "server texts have Russian" python3 tests/docs/check_messages.py
# The contract (docs/contract-tests.md): Spectral lints docs/openapi.yaml, then every exchange the API
# tests make is recorded and validated against it, per backend.
step "OpenAPI lint (Spectral)" bash -c 'cd tests/contract && npm ci --no-audit --no-fund && node lint.mjs'
step "API contract check self-test" node tests/contract/selftest.mjs
exchanges=$(mktemp -d)
step "API tests, SQLite" python3 tests/api/run.py --binary build/ci/retainer --backend sqlite \
  --record "$exchanges/sqlite.jsonl"
step "API contract, SQLite" node tests/contract/check.mjs --exchanges "$exchanges/sqlite.jsonl" --backend sqlite
step "API tests, PostgreSQL" scripts/with-postgres.sh python3 tests/api/run.py --binary build/ci/retainer \
  --backend postgresql --record "$exchanges/postgresql.jsonl"
step "API contract, PostgreSQL" node tests/contract/check.mjs --exchanges "$exchanges/postgresql.jsonl" \
  --backend postgresql
rm -rf "$exchanges"
step "web unit tests" bash -c 'cd web && npm ci --no-audit --no-fund && npm test'
# Screenshots of a CI run go to a temp dir; docs/screenshots is refreshed by running run.mjs by hand.
step "browser tests" node web/e2e/run.mjs --binary build/ci/retainer --screenshots "$(mktemp -d)"
step "build (ASan+UBSan)" build build/asan -DCMAKE_BUILD_TYPE=Debug -DRETAINER_SANITIZE=ON
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
step "unit tests (ASan+UBSan)" unit build/asan
step "API tests, SQLite (ASan+UBSan)" python3 tests/api/run.py --binary build/asan/retainer --backend sqlite

echo
if [ ${#failures[@]} -gt 0 ]; then echo "failed suites: ${failures[*]}"; fi
echo "$passed passed, $failed failed"
[ ${#failures[@]} -eq 0 ]
