#!/usr/bin/env bash
# Line coverage of the C++ core (src/core/*.cpp) by the native test suite.
#   tools/coverage.sh [--html]
# Builds llmcalc_core + tests with -DLLMCALC_COVERAGE=ON (--coverage -O0 on the core) in build/coverage, runs
# ctest (the doctest binary and the CLI smoke test), collects with lcov and prints "core line coverage: NN.N%".
# --html also writes build/coverage/html/index.html (genhtml). Test failures are reported but do not stop the
# measurement (exit code 1 at the end if any test failed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${LLMCALC_COVERAGE_BUILD:-$root/build/coverage}
html=0
[ "${1:-}" = "--html" ] && html=1

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DLLMCALC_COVERAGE=ON -DLLMCALC_TESTS=ON >/dev/null
cmake --build "$build" -j2 >/dev/null
# A source edited by someone else while compiling leaves stale objects: a second pass rebuilds them.
cmake --build "$build" -j2 >/dev/null
# Counters from an earlier run would add up: start from zero.
find "$build" -name '*.gcda' -delete

tests_ok=1
ctest --test-dir "$build" --output-on-failure >"$build/ctest.log" 2>&1 || tests_ok=0
tail -n 3 "$build/ctest.log"

# Baseline (every instrumented line at zero) + the run: files no test touches still count, at 0%.
lcov --quiet --capture --initial --directory "$build" --base-directory "$root" --output-file "$build/base.info" 2>/dev/null
lcov --quiet --capture --directory "$build" --base-directory "$root" --output-file "$build/run.info" 2>/dev/null
lcov --quiet -a "$build/base.info" -a "$build/run.info" --output-file "$build/all.info" 2>/dev/null
lcov --quiet --extract "$build/all.info" "$root/src/core/*.cpp" --output-file "$build/core.info" 2>/dev/null

# Per-file table (lines hit / lines found) from the tracefile, then the total.
python3 - "$build/core.info" "$root" <<'PY'
import sys, os
info, root = sys.argv[1], sys.argv[2]
files, cur = [], None
for line in open(info):
    line = line.strip()
    if line.startswith('SF:'):
        cur = [os.path.relpath(line[3:], root), 0, 0]
    elif line.startswith('LF:'):
        cur[2] = int(line[3:])
    elif line.startswith('LH:'):
        cur[1] = int(line[3:])
    elif line == 'end_of_record' and cur:
        files.append(cur); cur = None
hit = sum(f[1] for f in files); found = sum(f[2] for f in files)
for name, h, n in sorted(files, key=lambda f: f[1] / max(1, f[2])):
    print(f'  {100.0 * h / max(1, n):5.1f}%  {h:5d}/{n:<5d} {name}')
print(f'core line coverage: {100.0 * hit / max(1, found):.1f}% ({hit}/{found} lines of {len(files)} files)')
PY

if [ "$html" = 1 ]; then
  genhtml --quiet --output-directory "$build/html" "$build/core.info" >/dev/null
  echo "html: $build/html/index.html"
fi
[ "$tests_ok" = 1 ] || { echo "coverage: some tests failed (see $build/ctest.log)" >&2; exit 1; }
