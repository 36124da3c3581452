#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (clang, ASan, UBSan) and runs each for a bounded time over a
# copy of its committed corpus, so a run never changes fuzz/corpus. A target passes when it finds
# nothing; a crash, a sanitizer report, a broken property or a hang fails it, and its reproducer is
# kept under build/fuzz/findings/ and printed. Prints one closing line "N passed, M failed".
#
#   scripts/fuzz.sh                          every target, FUZZ_SECONDS (default 20) each, two at once
#   FUZZ_SECONDS=600 scripts/fuzz.sh csv     one target for ten minutes
# FUZZ_JOBS sets how many run at once (default 2, one a core of this machine).
# docs/fuzzing.md: running longer, replaying a reproducer, adding a target.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-20}
build=build/fuzz
findings=$build/findings

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail_build() {
    tail -40 "$work/build.log"
    echo "fuzz: $1"
    echo "0 passed, 1 failed"
    exit 1
}

started=$SECONDS
cmake -S . -B "$build" -G Ninja -DRETAINER_FUZZ=ON -DRETAINER_WERROR=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="${FUZZ_CXX:-clang++-14}" \
    >"$work/build.log" 2>&1 || fail_build "configuring $build failed"
cmake --build "$build" -j2 >>"$work/build.log" 2>&1 || fail_build "building $build failed"
echo "fuzz: targets built in $((SECONDS - started)) s"

# A target is a fuzz/NAME.cpp defining LLVMFuzzerTestOneInput; each must have been built.
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for f in $(grep -l LLVMFuzzerTestOneInput fuzz/*.cpp); do targets+=("$(basename "$f" .cpp)"); done
fi

mkdir -p "$findings"
# Stack traces with file and line; Debian installs the symbolizer under a versioned name.
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ] && command -v llvm-symbolizer-14 >/dev/null; then
    export ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer-14)
fi
# run_target NAME: fuzzes one target; writes its report to $work/NAME.report and its verdict to
# $work/NAME.verdict (pass or fail).
run_target() {
    local t=$1
    local bin=$build/fuzz/fuzz_$t report=$work/$t.report
    if [ ! -x "$bin" ]; then
        echo "fuzz_$t: not built; add retainer_fuzz($t …) to fuzz/CMakeLists.txt" >"$report"
        echo fail >"$work/$t.verdict"
        return
    fi
    local corpus=$work/corpus/$t
    mkdir -p "$corpus"
    if [ -d "fuzz/corpus/$t" ]; then cp fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null; fi
    local seeds
    seeds=$(ls "$corpus" | wc -l)
    local opts=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048
        -artifact_prefix="$findings/$t-")
    if [ -f "fuzz/$t.dict" ]; then opts+=(-dict="fuzz/$t.dict"); fi
    rm -f "$findings/$t-"*
    local log=$work/$t.log
    UBSAN_OPTIONS=print_stacktrace=1 "$bin" "${opts[@]}" "$corpus" >"$log" 2>&1
    local rc=$?
    local found
    found=$(ls "$findings/$t-"* 2>/dev/null)
    if [ "$rc" -eq 0 ] && [ -z "$found" ]; then
        local runs
        runs=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 | grep -oE '^#[0-9]+' | tr -d '#')
        echo "fuzz_$t: nothing found in ${runs:-?} runs ($seconds s; corpus $seeds → $(ls "$corpus" | wc -l))" >"$report"
        echo pass >"$work/$t.verdict"
    else
        {
            echo "fuzz_$t: FAILED (exit $rc)"
            grep -E 'property failed|ERROR: |runtime error|terminate called|what\(\)' "$log" | head -5
            grep -E '^ +#[0-9]+ ' "$log" | grep -vE 'fuzzer::|__sanitizer|libc\.so|nptl|raise\.c|abort\.c' |
                head -10
            for f in $found; do echo "reproducer: $f (replay: $bin $f)"; done
        } >"$report"
        echo fail >"$work/$t.verdict"
    fi
}

# Targets run side by side, one a core: each still gets its full time on a core of its own.
jobs=${FUZZ_JOBS:-2}
for t in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
    run_target "$t" &
done
wait

passed=0
failed=0
for t in "${targets[@]}"; do
    cat "$work/$t.report"
    if [ "$(cat "$work/$t.verdict")" = pass ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "fuzz: $((SECONDS - started)) s in all"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
